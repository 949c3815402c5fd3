/** The slice of the `action` API the badge needs. */
export interface ActionPort {
  setBadgeText(details: { text: string; tabId: number }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

/** Shows each tab's failure count on the toolbar icon. */
export interface Badge {
  show(tabId: number, count: number): Promise<void>;
}

export function createBadge(action: ActionPort): Badge {
  let colored = false;
  return {
    async show(tabId, count) {
      try {
        if (!colored && count > 0) {
          colored = true;
          await action.setBadgeBackgroundColor({ color: "#b91c1c" });
        }
        await action.setBadgeText({ tabId, text: badgeText(count) });
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
