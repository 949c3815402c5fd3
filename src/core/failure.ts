import { isCauseId, type CauseId } from "./diagnosis/cause";
import type { EvidenceItem, SaidDiagnosis } from "./diagnosis/diagnosis";
import type { FailureEvidence } from "./diagnosis/evidence";
import type { Challenge } from "./headers/www-authenticate";
import { readFixId, type FixId } from "./fixes/fix";
import type { After, FixOutcome } from "./fixes/outcome";
import type { SignInTarget } from "./fixes/sign-in-target";
import type { Handled } from "./diagnosis/handled";
import { redactUrl } from "./report/redact-url";
import { registrableDomain } from "./site";

/** One recorded auth failure: an item of the report contract (docs/report.md). */
export interface Failure {
  id: string;
  url: string;
  /** The URL's registrable domain ("this site"), so no UI needs the public-suffix list. */
  site: string | null;
  method: string;
  status: number;
  resourceType: string;
  /** When the response arrived, ms since the epoch. */
  time: number;
  initiator: string | null;
  frameId: number;
  cause: CauseId;
  confidence: number;
  summary: string;
  evidence: EvidenceItem[];
  /** In plain language; older versions' records carry the technical detail after a blank line. */
  explanation: string;
  /** How many of `evidence`, from the first, decided the cause (technicalPart). Absent in older versions' records. */
  decidedBy?: number;
  /** The fixes, ranked: the first resolves the situation (fixes/rank-fixes.ts). Every surface offers these, in this order. */
  fixes: FixId[];
  /** The evidence the diagnosis was made from (names, claims and parsed headers; no secrets). */
  details: FailureDetails;
  /** Seen just after AuthLens's own action in the tab (a fix, an undo, a closer look), which caused it. Absent otherwise. */
  after?: After;
  /** What became of a fix tried for this failure. Absent until one is. */
  outcome?: FixOutcome;
  /** The page handled the refusal itself (tried again and was answered, or only checked for a session): no badge, no banner. */
  handled?: Handled;
  /** Until when (ms since the epoch) the page may still handle it: no badge or banner before. Absent for a page's or frame's refusal. */
  quietUntil?: number;
  /** What the person said of the diagnosis ("Was this right?"), kept on this device and carried into the copied report. Absent until they say. */
  feedback?: "right" | "wrong";
}

export type FailureDetails = Pick<FailureEvidence, "statusLine" | "sent" | "response" | "jar" | "crossSite" | "embeddedIn" | "clockSkewMs" | "repeats" | "redirect" | "sessionEnding" | "refusedCookie" | "bodyReason"> & {
  /** Where "Sign in" goes for this failure. Absent where AuthLens cannot tell. */
  signIn?: SignInTarget;
  /** The site's service worker made the request, for the tab's page. Absent otherwise. */
  serviceWorker?: true;
};

/** What a fix's label needs to know of its failure (the banner gets just this). */
export type FixSubject = Pick<Failure, "url" | "site" | "cause"> & { details: Pick<FailureDetails, "clockSkewMs" | "signIn"> };

/** The part of a failure a fix's label reads. */
export function fixSubjectOf(f: FixSubject): FixSubject {
  return { url: f.url, site: f.site, cause: f.cause, details: { clockSkewMs: f.details.clockSkewMs, ...(f.details.signIn ? { signIn: f.details.signIn } : {}) } };
}

/** What the worker adds to a failure besides its evidence: where to sign in, and the own action it followed. */
export interface FailureContext {
  signIn?: SignInTarget | null;
  after?: After | null;
  serviceWorker?: boolean;
}

/** How much of a server's text a stored failure keeps: enough to read, never a server's 60 KB. */
const MAX_KEPT_TEXT = 300;
/** How many of a response's `Set-Cookie`s a stored failure keeps (the classifier saw them all). */
const MAX_KEPT_SET_COOKIES = 10;

