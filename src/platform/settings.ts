/** The person's choices, kept in `storage.sync`. Declared once, with defaults, validated when read back. */
export interface Settings {
  /** Reload the tab by itself after clearing cookies, removing a stale cookie or undoing. */
  reloadAfterFix: boolean;
}

export const DEFAULT_SETTINGS: Settings = { reloadAfterFix: true };

const SETTINGS_KEY = "settings";

/** Keeps each well-typed field of a stored value and falls back to the default for the rest. */
export function parseSettings(value: unknown): Settings {
  const v = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  return { reloadAfterFix: typeof v.reloadAfterFix === "boolean" ? v.reloadAfterFix : DEFAULT_SETTINGS.reloadAfterFix };
}

export interface SyncAreaPort {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export function createSettingsStore(area: SyncAreaPort) {
  return {
    async read(): Promise<Settings> {
      try {
        return parseSettings((await area.get(SETTINGS_KEY))[SETTINGS_KEY]);
      } catch {
        return DEFAULT_SETTINGS;
      }
    },
    async write(settings: Settings): Promise<void> {
      await area.set({ [SETTINGS_KEY]: parseSettings(settings) });
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
