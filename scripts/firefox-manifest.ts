/**
 * The Firefox manifest, made from the Chrome one (manifest.json): the differences live here and
 * only here. Firefox's MV3 runs the background as an event page (`background.scripts`), needs a
 * gecko id, and declares what data the add-on collects (none). It reads an organisation's settings
 * from `policies.json` (`3rdparty.Extensions`) without a schema, so `storage.managed_schema` is left out.
 */
export interface ChromeManifest {
  background: { service_worker: string; type?: string };
  minimum_chrome_version?: string;
  storage?: unknown;
  [key: string]: unknown;
}

/** The Gecko id, stable across releases so updates and storage carry over. */
export const GECKO_ID = "authlens@authlens.dev";

export function firefoxManifest(chrome: ChromeManifest): Record<string, unknown> {
  const { background, minimum_chrome_version: _chromeOnly, storage: _managedSchema, ...common } = chrome;
  return {
    ...common,
    background: { scripts: [background.service_worker], type: background.type ?? "module" },
    browser_specific_settings: {
      gecko: {
        id: GECKO_ID,
        // data_collection_permissions is read from Firefox 140 (142 on Android) on.
        strict_min_version: "142.0",
        data_collection_permissions: { required: ["none"] },
      },
    },
  };
}
