// @vitest-environment happy-dom
import { render } from "preact";
import { act } from "preact/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { diagnose } from "../test/diagnose";
import { toFailure } from "../core/failure";
import type { Message, Report } from "../messaging/protocol";
import { toBlockedRequest } from "../core/diagnosis/blocked-request";
import { summarizeSentCredentials } from "../core/headers/sent-credentials";
import { CHROME_DEFAULT, headers, makeEvidence, makeNetworkError } from "../test/builders";
import { App } from "./app";
import { mockClient, type MockAnswers } from "./mock-client";

const failure = (() => {
  const e = makeEvidence({}, headers(["Cookie", "sid=planted"]));
  return toFailure("f1", 0, e, diagnose(e));
})();
const granted = { granted: async () => true, request: async () => true };

async function mount(props: Partial<Parameters<typeof App>[0]> = {}, sent: Message[] = [], report: Partial<Report> = {}, answers: MockAnswers = {}) {
  const root = document.createElement("div");
  document.body.append(root);
  await act(async () => {
    render(<App client={mockClient({ version: 1, tabId: 3, failures: [failure], blocked: [], lookingCloserUntil: null, ...report }, sent, answers)} tabId={Promise.resolve(3)} copyText={async () => undefined} hostAccess={granted} {...props} />, root);
  });
  await act(async () => new Promise((r) => setTimeout(r, 0)));
  return root;
}

afterEach(() => {
  document.body.innerHTML = "";
});

