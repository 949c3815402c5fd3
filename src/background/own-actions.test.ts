import { describe, expect, it } from "vitest";
import { createOwnActions } from "./own-actions";

describe("AuthLens's own actions", () => {
  it("takes a failure as following its action within 10 s of the page it loaded committing, however slowly it loaded", () => {
    let now = 1_000_000;
    const own = createOwnActions(() => now);
    own.note(3, "reload");
    expect(own.before(3, now + 100)).toEqual({ kind: "reload", at: 1_000_000 });
    expect(own.before(4, now + 100)).toBeNull();
    now += 8000; // a slow page commits 8 s later
    own.committed(3);
    expect(own.before(3, now + 9000)).toMatchObject({ kind: "reload" });
    expect(own.before(3, now + 11_000)).toBeNull();
    // Before the action, nothing is its doing.
    expect(own.before(3, 999_000)).toBeNull();
  });

  it("recognises the cookie changes it announced, removals as removals, and a put-back's overwrite too, for a few seconds", () => {
    let now = 0;
    const own = createOwnActions(() => now);
    const sid = { name: "sid", domain: ".example.com", path: "/" };
    own.expectCookies([sid], true);
    expect(own.isOwnChange({ ...sid, removed: true })).toBe(true);
    // The site setting it again is not AuthLens's.
    expect(own.isOwnChange({ ...sid, removed: false })).toBe(false);
    expect(own.isOwnChange({ ...sid, name: "other", removed: true })).toBe(false);
    own.expectCookies([sid], false);
    expect(own.isOwnChange({ ...sid, removed: true })).toBe(true);
    expect(own.isOwnChange({ ...sid, removed: false })).toBe(true);
    now += 6000;
    expect(own.isOwnChange({ ...sid, removed: true })).toBe(false);
  });
});
