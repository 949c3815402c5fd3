import type { Failure } from "./failure";
import { redactUrl } from "./redact-url";

/** The report a person pastes into a support ticket: what failed, why, and the evidence, with no secret. */
export interface ReportText {
  markdown: string;
  json: string;
}

/**
 * Formats failures for a support ticket. Records already hold no token, cookie value or password
 * (only names, schemes and safe JWT claims such as exp, iss, aud); URLs are redacted once more here
 * in case a record came from an older version.
 */
export function formatReport(failures: readonly Failure[], generatedAt: Date, userAgent: string): ReportText {
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
  }));
  const json = JSON.stringify({ generatedBy: "AuthLens", generatedAt: generatedAt.toISOString(), userAgent, failures: safe }, null, 2);
  const sections = safe.map((f, i) =>
    [
      `### ${i + 1}. HTTP ${f.status} — ${f.method} ${f.url}`,
      "",
      `- When: ${f.time}`,
      `- Likely cause: **${f.cause}** (${Math.round(f.confidence * 100)}% sure) — ${f.summary}`,
      `- Request type: ${f.resourceType}`,
      f.cookiesUncertain
        ? `- Cookies for this address in the jar, sent only if the page asked for them (names only): ${f.cookiesSent.join(", ")}`
        : f.cookiesFrom === "jar"
          ? `- Cookies for this address in the jar, presumed sent (names only): ${f.cookiesSent.join(", ") || "none"}`
          : `- Cookies sent (names only): ${f.cookiesSent.join(", ") || "none"}`,
      `- Authorization: ${!f.requestHeadersSeen ? "not seen (the request began before AuthLens was listening)" : f.authorizationScheme ? `${f.authorizationScheme} (value withheld)` : "none"}`,
      ...(f.tokenClaims ? [`- Token claims: ${JSON.stringify(f.tokenClaims)}`] : []),
      ...f.challenges.map((c) => `- WWW-Authenticate: \`${c}\``),
      ...f.proxyChallenges.map((c) => `- Proxy-Authenticate: \`${c}\``),
      ...(f.serverDate ? [`- Server Date: ${f.serverDate}`] : []),
      "",
      "Evidence:",
      ...f.evidence.map((e) => `- ${e.seen}: ${e.meaning}`),
    ].join("\n"),
  );
  const markdown = [`## AuthLens report`, "", `Generated ${generatedAt.toISOString()} by AuthLens (${userAgent}). Cookie values, tokens and passwords are never included.`, "", ...sections].join("\n");
  return { markdown, json };
}
