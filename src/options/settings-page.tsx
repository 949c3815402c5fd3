import { useEffect, useState } from "preact/hooks";
import { AUTH_FAILURE_STATUSES } from "../core/auth-status";
import { t } from "../platform/i18n";
import { isSiteName, type Settings, type SettingsStore } from "../platform/settings";

/** The settings page: banner on/off (globally and per site), statuses that count, sites to ignore. */
export function SettingsPage({ store }: { store: SettingsStore }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState("");
  const [draft, setDraft] = useState("");
  const [draftError, setDraftError] = useState("");

  useEffect(() => {
    void store.read().then(setSettings);
  }, [store]);

  const save = (next: Settings) => {
    setSettings(next);
    store
      .write(next)
      .then(() => setStatus(t("settingsSaved")))
      .catch((error: unknown) => setStatus(t("settingsSaveFailed", error instanceof Error ? error.message : String(error))));
  };

  if (!settings) return <main aria-busy="true">{t("popupLoading")}</main>;

  const addIgnored = (event: Event) => {
    event.preventDefault();
    const site = draft.trim().toLowerCase();
    if (!isSiteName(site)) return setDraftError(t("settingsBadSite", draft));
    setDraftError("");
    setDraft("");
    save({ ...settings, ignoredSites: [...settings.ignoredSites.filter((s) => s !== site), site] });
  };

  return (
    <main class="settings">
      <h1>{t("settingsTitle")}</h1>
      <p>
        <label>
          <input type="checkbox" checked={settings.bannerEnabled} onChange={(e) => save({ ...settings, bannerEnabled: e.currentTarget.checked })} /> {t("settingsBanner")}
        </label>
      </p>
      <p>
        <label>
          <input type="checkbox" checked={settings.reloadAfterFix} onChange={(e) => save({ ...settings, reloadAfterFix: e.currentTarget.checked })} /> {t("settingsReload")}
        </label>
      </p>
      <p>
        <label>
          <input
            type="checkbox"
            checked={settings.watchSubresources}
            aria-describedby="subresources-hint"
            onChange={(e) => save({ ...settings, watchSubresources: e.currentTarget.checked })}
          />{" "}
          {t("settingsSubresources")}
        </label>
        <br />
        <small id="subresources-hint">{t("settingsSubresourcesHint")}</small>
      </p>
      <fieldset>
        <legend>{t("settingsStatuses")}</legend>
        {AUTH_FAILURE_STATUSES.map((code) => (
          <label key={code} class="inline">
            <input
              type="checkbox"
              checked={settings.statuses.includes(code)}
              onChange={(e) => save({ ...settings, statuses: e.currentTarget.checked ? [...settings.statuses, code] : settings.statuses.filter((s) => s !== code) })}
            />{" "}
            {code}
          </label>
        ))}
      </fieldset>
      <SiteList title={t("settingsBannerOff")} sites={settings.bannerOffSites} onRemove={(site) => save({ ...settings, bannerOffSites: settings.bannerOffSites.filter((s) => s !== site) })} />
      <SiteList title={t("settingsIgnored")} sites={settings.ignoredSites} onRemove={(site) => save({ ...settings, ignoredSites: settings.ignoredSites.filter((s) => s !== site) })} />
      <form onSubmit={addIgnored}>
        <label for="ignore-site">{t("settingsAddIgnored")}</label>{" "}
        <input id="ignore-site" value={draft} aria-invalid={draftError ? "true" : "false"} aria-describedby="ignore-error" onInput={(e) => setDraft(e.currentTarget.value)} />{" "}
        <button type="submit">{t("settingsAdd")}</button>
        <p id="ignore-error" class="error" role="alert">
          {draftError}
        </p>
      </form>
      <p role="status">{status}</p>
    </main>
  );
}

function SiteList({ title, sites, onRemove }: { title: string; sites: string[]; onRemove: (site: string) => void }) {
  return (
    <section>
      <h2>{title}</h2>
      {sites.length === 0 ? (
        <p>{t("settingsNone")}</p>
      ) : (
        <ul>
          {sites.map((site) => (
            <li key={site}>
              {site}{" "}
              <button type="button" onClick={() => onRemove(site)}>
                {t("settingsRemove", site)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
