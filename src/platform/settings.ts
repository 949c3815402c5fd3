import { AUTH_FAILURE_STATUSES } from "../core/auth-status";

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
}

export const DEFAULT_SETTINGS: Settings = { reloadAfterFix: true, bannerEnabled: true, bannerOffSites: [], statuses: [...AUTH_FAILURE_STATUSES], ignoredSites: [], watchSubresources: false };

const SETTINGS_KEY = "settings";
const MAX_SITES = 500;
const SITE = /^[a-z0-9.-]{1,253}$|^[0-9a-f:]{2,39}$/;

/** True for something that can be a registrable domain, an IP address or a single-label host. */
export function isSiteName(value: string): boolean {
  return SITE.test(value) && !value.startsWith(".") && !value.endsWith(".");
}

function sites(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  return [...new Set(value.filter((s): s is string => typeof s === "string").map((s) => s.trim().toLowerCase()).filter(isSiteName))].slice(0, MAX_SITES);
}

/** Keeps each well-typed field of a stored value and falls back to the default for the rest. */
export function parseSettings(value: unknown): Settings {
  const v = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  const statuses = Array.isArray(v.statuses) ? v.statuses.filter((s): s is number => (AUTH_FAILURE_STATUSES as readonly unknown[]).includes(s)) : null;
  return {
    reloadAfterFix: typeof v.reloadAfterFix === "boolean" ? v.reloadAfterFix : DEFAULT_SETTINGS.reloadAfterFix,
    bannerEnabled: typeof v.bannerEnabled === "boolean" ? v.bannerEnabled : DEFAULT_SETTINGS.bannerEnabled,
    bannerOffSites: sites(v.bannerOffSites) ?? DEFAULT_SETTINGS.bannerOffSites,
    statuses: statuses ? [...new Set(statuses)].sort() : DEFAULT_SETTINGS.statuses,
    ignoredSites: sites(v.ignoredSites) ?? DEFAULT_SETTINGS.ignoredSites,
    watchSubresources: typeof v.watchSubresources === "boolean" ? v.watchSubresources : DEFAULT_SETTINGS.watchSubresources,
  };
}

export interface StorageAreaPort {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/**
 * The settings in `area`. `formerArea`: where versions before 0.1 kept them (`storage.sync`); what
 * is found there is moved into `area` on first read and removed, so nothing is lost and no copy is
 * left for the sync service.
 */
export function createSettingsStore(area: StorageAreaPort, formerArea?: StorageAreaPort) {
  async function stored(): Promise<unknown> {
    const value = (await area.get(SETTINGS_KEY))[SETTINGS_KEY];
    if (value !== undefined || !formerArea) return value;
    const former = (await formerArea.get(SETTINGS_KEY))[SETTINGS_KEY];
    if (former === undefined) return undefined;
    await area.set({ [SETTINGS_KEY]: parseSettings(former) });
    await formerArea.remove(SETTINGS_KEY);
    return former;
  }
  return {
    async read(): Promise<Settings> {
      try {
        return parseSettings(await stored());
      } catch {
        return DEFAULT_SETTINGS;
      }
    },
    async write(settings: Settings): Promise<void> {
      await area.set({ [SETTINGS_KEY]: parseSettings(settings) });
    },
    async update(change: (settings: Settings) => Settings): Promise<Settings> {
      const next = parseSettings(change(await this.read()));
      await area.set({ [SETTINGS_KEY]: next });
      return next;
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
