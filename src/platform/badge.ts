import { t, tn } from "./i18n";

/** The slice of the `action` API the badge needs. */
export interface ActionPort {
  setBadgeText(details: { text: string; tabId: number }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string; tabId: number }): Promise<void>;
}

/** Shows each tab's failure count on the toolbar icon, and says in its tooltip what the count means. */
export interface Badge {
  show(tabId: number, count: number): Promise<void>;
}

/**
 * `pausedSite`: the site of the tab's page when the person paused AuthLens there ("Pause on this
 * site"), else null; such a tab shows no count whatever its record holds, and its tooltip says so.
 */
export function createBadge(action: ActionPort, pausedSite: (tabId: number) => Promise<string | null> = () => Promise.resolve(null)): Badge {
  let colored = false;
  return {
    async show(tabId, count) {
      try {
        const paused = await pausedSite(tabId).catch(() => null);
        const shown = paused ? 0 : count;
        if (!colored && shown > 0) {
          colored = true;
          await action.setBadgeBackgroundColor({ color: "#b91c1c" });
        }
        await action.setBadgeText({ tabId, text: badgeText(shown) });
        await action.setTitle({ tabId, title: badgeTitle(shown, paused) });
      } catch {
        // The tab closed, or is a prerender the toolbar does not show: there is no badge to set.
      }
    },
  };
}

/** "" hides the badge; counts above 99 would not fit the icon. */
export function badgeText(count: number): string {
  if (count <= 0) return "";
  return count > 99 ? "99+" : String(count);
}

/** The icon's tooltip for a tab: what the count means, or that there is nothing, or that AuthLens is paused there. */
export function badgeTitle(count: number, pausedOn: string | null): string {
  if (pausedOn) return t("actionTitlePaused", pausedOn);
  return count > 0 ? tn("actionTitleFailures", count) : t("actionTitleClean");
}
