import { describe, expect, it } from "vitest";
import { makeEvidence } from "../../test/builders";
import { diagnose } from "../../test/diagnose";
import type { SignInRedirect } from "./navigation";

const callback = "http://notes.oidc-app.test/callback?error=x&state=REDACTED";
const redirectWith = (overrides: Partial<SignInRedirect>): SignInRedirect => ({ by: "server", requested: callback, status: 303, chain: ["id.test/auth/u", "notes.oidc-app.test/callback?error&state"], signIn: null, oauthError: null, loop: null, ...overrides });
const diagnoseRedirect = (redirect: SignInRedirect, overrides: Parameters<typeof makeEvidence>[0] = {}) =>
  diagnose({ ...makeEvidence({ url: redirect.requested, type: "main_frame", statusCode: redirect.status, responseHeaders: [], ...overrides }, null), redirect });

describe("OAuth/OpenID errors sent back to the app", () => {
  it.each([
    ["access_denied", "insufficient-permissions"],
    ["login_required", "missing-credentials"],
    ["interaction_required", "missing-credentials"],
    ["consent_required", "missing-credentials"],
    ["account_selection_required", "missing-credentials"],
  ])("%s → %s", (error, cause) => {
    const d = diagnoseRedirect(redirectWith({ oauthError: { error, description: null } }));
    expect(d.cause).toBe(cause);
    expect(d.confidence).toBeGreaterThanOrEqual(0.8);
    expect(d.evidence[0]?.seen).toContain(`error=${error}`);
  });

  it("names any other code as it is, unsure of a cause, and keeps addresses and tokens out of its description", () => {
    const d = diagnoseRedirect(redirectWith({ oauthError: { error: "invalid_client", description: "client for alice@example.com with key 0123456789abcdef0123456789abcdef01 is unknown" } }));
    expect(d.cause).toBe("unknown");
    expect(d.confidence).toBeLessThanOrEqual(0.5);
    expect(d.summary).toContain("error=invalid_client");
    expect(d.summary).not.toMatch(/alice@|0123456789abcdef/);
    expect(d.fixes[0]).toBe("copy-report");
  });
});

describe("sign-in redirects", () => {
  const page = redirectWith({ requested: "http://notes.test/notes/", status: 302, chain: ["notes.test/notes/", "notes.test/accounts/login/?next"], signIn: { host: "notes.test", kind: "path", returnParam: "next" } });

  it("never signed in: missing credentials, with the chain as evidence", () => {
    const d = diagnoseRedirect(page);
    expect(d.cause).toBe("missing-credentials");
    expect(d.evidence[0]?.seen).toBe("Redirected: notes.test/notes/ → notes.test/accounts/login/?next");
    expect(d.fixes[0]).toBe("sign-in");
  });

  it("a loop the page keeps making (three times in two minutes) is a loop, with clearing cookies first", () => {
    const d = diagnose({ ...makeEvidence({ url: page.requested, type: "main_frame", statusCode: 302, responseHeaders: [] }, null), redirect: page, repeats: 2 });
    expect(d.summary).toMatch(/^Sign-in loop/);
    expect(d.fixes[0]).toBe("clear-site-cookies");
  });
});

describe("an app's own 'your session ended' navigation", () => {
  it("is a session that ended, said with the address's own words", () => {
    const d = diagnoseRedirect({ by: "client", requested: "http://mail.example.com/?_task=mail", status: 0, chain: ["mail.example.com/?_task", "mail.example.com/?_task&_err"], signIn: { host: "mail.example.com", kind: "path", returnParam: null }, oauthError: null, loop: null, sessionEnded: "_err=session" });
    expect(d).toMatchObject({ cause: "session-expired", confidence: 0.8 });
    expect(d.evidence.map((r) => r.seen).join(" ")).toContain("_err=session");
    expect(d.fixes[0]).toBe("sign-in");
  });
});
