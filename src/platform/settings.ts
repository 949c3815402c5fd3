import { AUTH_FAILURE_STATUSES, parseStatuses } from "../core/headers/auth-status";
import { parseSiteList } from "../core/site-name";
import { applyPolicy, readPolicy, withoutPolicy, type ManagedAreaPort, type Policy } from "./policy";

/**
 * The person's choices, kept in `storage.local`: on this device only. (Not `storage.sync`, whose
 * copy the browser's sync service would carry off the device, site names and all.) Declared once,
 * with defaults, validated when read back.
 */
export interface Settings {
  /** Reload the tab by itself after clearing cookies, removing a stale cookie or undoing. */
  reloadAfterFix: boolean;
  /** Show the in-page banner at all. */
  bannerEnabled: boolean;
  /** Registrable domains where the banner was dismissed or turned off. */
  bannerOffSites: string[];
  /** Which of 401, 403, 407, 419, 440 AuthLens records. */
  statuses: number[];
  /** Registrable domains whose failures AuthLens does not record. */
  ignoredSites: string[];
  /** Also watch images, scripts, stylesheets, fonts and media (off: they cost every page load). */
  watchSubresources: boolean;
  /** Offer "Look closer" (an organisation may forbid it: it reads a tab's cookie headers). */
  lookCloserAllowed: boolean;
}

export const DEFAULT_SETTINGS: Settings = { reloadAfterFix: true, bannerEnabled: true, bannerOffSites: [], statuses: [...AUTH_FAILURE_STATUSES], ignoredSites: [], watchSubresources: false, lookCloserAllowed: true };

const SETTINGS_KEY = "settings";
/** Keeps each well-typed field of a stored value and falls back to the default for the rest. */
export function parseSettings(value: unknown): Settings {
  const v = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  return {
    reloadAfterFix: typeof v.reloadAfterFix === "boolean" ? v.reloadAfterFix : DEFAULT_SETTINGS.reloadAfterFix,
    bannerEnabled: typeof v.bannerEnabled === "boolean" ? v.bannerEnabled : DEFAULT_SETTINGS.bannerEnabled,
    bannerOffSites: parseSiteList(v.bannerOffSites) ?? DEFAULT_SETTINGS.bannerOffSites,
    statuses: parseStatuses(v.statuses) ?? DEFAULT_SETTINGS.statuses,
    ignoredSites: parseSiteList(v.ignoredSites) ?? DEFAULT_SETTINGS.ignoredSites,
    watchSubresources: typeof v.watchSubresources === "boolean" ? v.watchSubresources : DEFAULT_SETTINGS.watchSubresources,
    lookCloserAllowed: typeof v.lookCloserAllowed === "boolean" ? v.lookCloserAllowed : DEFAULT_SETTINGS.lookCloserAllowed,
  };
}

export interface StorageAreaPort {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/**
 * The settings in `area`, with the organisation's policy in `managed` over them. `formerArea`:
 * where versions before 0.1 kept them (`storage.sync`); what is found there is moved into `area`
 * on first read and removed, so nothing is lost and no copy is left for the sync service.
 */
export function createSettingsStore(area: StorageAreaPort, formerArea?: StorageAreaPort, managed?: ManagedAreaPort) {
  async function stored(): Promise<unknown> {
    const value = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
    if (value !== undefined || !formerArea) return value;
    const former = (await formerArea.get(SETTINGS_KEY))[SETTINGS_KEY];
    if (former === undefined) return undefined;
    await area.set({ [SETTINGS_KEY]: parseSettings(former) });
    await formerArea.remove(SETTINGS_KEY);
    return former;
  }
  async function own(): Promise<Settings> {
    try {
      return parseSettings(await stored());
    } catch {
      return DEFAULT_SETTINGS;
    }
  }
  return {
    /** The settings in force. */
    async read(): Promise<Settings> {
      const [mine, policy] = await Promise.all([own(), readPolicy(managed)]);
      return applyPolicy(mine, policy);
    },
    /** What the organisation set, for the settings page to show as not the person's to change. */
    policy: (): Promise<Policy> => readPolicy(managed),
    /** Keeps `settings` (in force, as read and changed) as the person's, the organisation's fields left out. */
    async write(settings: Settings): Promise<void> {
      const [mine, policy] = await Promise.all([own(), readPolicy(managed)]);
      await area.set({ [SETTINGS_KEY]: parseSettings(withoutPolicy(parseSettings(settings), mine, policy)) });
    },
    async update(change: (settings: Settings) => Settings): Promise<Settings> {
      const [mine, policy] = await Promise.all([own(), readPolicy(managed)]);
      const next = parseSettings(change(applyPolicy(mine, policy)));
      await area.set({ [SETTINGS_KEY]: parseSettings(withoutPolicy(next, mine, policy)) });
      return applyPolicy(parseSettings(withoutPolicy(next, mine, policy)), policy);
    },
    /** Back to the defaults (the organisation's fields still over them); returns what was kept, for undo. */
    async reset(): Promise<Settings> {
      const mine = await own();
      await area.set({ [SETTINGS_KEY]: DEFAULT_SETTINGS });
      return mine;
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
