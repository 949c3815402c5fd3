import { describe, expect, it } from "vitest";
import { badgeText, badgeTitle, createBadge, type ActionPort } from "./badge";

function fakeAction() {
  const shown = new Map<number, { text: string; title: string }>();
  const action: ActionPort = {
    setBadgeText: async ({ tabId, text }) => void shown.set(tabId, { ...(shown.get(tabId) ?? { title: "" }), text }),
    setBadgeBackgroundColor: () => Promise.resolve(),
    setTitle: async ({ tabId, title }) => void shown.set(tabId, { ...(shown.get(tabId) ?? { text: "" }), title }),
  };
  return { action, shown };
}

describe("badge", () => {
  it.each([
    [0, ""],
    [1, "1"],
    [99, "99"],
    [100, "99+"],
  ])("%i shows %j", (count, text) => expect(badgeText(count)).toBe(text));

  it("does not throw when the tab has closed", async () => {
    const badge = createBadge({
      setBadgeText: () => Promise.reject(new Error("No tab with id: 4.")),
      setBadgeBackgroundColor: () => Promise.resolve(),
      setTitle: () => Promise.reject(new Error("No tab with id: 4.")),
    });
    await expect(badge.show(4, 2)).resolves.toBeUndefined();
  });

  it("says in its tooltip what the count means, and that there is nothing on a clean tab", async () => {
    const { action, shown } = fakeAction();
    const badge = createBadge(action);
    await badge.show(1, 3);
    await badge.show(2, 0);
    expect(shown.get(1)).toEqual({ text: "3", title: "AuthLens: 3 sign-in failures on this tab. Click to see why" });
    expect(shown.get(2)).toEqual({ text: "", title: "AuthLens: no sign-in failures on this tab" });
    expect(badgeTitle(1, null)).toBe("AuthLens: a sign-in failure on this tab. Click to see why");
  });

  it("shows no count on a tab whose site is paused, whatever the count, and says it is paused", async () => {
    const { action, shown } = fakeAction();
    const badge = createBadge(action, async (tabId) => (tabId === 1 ? "example.com" : null));
    await badge.show(1, 3);
    await badge.show(2, 3);
    expect(shown.get(1)).toEqual({ text: "", title: "AuthLens is paused on example.com" });
    expect(shown.get(2)?.text).toBe("3");
  });

  it("counts a tab whose site could not be read (closed, or not a web page) as not paused", async () => {
    const { action, shown } = fakeAction();
    await createBadge(action, () => Promise.reject(new Error("No tab with id: 1."))).show(1, 2);
    expect(shown.get(1)?.text).toBe("2");
  });
});
