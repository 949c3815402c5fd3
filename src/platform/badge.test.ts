import { describe, expect, it } from "vitest";
import { badgeText, createBadge } from "./badge";

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
    });
    await expect(badge.show(4, 2)).resolves.toBeUndefined();
  });
});