describe("popup App", () => {
  it("shows the failure's headline, confidence in words, summary and fixes; the cause's name and figures under Details", async () => {
    const root = await mount();
    expect(root.querySelector("h2")?.textContent).toBe("Your sign-in has ended");
    expect(root.querySelector(".confidence")?.textContent).toBe(failure.confidence >= 0.8 ? "Almost certain" : failure.confidence >= 0.6 ? "Likely" : "Not sure");
    expect(root.querySelector(".summary")?.textContent).toBe(failure.summary);
    expect(root.querySelector("details .cause")?.textContent).toBe("Session expired");
    expect(root.querySelector("details .facts")?.textContent).toContain(`How sure: ${Math.round(failure.confidence * 100)}%`);
    expect(root.querySelector(".do-this")?.textContent).toBe("Do this: Sign in to app.example.com");
    expect(root.textContent).toContain("Fetch/XHR ·"); // the request's kind in words, not "xmlhttprequest"
    // The ranked list as it is: signing in first, clearing cookies (which says what it costs) last, and nothing added.
    expect([...root.querySelectorAll(".fixes button")].map((b) => b.textContent)).toEqual(["Sign in to app.example.com", "Reload page", "Clear cookies for example.com (signs you out there)"]);
    expect(root.querySelector(".fixes button.primary")?.textContent).toBe("Sign in to app.example.com");
  });

  it("leads with signing in in a new tab when the page holds typed text", async () => {
    const root = await mount({}, [], {}, { unsavedInput: true });
    expect([...root.querySelectorAll(".fixes button")].map((b) => b.textContent)).toEqual(["Sign in in a new tab, then try again", "Sign in to app.example.com", "Reload page", "Clear cookies for example.com (signs you out there)"]);
  });

  it("asks before a reload would lose typed text, and reloads when the person says so", async () => {
    const sent: Message[] = [];
    const root = await mount({}, sent, {}, { fix: (m) => (m.force ? { ok: true, message: "Reloaded the page.", reloaded: true } : { ok: false, confirm: "unsaved-input", message: "This page holds text you typed." }) });
    await act(async () => [...root.querySelectorAll<HTMLButtonElement>(".fixes button")].find((b) => b.textContent === "Reload page")!.click());
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(root.querySelector(".notice")?.textContent).toContain("This page holds text you typed.");
    await act(async () => [...root.querySelectorAll<HTMLButtonElement>(".notice button")].find((b) => b.textContent === "Reload anyway")!.click());
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(sent.filter((m) => m.type === "apply-fix")).toEqual([
      { type: "apply-fix", tabId: 3, failureId: "f1", fix: "reload" },
      { type: "apply-fix", tabId: 3, failureId: "f1", fix: "reload", force: true },
    ]);
    expect(root.querySelector(".notice")?.textContent).toContain("Reloaded the page.");
  });

  it("copies the report the worker wrote for the site's administrator", async () => {
    const copied: string[] = [];
    const forbidden = { ...failure, id: "f3", cause: "insufficient-permissions" as const, fixes: ["copy-report" as const, "sign-in" as const] };
    const root = await mount({ copyText: async (text) => void copied.push(text) }, [], { failures: [forbidden] }, { fix: () => ({ ok: true, message: "Copied a report.", copy: "## report" }) });
    const primary = root.querySelector<HTMLButtonElement>(".fixes button.primary")!;
    expect(primary.textContent).toBe("Copy a report for the site's administrator");
    await act(async () => primary.click());
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(copied).toEqual(["## report"]);
    expect(root.querySelector(".notice")?.textContent).toContain("Copied a report.");
  });

  it("keeps refusals the page handled itself apart, out of the way, with what the page did", async () => {
    const renewed = { ...failure, id: "h1", cause: "token-expired" as const, handled: { how: "renewed" as const, at: 1 } };
    const root = await mount({}, [], { failures: [renewed] });
    expect(root.querySelectorAll("li.failure")).toHaveLength(0);
    expect(root.querySelector(".empty")).toBeNull();
    const section = root.querySelector("details.handled");
    expect(section?.querySelector("summary")?.textContent).toBe("1 refusal the page handled itself");
    expect(section?.textContent).toContain("it renewed your sign-in and tried again");
    expect(root.querySelector(".count")).toBeNull();
  });

  it("says a failure is fixed, offers no fix for it, and does not count it", async () => {
    const fixed = { ...failure, outcome: { fix: "remove-stale-cookie" as const, at: 1, state: "fixed" as const, settledAt: 2 } };
    const root = await mount({}, [], { failures: [fixed] });
    expect(root.querySelector(".outcome")?.textContent).toBe("✓ Fixed: the site answered normally after “Remove stale cookie”.");
    expect(root.querySelectorAll(".fixes button")).toHaveLength(0);
    expect(root.querySelector(".count")).toBeNull();
  });

  it("runs a fix and offers Undo", async () => {
    const sent: Message[] = [];
    const root = await mount({}, sent);
    const clear = [...root.querySelectorAll("button")].find((b) => b.textContent?.startsWith("Clear cookies"))!;
    await act(async () => clear.click());
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(sent).toContainEqual({ type: "apply-fix", tabId: 3, failureId: "f1", fix: "clear-site-cookies" });
    expect(root.querySelector(".notice")?.textContent).toContain("Removed 2 cookies from 1 host of example.com.");
    expect([...root.querySelectorAll(".notice button")].map((b) => b.textContent)).toEqual(["Undo"]);
  });

  it("asks for access to sites when it is missing, and says so when refused", async () => {
    let asked = 0;
    const root = await mount({ hostAccess: { granted: async () => false, request: async () => (asked++, false) } });
    expect(root.querySelector(".access")?.textContent).toContain("cannot see failed sign-ins");
    const grant = root.querySelector<HTMLButtonElement>(".access button")!;
    await act(async () => grant.click());
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(asked).toBe(1);
    expect(root.querySelector(".access")?.textContent).toContain("Access was not granted");
  });

  it("says plainly when a tab has no failures", async () => {
    const root = document.createElement("div");
    document.body.append(root);
    await act(async () => {
      render(<App client={mockClient({ version: 1, tabId: 3, failures: [], blocked: [], lookingCloserUntil: null })} tabId={Promise.resolve(3)} copyText={async () => undefined} hostAccess={granted} />, root);
    });
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(root.textContent).toContain("No auth failures seen in this tab.");
  });

  it("offers a closer look where it is unsure and did not see the cookie headers, and not where it did or is sure", async () => {
    const asChromeShows = (responseHeaders = headers(["Content-Type", "application/json"])) => {
      const e = { ...makeEvidence({ responseHeaders }, headers(["Accept", "*/*"]), CHROME_DEFAULT) };
      const sent = { ...e, sent: { ...e.sent, cookieNames: ["sid"] } };
      return toFailure("f2", 0, sent, diagnose(sent));
    };
    expect((await mount()).querySelector(".look-closer")).toBeNull();
    document.body.innerHTML = "";
    // Sure without the cookies: an RFC 6750 error names an expired token.
    const sure = asChromeShows(headers(["WWW-Authenticate", 'Bearer error="invalid_token", error_description="The token expired"']));
    expect(sure.confidence).toBeGreaterThanOrEqual(0.8);
    expect((await mount({}, [], { failures: [sure] })).querySelector(".look-closer")).toBeNull();
    document.body.innerHTML = "";
    const sent: Message[] = [];
    const root = await mount({}, sent, { failures: [asChromeShows()] });
    expect(root.querySelector(".look-closer")?.textContent).toContain("the cookies these calls carried would decide it");
    const button = [...root.querySelectorAll<HTMLButtonElement>(".look-closer button")].find((b) => b.textContent === "Look closer")!;
    expect(button.getAttribute("aria-describedby")).toBe("look-closer-hint");
    await act(async () => button.click());
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(sent).toContainEqual({ type: "look-closer", tabId: 3, on: true });
    expect(root.querySelector(".notice")?.textContent).toContain("Looking closer at this tab");
  });

  it("does not offer a closer look where cookies play no part: the browser's own sign-in (Basic) or a token sent in a header", async () => {
    const unsure = (responseHeaders: ReturnType<typeof headers>, requestHeaders: ReturnType<typeof headers>) => {
      const e = makeEvidence({ responseHeaders }, requestHeaders, CHROME_DEFAULT);
      return toFailure("f3", 0, e, diagnose(e));
    };
    const basic = unsure(headers(["WWW-Authenticate", 'Basic realm="intranet"']), headers(["Accept", "*/*"]));
    expect(basic.confidence).toBeLessThan(0.8);
    expect((await mount({}, [], { failures: [basic] })).querySelector(".look-closer")).toBeNull();
    document.body.innerHTML = "";
    const apiKey = unsure(headers(["Content-Type", "application/json"]), headers(["X-API-Key", "k-123"]));
    expect(apiKey.confidence).toBeLessThan(0.8);
    expect((await mount({}, [], { failures: [apiKey] })).querySelector(".look-closer")).toBeNull();
  });

  it("offers Resume on a site the person paused, not on one the organisation turned off; no Look closer where the organisation forbids it", async () => {
    const byPerson = await mount({}, [], { failures: [], site: "example.com", paused: "example.com" });
    expect(byPerson.querySelector(".paused")?.textContent).toContain("AuthLens is paused on example.com");
    expect([...byPerson.querySelectorAll(".paused button")].map((b) => b.textContent)).toEqual(["Resume"]);
    document.body.innerHTML = "";
    const byOrganisation = await mount({}, [], { failures: [], site: "example.com", paused: "example.com", pausedByOrganisation: true });
    expect(byOrganisation.querySelector(".paused")?.textContent).toContain("Your organisation turned AuthLens off on example.com");
    expect(byOrganisation.querySelectorAll(".paused button")).toHaveLength(0);
    document.body.innerHTML = "";
    // An empty tab is offered a closer look, unless the organisation does not allow it.
    expect((await mount({}, [], { failures: [] })).querySelector(".look-closer")).not.toBeNull();
    document.body.innerHTML = "";
    expect((await mount({}, [], { failures: [], lookCloserAllowed: false })).querySelector(".look-closer")).toBeNull();
  });

  it("lists calls whose answer the browser hid, with what they carried, and offers to look closer at them", async () => {
    const token = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3OTU3ODA4MDB9.c2ln"; // exp 2026-11-22T12:00:00Z
    const blocked = toBlockedRequest("b1", makeNetworkError(), summarizeSentCredentials("GET", headers(["Authorization", token]), false));
    const root = await mount({}, [], { failures: [], blocked: [blocked] });
    const section = root.querySelector(".blocked");
    expect(section?.textContent).toContain("api.example.net/v1/me");
    expect(section?.textContent).toContain("from https://app.example.com");
    expect(section?.textContent).toMatch(/expired .* ago/);
    expect(root.querySelector(".empty")).toBeNull();
    expect(root.querySelector(".look-closer")?.textContent).toContain("hid these answers");
    expect(root.textContent).not.toContain("c2ln");
  });

  it("says while it looks closer, and stops when asked", async () => {
    const sent: Message[] = [];
    const root = await mount({}, sent, { lookingCloserUntil: Date.parse("2026-11-22T12:10:00Z") });
    expect(root.querySelector(".look-closer.on")?.textContent).toContain("Looking closer until");
    // What it found: the tab's failure, seen in full (cookie headers and all) since the reload.
    expect(root.querySelector(".look-closer.on")?.textContent).toContain("It saw 1 refused call in full; the answer above counts its cookies.");
    await act(async () => root.querySelector<HTMLButtonElement>(".look-closer.on button")!.click());
    expect(sent).toContainEqual({ type: "look-closer", tabId: 3, on: false });
    document.body.innerHTML = "";
    const quiet = await mount({}, [], { failures: [], lookingCloserUntil: Date.parse("2026-11-22T12:10:00Z") });
    expect(quiet.querySelector(".look-closer.on")?.textContent).toContain("Nothing refused since the reload: it changed nothing so far.");
  });

  it("offers a closer look on an empty tab, and refreshes when the worker says the tab's report changed", async () => {
    const sent: Message[] = [];
    let tell: ((tabId: number) => void) | null = null;
    const root = await mount({ reportChanges: (listener) => ((tell = listener), () => (tell = null)) }, sent, { failures: [] });
    expect(root.querySelector(".look-closer")?.textContent).toContain("CORS");
    const reports = () => sent.filter((m) => m.type === "report").length;
    const before = reports();
    await act(async () => tell?.(99));
    await act(async () => tell?.(3));
    await act(async () => new Promise((r) => setTimeout(r, 0)));
    expect(reports()).toBe(before + 1);
  });
});
