import type { SaidDiagnosis } from "../core/diagnosis/diagnosis";
import type { FailureEvidence, HeadersSeen } from "../core/diagnosis/evidence";
import type { HttpHeader } from "../core/headers/http-header";
import type { JarCookie } from "../core/cookies/cookie-jar";
import type { CookieChange } from "../core/cookies/jar-evidence";
import type { NetworkErrorEvent } from "../core/diagnosis/blocked-request";
import type { SentCredentials } from "../core/headers/sent-credentials";
import type { SignInRedirect } from "../core/sign-in/navigation";
import type { SessionCookieEvent } from "../core/sign-in/session-cookies";
import type { CookieRejection } from "../core/cookies/set-cookie";
import type { Badge } from "../platform/badge";
import type { TabStore } from "../platform/tab-store";
import type { ResponseEvent } from "../platform/web-request";
import type { SignInPages } from "../platform/sign-in-pages";
import type { FixWatcher } from "./fix-watch";
import type { OwnActions } from "./own-actions";
import type { RecoveryWatch } from "./recovery-watch";

/** What the failure recorder is given: the stores it writes, what it asks, and whom it tells. */
export interface FailureRecorderDeps {
  store: TabStore;
  badge: Badge;
  /** Names the cause and says it in the person's language. */
  diagnose: (evidence: FailureEvidence) => SaidDiagnosis;
  /** The cookies of the failing URL's site, without values; null when they cannot be read. */
  readJar: (url: string, topLevelUrl: string | null) => Promise<JarCookie[] | null>;
  /** The jar's changes of the last seconds (cookies.onChanged), without values. */
  cookieChanges: () => readonly CookieChange[];
  /** Whether AuthLens looks closer at the tab: its close-look listeners then report its responses. */
  lookingCloser: (tabId: number) => boolean;
  /** Chrome hides `Set-Cookie` (and `Cookie`) from listeners that do not ask for `extraHeaders`. */
  hidesCookieHeaders: boolean;
  newId: () => string;
  /** The person's choice of statuses and ignored sites. Read only when a request fails. */
  preferences: () => Promise<{ statuses: readonly number[]; ignoredSites: readonly string[] }>;
  /** Tells the tab's page that its failures changed, putting the banner there if need be. */
  notifyTab: (tabId: number) => void;
  /** Tells the extension's open pages (a popup) that the tab's failures changed. */
  reportChanged: (tabId: number) => void;
  /** Whether the tab is still open: a response can arrive after its tab closed. */
  tabExists: (tabId: number) => Promise<boolean>;
  /** The tab's page URL, for a tab whose page the worker has not seen commit (it was stopped meanwhile); null if unknown. */
  tabUrl: (tabId: number) => Promise<string | null>;
  /** Where a listener's failure is reported; no listener lets an exception escape. */
  logError: (message: string, error: unknown) => void;
  /** The session timeline: changes to sign-in cookies, for "your sessionid cookie expired at 10:42". */
  sessionEvents: () => Promise<readonly SessionCookieEvent[]>;
  /** A tab's WebSocket handshake failed with its answer hidden: watch its next ones closer (Chrome). */
  watchSockets?: (tabId: number) => void;
  /** Whether a tab's WebSocket handshakes are being watched closer: those listeners take them. */
  watchingSockets?: (tabId: number) => boolean;
  /** A sign-in cookie a response set that the browser will not store (the session timeline keeps it). */
  cookieRefused: (cookie: { name: string; domain: string; hostOnly: boolean; path: string; reason: CookieRejection }) => void;
  /** The fixes being watched: the site's next answers settle them. */
  fixWatch: Pick<FixWatcher, "onResponse" | "refused" | "covering" | "fixed">;
  /** What AuthLens itself just did in a tab: what follows is marked `after` it, and is no repeat. */
  ownActions: Pick<OwnActions, "before" | "committed">;
  /** Sites' sign-in pages seen in tabs, where "Sign in" goes. */
  signInPages: Pick<SignInPages, "saw" | "forUrl">;
  /** Gives the page a moment to handle its own refusals before the badge and the banner tell of them. */
  recovery: Pick<RecoveryWatch, "heard" | "expect" | "onResponse">;
  /** How long that moment is (default `HANDLED_MS`, core/handled). */
  handledMs?: number;
  /** How long a tab's failures are gathered before they are recorded together (default `BATCH_MS`). */
  batchMs?: number;
}

/** A refused response, and what was seen of its headers, waiting to be recorded. */
export interface Refusal {
  kind: "refusal";
  details: ResponseEvent;
  seen: HeadersSeen;
}

/** A call to another origin that failed before its answer could be seen, waiting to be recorded. */
export interface Blocked {
  kind: "blocked";
  details: NetworkErrorEvent & { tabId: number };
  sent: SentCredentials;
}

/** A navigation the site turned into a sign-in, waiting to be recorded. */
export interface Redirected {
  kind: "redirect";
  details: ResponseEvent;
  seen: HeadersSeen;
  redirect: SignInRedirect;
}

/** A request's headers as a listener saw them: with `Cookie` only where the browser showed it, and when it went out. */
export interface SentHeaders {
  headers: HttpHeader[];
  cookie: boolean;
  at: number | null;
}

/** A tab's failure waiting to be recorded with the others it came with. */
export type Queued = Refusal | Blocked | Redirected;
