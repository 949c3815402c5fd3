import type { CauseId } from "./cause";
import type { Diagnosis, EvidenceItem } from "./diagnosis";
import type { FailureEvidence } from "./evidence";

/**
 * Names the most likely cause of an auth failure. Pure: evidence in, diagnosis out.
 * Rules are tried in order; the first that matches wins.
 */
export function classify(evidence: FailureEvidence): Diagnosis {
  const seen = observations(evidence);
  const { status, sent, response } = evidence;
  const host = hostOf(evidence.url);
  const challenge = response.wwwAuthenticate.join(", ");
  const diagnose = (cause: CauseId, confidence: number, summary: string): Diagnosis => ({ cause, confidence, summary, evidence: seen });

  if (status === 407 || response.proxyAuthenticate.length > 0) {
    return diagnose("proxy-auth", 0.9, "A proxy between you and the site wants you to sign in to it.");
  }
  if (sent.preflight) {
    return diagnose("cors-preflight", 0.85, `${host} refused the browser's permission check (CORS preflight) before the real request.`);
  }
  if (status === 419) return diagnose("session-expired", 0.8, `Your session on ${host} has expired (the page's security token is no longer valid).`);
  if (status === 440) return diagnose("session-expired", 0.85, `Your sign-in on ${host} timed out.`);
  if (/\berror\s*=\s*"?invalid_token"?/i.test(challenge)) {
    return /expired/i.test(challenge)
      ? diagnose("token-expired", 0.85, `The access token sent to ${host} has expired.`)
      : diagnose("token-invalid", 0.75, `${host} rejected the access token it was sent.`);
  }
  if (/\berror\s*=\s*"?insufficient_scope"?/i.test(challenge) || (status === 403 && (sent.authorizationScheme || sent.cookieNames.length))) {
    return diagnose("insufficient-permissions", 0.6, `You are signed in to ${host}, but not allowed to do this.`);
  }
  if (evidence.method === "POST" && SIGN_IN_PATH.test(pathOf(evidence.url))) {
    return diagnose("wrong-credentials", 0.7, `${host} did not accept the sign-in details just submitted.`);
  }
  if (new Set(sent.cookieNames).size < sent.cookieNames.length) {
    return diagnose("stale-cookie", 0.6, `Two cookies of the same name were sent to ${host}; an old one may hide your current session.`);
  }
  if (!sent.authorizationScheme && sent.cookieNames.length === 0) {
    return diagnose("missing-credentials", status === 401 ? 0.7 : 0.5, `${host} wants you to sign in, and the request carried no sign-in details.`);
  }
  if (sent.authorizationScheme?.toLowerCase() === "basic") {
    return diagnose("wrong-credentials", 0.7, `${host} did not accept the username and password it was sent.`);
  }
  if (sent.cookieNames.length > 0 && !sent.authorizationScheme) {
    return diagnose("session-expired", 0.55, `Your session on ${host} has probably expired.`);
  }
  return diagnose("unknown", 0.2, `${host} refused the request; AuthLens could not tell why.`);
}

function observations(evidence: FailureEvidence): EvidenceItem[] {
  const items: EvidenceItem[] = [{ seen: `HTTP ${evidence.status} for ${evidence.method} ${evidence.resourceType}`, meaning: statusMeaning(evidence.status) }];
  for (const challenge of evidence.response.wwwAuthenticate) {
    items.push({ seen: `WWW-Authenticate: ${challenge}`, meaning: "The server says how it wants you to sign in." });
  }
  const { sent } = evidence;
  items.push(
    sent.cookieNames.length > 0
      ? { seen: `Cookies sent: ${sent.cookieNames.join(", ")}`, meaning: "The browser sent cookies, so a session may exist but was refused." }
      : { seen: "No cookies were sent", meaning: "A cookie-based session cannot have been recognised." },
  );
  items.push(
    sent.authorizationScheme
      ? { seen: `Authorization: ${sent.authorizationScheme} (value hidden)`, meaning: "The request carried credentials of this scheme." }
      : { seen: "No Authorization header was sent", meaning: "No token or password went with the request." },
  );
  return items;
}

function statusMeaning(status: number): string {
  switch (status) {
    case 401:
      return "The server needs valid sign-in details.";
    case 403:
      return "The server refused the request.";
    case 407:
      return "A proxy needs you to sign in.";
    case 419:
      return "Laravel's 'Page Expired': the form's security token or the session expired.";
    case 440:
      return "IIS/Outlook Web 'Login Time-out': the session timed out.";
    default:
      return "An authentication failure.";
  }
}

/** Paths where a refusal answers a sign-in attempt: the credentials just typed were wrong. */
const SIGN_IN_PATH = /(^|\/)(log-?in|sign-?in|sign_in|sessions?|auth(enticate)?|token)(\.json)?\/?$/i;

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || url;
  } catch {
    return "the site";
  }
}