const cut = (text: string) => (text.length > MAX_KEPT_TEXT ? `${text.slice(0, MAX_KEPT_TEXT - 1)}…` : text);

/**
 * The evidence as a failure keeps it, once the classifier has read it whole: server text cut
 * short and the `Set-Cookie`s counted by the first few, so a stored failure stays within a few KB
 * whatever a server sends (docs/security.md).
 */
function kept(response: FailureEvidence["response"]): FailureEvidence["response"] {
  const params = (c: Challenge): Challenge => ({ ...c, params: Object.fromEntries(Object.entries(c.params).map(([k, v]) => [k.slice(0, 60), cut(v)])), token68: c.token68 === null ? null : cut(c.token68) });
  return {
    ...response,
    wwwAuthenticate: response.wwwAuthenticate.slice(0, 5).map(cut),
    proxyAuthenticate: response.proxyAuthenticate.slice(0, 5).map(cut),
    challenges: response.challenges.slice(0, 5).map(params),
    proxyChallenges: response.proxyChallenges.slice(0, 5).map(params),
    setCookies: response.setCookies.slice(0, MAX_KEPT_SET_COOKIES),
  };
}

/** Joins what was observed and what the classifier concluded into a recordable failure. */
export function toFailure(id: string, frameId: number, evidence: FailureEvidence, said: SaidDiagnosis, context: FailureContext = {}): Failure {
  const { url, method, status, resourceType, time, initiator, statusLine, sent, jar, crossSite, embeddedIn, clockSkewMs, repeats, redirect, sessionEnding, refusedCookie, bodyReason } = evidence;
  const response = kept(evidence.response);
  const diagnosis = { ...said, evidence: said.evidence.map((e) => ({ seen: cut(e.seen), meaning: cut(e.meaning) })) };
  return {
    id,
    url,
    site: registrableDomain(url),
    method,
    status,
    resourceType,
    time,
    initiator,
    frameId,
    ...diagnosis,
    details: {
      statusLine,
      sent,
      response,
      jar,
      crossSite,
      embeddedIn,
      clockSkewMs,
      repeats,
      ...(redirect ? { redirect } : {}),
      ...(sessionEnding ? { sessionEnding } : {}),
      ...(refusedCookie ? { refusedCookie } : {}),
      ...(bodyReason ? { bodyReason } : {}),
      ...(context.signIn ? { signIn: { ...context.signIn, url: redactUrl(context.signIn.url) } } : {}),
      ...(context.serviceWorker ? { serviceWorker: true as const } : {}),
    },
    ...(context.after ? { after: context.after } : {}),
  };
}

/**
 * A failure read back from storage, or null when the value does not have its shape. Storage may
 * hold what an older version wrote, so nothing read is trusted unchecked; fix ids an older version
 * used are read as this one names them.
 */
export function readFailure(value: unknown): Failure | null {
  if (!isFailure(value)) return null;
  const fixes = value.fixes.flatMap((f) => readFixId(f) ?? []);
  return fixes.length === value.fixes.length && fixes.every((f, i) => f === value.fixes[i]) ? value : { ...value, fixes };
}

function isFailure(value: unknown): value is Failure {
  if (typeof value !== "object" || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    typeof f.id === "string" &&
    typeof f.url === "string" &&
    (typeof f.site === "string" || f.site === null) &&
    typeof f.method === "string" &&
    typeof f.status === "number" &&
    typeof f.resourceType === "string" &&
    typeof f.time === "number" &&
    typeof f.frameId === "number" &&
    isCauseId(f.cause) &&
    typeof f.confidence === "number" &&
    typeof f.summary === "string" &&
    typeof f.explanation === "string" &&
    Array.isArray(f.evidence) &&
    Array.isArray(f.fixes) &&
    f.fixes.every((fix) => readFixId(fix) !== null) &&
    typeof f.details === "object" &&
    f.details !== null
  );
}
