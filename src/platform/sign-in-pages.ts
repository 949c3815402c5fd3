import { signInPageOf, type KnownSignInPage } from "../core/fixes/sign-in-target";
import { registrableDomain } from "../core/site";

/** The slice of `storage.session` the sign-in pages are kept in. */
export interface SignInPagesAreaPort {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Storage key of the sign-in pages seen. Declared once: nothing else names it. */
const KEY = "signInPages";
const MAX_SITES = 100;
const PER_SITE = 3;

function isKnown(value: unknown): value is KnownSignInPage {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<KnownSignInPage>;
  return typeof v.url === "string" && (typeof v.returnParam === "string" || v.returnParam === null) && typeof v.seenAt === "number";
}

/**
 * The sign-in pages of sites, as this browser saw them open in a tab (address without query, and
 * the name of its return parameter; never what was typed there), in `storage.session`: "Sign in"
 * opens the site's own sign-in page where it is known. A top-level page that is no sign-in page
 * costs a URL parse.
 */
export function createSignInPages(area: SignInPagesAreaPort, logError: (message: string, error: unknown) => void, now: () => number = Date.now) {
  let pages: Promise<Map<string, KnownSignInPage[]>> | null = null;
  const load = () =>
    (pages ??= area.get(KEY).then(
      (stored) => {
        const map = new Map<string, KnownSignInPage[]>();
        const value = stored[KEY];
        if (typeof value === "object" && value !== null) for (const [site, list] of Object.entries(value)) if (Array.isArray(list)) map.set(site, list.filter(isKnown).slice(0, PER_SITE));
        return map;
      },
      () => new Map<string, KnownSignInPage[]>(),
    ));

  return {
    /** A top-level page committed: kept if it is a site's sign-in page. */
    async saw(url: string): Promise<void> {
      const page = signInPageOf(url, now());
      const site = page ? registrableDomain(page.url) : null;
      if (!page || !site) return;
      const map = await load();
      map.set(site, [page, ...(map.get(site) ?? []).filter((p) => p.url !== page.url)].slice(0, PER_SITE));
      if (map.size > MAX_SITES) map.delete(map.keys().next().value!);
      await area.set({ [KEY]: Object.fromEntries(map) }).catch((error: unknown) => logError("could not keep a sign-in page", error));
    },
    /** The sign-in page to open for `url`: one of its own origin first, else the newest of its site. */
    async forUrl(url: string): Promise<KnownSignInPage | null> {
      const site = registrableDomain(url);
      if (!site) return null;
      const list = (await load()).get(site) ?? [];
      let origin: string | null = null;
      try {
        origin = new URL(url).origin;
      } catch {
        return null;
      }
      return list.find((p) => p.url.startsWith(`${origin}/`)) ?? list[0] ?? null;
    },
  };
}

export type SignInPages = ReturnType<typeof createSignInPages>;
