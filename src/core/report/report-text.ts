import { causeName } from "../diagnosis/cause";
import type { Failure } from "../failure";
import { resourceTypeName } from "../headers/resource-type";
import { list, text, verbatim, when, type MessageKey, type Phrase } from "./text";
import { redactUrl } from "./redact-url";
import type { FixId } from "../fixes/fix";
import type { OwnActionKind } from "../fixes/outcome";

/** Who a copied report is for: the person's own ticket, the site's administrator, or IT (a proxy). */
export interface ReportOptions {
  audience?: "person" | "site" | "it";
}

/** The short names of fixes and AuthLens's own actions, as the report says them. */
export const ACTION_NAMES: Record<OwnActionKind, MessageKey> = {
  "sign-in": "actionSignIn",
  "sign-in-new-tab": "actionSignInNewTab",
  "enter-password": "actionEnterPassword",
  "remove-stale-cookie": "actionRemoveStale",
  "clear-site-cookies": "actionClearCookies",
  reload: "actionReload",
  "retry-incognito": "actionIncognito",
  "copy-report": "actionCopyReport",
  "set-clock": "actionSetClock",
  "open-own-tab": "actionOpenOwnTab",
  "allow-cookies": "actionAllowCookies",
  undo: "actionUndo",
  "look-closer": "actionLookCloser",
};

const fixNames = (fixes: readonly FixId[]) => list(fixes.map((f) => text(ACTION_NAMES[f])));

/** The report a person pastes into a support ticket: what failed, why, and the evidence, with no secret. */
export interface ReportText {
  markdown: string;
  json: string;
}

/**
 * Formats failures for a support ticket. Records already hold no token, cookie value or password
 * (only names, schemes and safe JWT claims such as exp, iss, aud); URLs are redacted once more here
 * in case a record came from an older version. The Markdown is for people, in their language
 * (`say`); the JSON is for tools, with the contract's field names and ids.
 */
export function formatReport(failures: readonly Failure[], generatedAt: Date, userAgent: string, say: (phrase: Phrase) => string, { audience = "person" }: ReportOptions = {}): ReportText {
  const safe = failures.map((f) => ({
    time: new Date(f.time).toISOString(),
    method: f.method,
    url: redactUrl(f.url),
    status: f.status,
    resourceType: f.resourceType,
    cause: f.cause,
    confidence: f.confidence,
    summary: f.summary,
    evidence: f.evidence,
    challenges: f.details.response.wwwAuthenticate,
    proxyChallenges: f.details.response.proxyAuthenticate,
    // Stored before AuthLens could leave request headers unwatched, a failure has no `seen`: it saw them.
    requestHeadersSeen: f.details.sent.seen !== false,
    cookiesSent: f.details.sent.cookieNames,
    cookiesFrom: f.details.sent.cookiesFrom ?? "header",
    cookiesUncertain: f.details.sent.cookiesUncertain === true,
    authorizationScheme: f.details.sent.authorizationScheme,
    tokenClaims: f.details.sent.token?.claims ?? null,
    serverDate: f.details.response.date,
    clockSkewSeconds: f.details.clockSkewMs === null ? null : f.details.clockSkewMs / 1000,
    fixes: f.fixes,
    ...(f.outcome ? { outcome: { fix: f.outcome.fix, state: f.outcome.state } } : {}),
    ...(f.after ? { after: f.after.kind } : {}),
    ...(f.handled ? { handled: f.handled.how } : {}),
    ...(f.feedback ? { feedback: f.feedback } : {}),
  }));
  const json = JSON.stringify({ generatedBy: "AuthLens", generatedAt: generatedAt.toISOString(), userAgent, failures: safe }, null, 2);
  const sections = safe.map((f, i) => {
    const names = f.cookiesSent.join(", ");
    const lines: Phrase[] = [
      text("reportWhen", when(Date.parse(f.time))),
      text("reportCause", causeName(f.cause), f.cause, Math.round(f.confidence * 100), verbatim(f.summary)),
      text("reportType", resourceTypeName(f.resourceType)),
      f.cookiesUncertain
        ? text("reportCookiesMaybe", names)
        : f.cookiesFrom === "jar"
          ? names
            ? text("reportCookiesInJar", names)
            : text("reportCookiesInJarNone")
          : names
            ? text("reportCookiesSent", names)
            : text("reportCookiesSentNone"),
      !f.requestHeadersSeen ? text("reportAuthorizationUnseen") : f.authorizationScheme ? text("reportAuthorization", f.authorizationScheme) : text("reportAuthorizationNone"),
      ...(f.tokenClaims ? [text("reportClaims", JSON.stringify(f.tokenClaims))] : []),
      ...f.challenges.map((c) => verbatim(`WWW-Authenticate: \`${c}\``)),
      ...f.proxyChallenges.map((c) => verbatim(`Proxy-Authenticate: \`${c}\``)),
      ...(f.serverDate ? [text("reportServerDate", f.serverDate)] : []),
      ...(f.fixes.length ? [text("reportFixes", fixNames(f.fixes))] : []),
      ...(f.after ? [text("reportAfter", text(ACTION_NAMES[f.after]))] : []),
      ...(f.handled ? [text("reportHandled", f.handled)] : []),
      ...(f.feedback ? [text(f.feedback === "right" ? "reportFeedbackRight" : "reportFeedbackWrong")] : []),
      ...(f.outcome?.state === "fixed" ? [text("reportFixed", text(ACTION_NAMES[f.outcome.fix]))] : f.outcome?.state === "not-fixed" ? [text("reportNotFixed", text(ACTION_NAMES[f.outcome.fix]))] : []),
    ];
    return [
      `### ${i + 1}. HTTP ${f.status} — ${f.method} ${f.url}`,
      "",
      ...lines.map((line) => `- ${say(line)}`),
      "",
      say(text("reportEvidence")),
      ...f.evidence.map((e) => `- ${say(text("evidenceLine", e.seen, e.meaning))}`),
    ].join("\n");
  });
  const site = failures[0]?.site ?? null;
  const intro = audience === "it" ? [say(text("reportForIt")), ""] : audience === "site" ? [say(text("reportForAdmin", site ?? "?")), ""] : [];
  const markdown = [`## ${say(text("reportTitle"))}`, "", ...intro, say(text("reportGenerated", when(generatedAt.getTime()), userAgent)), "", ...sections].join("\n");
  return { markdown, json };
}
