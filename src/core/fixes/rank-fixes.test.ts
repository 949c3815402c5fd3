import { describe, expect, it } from "vitest";
import { CAPTURED, NOW } from "../../test/captured-responses";
import { diagnose } from "../../test/diagnose";
import { headers, makeEvidence } from "../../test/builders";
import { ruledOutFixes } from "../../test/ruled-out";
import type { CauseId } from "../diagnosis/cause";
import type { FixId } from "./fix";
import { fixesForPage, rankFixes } from "./rank-fixes";

/** What resolves each cause's usual situation: the fix a person should meet first. */
const FIRST: Record<Exclude<CauseId, "cookies-blocked" | "missing-credentials" | "wrong-credentials">, FixId> = {
  "session-expired": "sign-in",
  "stale-cookie": "remove-stale-cookie",
  "token-expired": "reload",
  "token-invalid": "sign-in",
  "insufficient-permissions": "copy-report",
  "cors-preflight": "copy-report",
  "clock-skew": "set-clock",
  "proxy-auth": "copy-report",
  csrf: "reload",
  unknown: "reload",
};

describe("the ranked fixes, on responses captured from real servers", () => {
  it.each(CAPTURED.map((c) => [c.name, c] as const))("%s: a first fix that resolves it, and none the card's words rule out", (_, c) => {
    const e = makeEvidence({ timeStamp: NOW, ...c.response }, c.request);
    const d = diagnose(e);
    const [first] = d.fixes;
    if (c.firstFix) expect(first).toBe(c.firstFix);
    else if (d.cause in FIRST) expect(first).toBe(FIRST[d.cause as keyof typeof FIRST]);
    expect(ruledOutFixes(`${d.summary} ${d.explanation}`, d.fixes)).toEqual([]);
    // Clearing a whole site's cookies comes first only where the cookies are the problem.
    if (first === "clear-site-cookies") expect(["stale-cookie", "cookies-blocked"]).toContain(d.cause);
    expect(new Set(d.fixes).size).toBe(d.fixes.length);
  });
});

describe("rankFixes", () => {
  const basic = makeEvidence({ responseHeaders: headers(["WWW-Authenticate", 'Basic realm="staff"']) }, []);
  const bearer = makeEvidence({ responseHeaders: headers(["WWW-Authenticate", "Bearer"]) }, []);

  it("brings back the browser's own password window where it asks for one, and signs in otherwise", () => {
    expect(rankFixes("missing-credentials", basic)[0]).toBe("enter-password");
    expect(rankFixes("wrong-credentials", basic)).toEqual(["enter-password"]);
    expect(rankFixes("missing-credentials", bearer)[0]).toBe("sign-in");
    expect(rankFixes("wrong-credentials", bearer)).toEqual(["sign-in"]);
  });

  it("for blocked cookies, offers what lifts the block: the site's own tab, the cookie setting, or a report for a cookie only the site can fix", () => {
    const withheld = (reason: "samesite" | "third-party", embeddedIn: string | null) => ({
      ...bearer,
      embeddedIn,
      jar: { applicable: [{ name: "sessionid", domain: "app.example.com", hostOnly: true, path: "/", secure: true, httpOnly: true, sameSite: "lax" as const, session: false, partitioned: false, sent: false, withheld: reason }], presumed: false, duplicateNames: [] },
    });
    expect(rankFixes("cookies-blocked", withheld("samesite", "partner.test"))[0]).toBe("open-own-tab");
    // Another site's page calling the site: its own tab would not change that call.
    expect(rankFixes("cookies-blocked", { ...withheld("samesite", "news.test"), crossSite: true })[0]).toBe("copy-report");
    expect(rankFixes("cookies-blocked", withheld("third-party", null))[0]).toBe("allow-cookies");
    expect(rankFixes("cookies-blocked", bearer)[0]).toBe("copy-report");
  });

  it("in a loop, clears the site's cookies first; a rule's own choice stands", () => {
    expect(rankFixes("session-expired", { ...bearer, repeats: 2 })[0]).toBe("clear-site-cookies");
    expect(rankFixes("unknown", bearer, ["copy-report", "reload", "copy-report"])).toEqual(["copy-report", "reload"]);
  });
});

describe("fixesForPage", () => {
  it("leads with signing in in a new tab where the first fix would reload a page holding typed text", () => {
    expect(fixesForPage(["reload", "sign-in"], { unsavedInput: true })).toEqual(["sign-in-new-tab", "reload", "sign-in"]);
    expect(fixesForPage(["sign-in", "reload"], { unsavedInput: true })[0]).toBe("sign-in-new-tab");
    expect(fixesForPage(["reload", "sign-in"], { unsavedInput: false })).toEqual(["reload", "sign-in"]);
    expect(fixesForPage(["copy-report", "sign-in"], { unsavedInput: true })).toEqual(["copy-report", "sign-in"]);
    expect(fixesForPage(["remove-stale-cookie"], null)).toEqual(["remove-stale-cookie"]);
  });
});
