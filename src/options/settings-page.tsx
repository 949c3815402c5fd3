import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { AUTH_FAILURE_STATUSES, type AuthFailureStatus } from "../core/headers/auth-status";
import { duration } from "../core/report/text";
import { LOOK_CLOSER_MS } from "../messaging/protocol";
import { t, type MessageKey } from "../platform/i18n";
import type { Policy } from "../platform/policy";
import { isSiteName } from "../core/site-name";
import type { Settings, SettingsStore } from "../platform/settings";

/** What each status means, in words: the codes alone say nothing to most people. */
const STATUS_WORDS: Record<AuthFailureStatus, MessageKey> = {
  401: "settingsStatus401",
  403: "settingsStatus403",
  407: "settingsStatus407",
  419: "settingsStatus419",
  422: "settingsStatus422",
  440: "settingsStatus440",
};

/** The id of the "Set by your organisation" note a control the policy fixes is described by. */
const MANAGED_NOTE = "managed-note";

/**
 * The settings page: each option with what it does, the statuses in words, the sites AuthLens
 * leaves alone, a reset (with undo), the version and what AuthLens keeps. What the organisation
 * set (managed storage) is shown, not editable.
 */
export function SettingsPage({ store, version }: { store: SettingsStore; version: string }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [policy, setPolicy] = useState<Policy>({});
  const [status, setStatus] = useState("");
  const [undo, setUndo] = useState<Settings | null>(null);
  const [draft, setDraft] = useState("");
  const [draftError, setDraftError] = useState("");

  useEffect(() => {
    void Promise.all([store.read(), store.policy()]).then(([s, p]) => {
      setPolicy(p);
      setSettings(s);
    });
  }, [store]);

  const failed = (error: unknown) => setStatus(t("settingsSaveFailed", error instanceof Error ? error.message : String(error)));
  const save = (next: Settings) => {
    setSettings(next);
    setUndo(null);
    store
      .write(next)
      .then(() => setStatus(t("settingsSaved")))
      .catch(failed);
  };
  const reset = () => {
    store
      .reset()
      .then(async (before) => {
        setSettings(await store.read());
        setUndo(before);
        setStatus(t("settingsResetDone"));
      })
      .catch(failed);
  };
  const undoReset = (before: Settings) => {
    store
      .write(before)
      .then(async () => {
        setSettings(await store.read());
        setUndo(null);
        setStatus(t("settingsResetUndone"));
      })
      .catch(failed);
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
  const managed = (key: keyof Policy) => policy[key] !== undefined;
  const anyManaged = Object.keys(policy).length > 0;
  const organisationSites = policy.ignoredSites ?? [];

  return (
    <main class="settings">
      <h1>{t("settingsTitle")}</h1>
      {anyManaged && (
        <p id={MANAGED_NOTE} class="managed">
          {t("settingsManaged")}
        </p>
      )}
      <section aria-labelledby="on-pages">
        <h2 id="on-pages">{t("settingsOnPages")}</h2>
        <Option
          id="banner"
          label={t("settingsBanner")}
          hint={t("settingsBannerHint")}
          checked={settings.bannerEnabled}
          managed={managed("bannerEnabled")}
          onChange={(on) => save({ ...settings, bannerEnabled: on })}
        />
        <Option id="reload" label={t("settingsReloadLabel")} hint={t("settingsReloadHint")} checked={settings.reloadAfterFix} onChange={(on) => save({ ...settings, reloadAfterFix: on })} />
        <Option
          id="look-closer"
          label={t("settingsLookCloser")}
          hint={t("settingsLookCloserHint", duration(LOOK_CLOSER_MS))}
          checked={settings.lookCloserAllowed}
          managed={managed("lookCloserAllowed")}
          onChange={(on) => save({ ...settings, lookCloserAllowed: on })}
        />
      </section>
      <section aria-labelledby="what-counts">
        <h2 id="what-counts">{t("settingsWhatCounts")}</h2>
        <fieldset aria-describedby={managed("statuses") ? `statuses-hint ${MANAGED_NOTE}` : "statuses-hint"}>
          <legend>{t("settingsStatuses")}</legend>
          {AUTH_FAILURE_STATUSES.map((code) => (
            <label key={code} class="choice">
              <input
                type="checkbox"
                checked={settings.statuses.includes(code)}
                disabled={managed("statuses")}
                onChange={(e) => save({ ...settings, statuses: e.currentTarget.checked ? [...settings.statuses, code] : settings.statuses.filter((s) => s !== code) })}
              />
              <span>
                <strong>{code}</strong> {t(STATUS_WORDS[code])}
              </span>
            </label>
          ))}
          <p id="statuses-hint" class="hint">
            {t("settingsStatusesHint")}
          </p>
        </fieldset>
        <Option
          id="subresources"
          label={t("settingsSubresources")}
          hint={t("settingsSubresourcesHint")}
          checked={settings.watchSubresources}
          onChange={(on) => save({ ...settings, watchSubresources: on })}
        />
      </section>
      <section aria-labelledby="sites">
        <h2 id="sites">{t("settingsSites")}</h2>
        <SiteList title={t("settingsIgnored")} sites={settings.ignoredSites} fixed={organisationSites} onRemove={(site) => save({ ...settings, ignoredSites: settings.ignoredSites.filter((s) => s !== site) })} />
        <form onSubmit={addIgnored}>
          <label for="ignore-site">{t("settingsAddIgnored")}</label>{" "}
          <input id="ignore-site" value={draft} aria-invalid={draftError ? "true" : "false"} aria-describedby="ignore-error" onInput={(e) => setDraft(e.currentTarget.value)} />{" "}
          <button type="submit">{t("settingsAdd")}</button>
          <p id="ignore-error" class="error" role="alert">
            {draftError}
          </p>
        </form>
        <SiteList title={t("settingsBannerOff")} sites={settings.bannerOffSites} fixed={[]} onRemove={(site) => save({ ...settings, bannerOffSites: settings.bannerOffSites.filter((s) => s !== site) })} />
      </section>
      <div class="save-state">
        <p role="status">
          {status}
          {undo && (
            <>
              {" "}
              <button type="button" onClick={() => undoReset(undo)}>
                {t("settingsUndoReset")}
              </button>
            </>
          )}
        </p>
      </div>
      <footer class="about">
        <button type="button" onClick={reset}>
          {t("settingsReset")}
        </button>
        <p>{t("settingsPrivacy")}</p>
        <p>
          {t("settingsVersion", version)} · <a href="../welcome/index.html">{t("settingsAbout")}</a>
        </p>
      </footer>
    </main>
  );
}

/** A checkbox with what it does beneath it; fixed (and saying so) when the organisation set it. */
function Option({ id, label, hint, checked, managed = false, onChange }: { id: string; label: string; hint: string; checked: boolean; managed?: boolean; onChange: (on: boolean) => void }) {
  const described = managed ? `${id}-hint ${MANAGED_NOTE}` : `${id}-hint`;
  return (
    <div class="option">
      <label>
        <input type="checkbox" checked={checked} disabled={managed} aria-describedby={described} onChange={(e) => onChange(e.currentTarget.checked)} /> {label}
      </label>
      <p id={`${id}-hint`} class="hint">
        {hint}
        {managed && <span class="managed-tag"> {t("settingsSetByOrganisation")}</span>}
      </p>
    </div>
  );
}

/** Sites in a list, each with a way to remove it; `fixed` ones (the organisation's) have none. */
function SiteList({ title, sites, fixed, onRemove }: { title: string; sites: string[]; fixed: string[]; onRemove: (site: string) => void }) {
  const items: ComponentChildren[] = sites.map((site) => (
    <li key={site}>
      {site}{" "}
      {fixed.includes(site) ? (
        <span class="managed-tag">{t("settingsSetByOrganisation")}</span>
      ) : (
        <button type="button" onClick={() => onRemove(site)}>
          {t("settingsRemove", site)}
        </button>
      )}
    </li>
  ));
  return (
    <div class="site-list">
      <h3>{title}</h3>
      {items.length === 0 ? <p>{t("settingsNone")}</p> : <ul>{items}</ul>}
    </div>
  );
}
