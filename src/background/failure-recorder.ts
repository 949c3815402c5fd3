import { isAuthFailureStatus, mayBeAntiForgeryRefusal } from "../core/auth-status";
import { BANNER_TYPES } from "../core/banner";
import type { SaidDiagnosis } from "../core/diagnosis";
import { gatherEvidence, type FailureEvidence, type HeadersSeen } from "../core/evidence";
import { toFailure, type Failure, type FailureContext } from "../core/failure";
import { headerValues, type HttpHeader } from "../core/http-header";
import { registrableDomain } from "../core/site";
import { appendBlocked, appendFailure, countRepeats, enterSite } from "../core/tab-record";
import type { JarCookie } from "../core/cookie-jar";
import { withJarEvidence, type CookieChange } from "../core/jar-evidence";
import type { Badge } from "../platform/badge";
import type { TabStore } from "../platform/tab-store";
import type { PostedEvent, RedirectEvent, RequestHandlers, ResponseEvent } from "../platform/web-request";
import { isHiddenAnswer, toBlockedRequest, type BlockedRequest, type NetworkErrorEvent } from "../core/blocked-request";
import { summarizeSentCredentials, type SentCredentials } from "../core/sent-credentials";
import type { SignInRedirect } from "../core/sign-in/navigation";
import { lastRefusedCookie, lastSessionEnding, looksLikeSession, type RefusedCookie, type SessionCookieEvent, type SessionEnding } from "../core/sign-in/session-cookies";
import { parseSetCookie, type CookieRejection } from "../core/set-cookie";
import { recognizeSignInPage } from "../core/sign-in/sign-in-page";
import { samlRefusal } from "../core/sign-in/saml";
import { createNavigationWatch } from "./navigation-watch";
import { isOpen, nextFixes, openCount, withOutcome, type After, type FixWatch } from "../core/fixes/outcome";
import { signInTarget } from "../core/fixes/sign-in-target";
import type { FixWatcher } from "./fix-watch";
import type { OwnActions } from "./own-actions";
import type { SignInPages } from "../platform/sign-in-pages";
import type { RecoveryWatch } from "./recovery-watch";
import { HANDLED_MS, isSignedOutProbe, mayBeHandledByPage } from "../core/handled";
import { domainMatches } from "../core/cookie-jar";

/** How long a sign-in form's answer that left no sign-in cookie explains the refusals that follow. */
const NOT_KEPT_WINDOW_MS = 10 * 60_000;

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
  /** How long that moment is (default {@link HANDLED_MS}). */
  handledMs?: number;
  /** How long a tab's failures are gathered before they are recorded together (default {@link BATCH_MS}). */
  batchMs?: number;
}

/** A refused response, and what was seen of its headers, waiting to be recorded. */
interface Refusal {
  kind: "refusal";
  details: ResponseEvent;
  seen: HeadersSeen;
}

/** A call to another origin that failed before its answer could be seen, waiting to be recorded. */
interface Blocked {
  kind: "blocked";
  details: NetworkErrorEvent & { tabId: number };
  sent: SentCredentials;
}

/** A navigation the site turned into a sign-in, waiting to be recorded. */
interface Redirected {
  kind: "redirect";
  details: ResponseEvent;
  seen: HeadersSeen;
  redirect: SignInRedirect;
}

/** A request's headers as a listener saw them: with `Cookie` only where the browser showed it, and when it went out. */
interface SentHeaders {
  headers: HttpHeader[];
  cookie: boolean;
  at: number | null;
}

/** The jar with the cookies removed in the last moments put back: what it held while a loop went round. */
function jarDuring(jar: readonly JarCookie[] | null, changes: readonly CookieChange[]): JarCookie[] | null {
  if (!jar) return null;
  const key = (c: JarCookie) => `${c.name}\n${c.domain}\n${c.path}\n${c.partitioned}`;
  const held = new Map(jar.map((c) => [key(c), c]));
  for (const { removed, cause: _cause, time: _time, ...cookie } of changes) if (removed && !held.has(key(cookie))) held.set(key(cookie), cookie);
  return [...held.values()];
}

/** Long enough to gather what a page refuses at once, too short for a person to notice. */
export const BATCH_MS = 100;

export interface FailureRecorder {
  /** Every tab's requests (the listeners always there, {@link watchRequests}), and top-level redirects. */
  everyTab: RequestHandlers & { onBeforeRedirect: (details: RedirectEvent) => void; onPosted: (details: PostedEvent) => void };
  /** The listeners of a tab AuthLens looks closer at. */
  closeLook: RequestHandlers;
  /**
   * A top-level document committed in a tab (webNavigation.onCommitted, frame 0), with how it came
   * (its transition qualifiers); `null` for an error page (webNavigation.onErrorOccurred), which ends
   * no navigation the sign-in watch follows.
   */
  onTopLevelCommitted(tabId: number, url: string, qualifiers?: readonly string[] | null): Promise<void>;
  onTabRemoved(tabId: number): Promise<void>;
  /** Settles when every failure seen so far is stored (for tests and the flood benchmark). */
  idle(): Promise<void>;
}

/**
 * Requests whose response has not arrived yet keep their headers here, by reference and unread,
 * until their response or error. The cap only matters if the browser drops events (or serves a
 * request from a cache without a response event): the oldest go first.
 */
const MAX_PENDING_REQUESTS = 2000;

/**
 * Turns webRequest events into stored failures and badge counts. A request that does not fail
 * costs a map insert and delete: no parsing, no storage, nothing kept.
 */
export function createFailureRecorder(deps: FailureRecorderDeps): FailureRecorder {
  const { store, badge, diagnose, readJar, cookieChanges, lookingCloser, hidesCookieHeaders, preferences, notifyTab, reportChanged, newId, tabExists, tabUrl, sessionEvents, cookieRefused, watchSockets, watchingSockets = () => false, logError, fixWatch, ownActions, signInPages, recovery, handledMs = HANDLED_MS, batchMs = BATCH_MS } = deps;
  const pending = new Map<string, SentHeaders>();
  /** Each tab's top-level URL as last seen; lost with the worker, and then re-learnt. */
  const tabPages = new Map<number, string>();
  // Hosts whose sign-in form answered as a working one does, and when (Chrome's default view, see watchSignInAnswer).
  const signInAnswers = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();

  function track(work: Promise<void>): void {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  }

  function hold(requestId: string, sent: SentHeaders): void {
    pending.set(requestId, sent);
    if (pending.size > MAX_PENDING_REQUESTS) {
      const oldest = pending.keys().next().value;
      if (oldest !== undefined) pending.delete(oldest);
    }
  }

  /** The headers a request was sent with, let go of; null when they were not seen. */
  function release(requestId: string): SentHeaders | null {
    const sent = pending.get(requestId) ?? null;
    pending.delete(requestId);
    return sent;
  }

  /** Failures of a tab waiting to be recorded together, by tab. */
  const batches = new Map<number, (Refusal | Blocked | Redirected)[]>();

  /** Top-level navigations the site turns into a sign-in, and sign-ins that finish. */
  const navigations = createNavigationWatch<SentHeaders>({
    signIn({ tabId, redirect, first, time }) {
      // The response that began the navigation is the evidence where it answered the page asked for; a client
      // redirect, an OAuth callback or a loop's page was not followed from its own request, whose headers are unknown.
      const own = first?.details.url === redirect.requested ? first : null;
      const details: ResponseEvent = own?.details ?? { requestId: "", tabId, frameId: 0, url: redirect.requested, method: "GET", statusCode: redirect.status, type: "main_frame", timeStamp: time, responseHeaders: [] };
      // A page load has no page of its own to set a cookie: one that appeared after it went out is the redirect's.
      enqueue({ kind: "redirect", details, seen: { request: own?.sent?.headers ?? null, cookie: own?.sent?.cookie ?? false, setCookie: !hidesCookieHeaders, sentAt: own?.sent?.at ?? null }, redirect });
    },
    signedIn(tabId, landing) {
      track(forgetAnsweredSignIns(tabId, registrableDomain(landing)));
    },
  });

  /**
   * After a sign-in that finished, the failures that sent the person to it on that site are
   * answered: fixed, where a fix was being watched for them; else the person signed in by
   * themselves, and they are forgotten.
   */
  async function forgetAnsweredSignIns(tabId: number, site: string | null): Promise<void> {
    try {
      if (!site || !(await store.has(tabId))) return;
      const before = await store.read(tabId);
      const answered = before.failures.filter((f) => f.details.redirect && f.site === site);
      if (answered.length === 0) return;
      const watch = answered.map((f) => fixWatch.covering(tabId, f.id)).find((w) => w !== null);
      if (watch) return void (await fixWatch.fixed(watch));
      const next = await store.update(tabId, (record) => ({ ...record, failures: record.failures.filter((f) => !(f.details.redirect && f.site === site)) }));
      await badge.show(tabId, openCount(next.failures));
      reportChanged(tabId);
    } catch (error) {
      logError("could not forget the sign-in failures a sign-in answered", error);
    }
  }

  /**
   * Queues a failure. The failures a page makes together (a dashboard whose API calls all fail)
   * are recorded together a moment later: one read of the settings, one of the jar per site, one
   * storage write, one badge update and one word to the page for the lot, so recording does not
   * compete with the page's own loading.
   */
  function enqueue(item: Refusal | Blocked | Redirected): void {
    const { tabId } = item.details;
    const batch = batches.get(tabId);
    if (batch) return void batch.push(item);
    batches.set(tabId, [item]);
    track(
      new Promise((resolve) => setTimeout(resolve, batchMs)).then(() => {
        const due = batches.get(tabId) ?? [];
        batches.delete(tabId);
        return record(tabId, due);
      }),
    );
  }

  async function record(tabId: number, items: readonly (Refusal | Blocked | Redirected)[]): Promise<void> {
    try {
      for (const { details } of items) if (details.type === "main_frame") tabPages.set(tabId, details.url);
      // A frame's requests are judged against the tab's page: learn it if the worker was stopped since it committed.
      if (!tabPages.has(tabId)) {
        const url = await tabUrl(tabId);
        if (url) tabPages.set(tabId, url);
      }
      const { statuses, ignoredSites } = await preferences();
      const timeline = await sessionEvents();
      const jars = new Map<string, Promise<JarCookie[] | null>>();
      const found: { evidence: FailureEvidence; site: string | null; frameId: number; type: string; context: FailureContext & { notHelped?: FixWatch } }[] = [];
      const blocked: BlockedRequest[] = [];
      for (const item of items) {
        const { details } = item;
        const site = siteOfTab(tabId, details);
        const requestSite = registrableDomain(details.url);
        if (ignoredSites.some((s) => s === site || s === requestSite)) continue;
        if (item.kind === "blocked") {
          blocked.push(toBlockedRequest(newId(), item.details, item.sent));
          continue;
        }
        // A redirect to sign in has its own status (302, 303, …): the statuses setting is about refusals.
        if (item.kind === "refusal" && !statuses.includes(item.details.statusCode)) continue;
        const topLevelUrl = tabPages.get(tabId) ?? details.initiator ?? null;
        // One read per site: the whole site's jar is read.
        const key = `${requestSite ?? details.url}\n${topLevelUrl}`;
        const jar = jars.get(key) ?? readJar(details.url, topLevelUrl);
        jars.set(key, jar);
        // The changes are read after the jar: by then the browser has reported the response's own.
        // A loop went round many times, the site setting and deleting cookies each time: what the jar held during it
        // (today's cookies and those removed meanwhile) is what it kept sending, not the jar before one response.
        const looped = item.kind === "redirect" && item.redirect.by === "loop";
        const evidence = withJarEvidence(gatherEvidence(item.details, item.seen, tabPages.get(tabId) ?? null), looped ? jarDuring(await jar, cookieChanges()) : await jar, looped ? [] : cookieChanges());
        const sessionEnding = lastSessionEnding(timeline, evidence.url, evidence.sentAt ?? evidence.time);
        const refusedCookie = lastRefusedCookie(timeline, evidence.url, evidence.time) ?? (evidence.response.setCookiesFrom === "jar-changes" ? signInNotKept(evidence, sessionEnding) : null);
        const full = { ...evidence, ...(item.kind === "redirect" ? { redirect: item.redirect } : {}), ...(sessionEnding ? { sessionEnding } : {}), ...(refusedCookie ? { refusedCookie } : {}) };
        found.push({ evidence: full, site, frameId: details.frameId, type: details.type, context: await contextOf(tabId, item.details, full, requestSite) });
      }
      if (found.length === 0 && blocked.length === 0) return;
      const fresh: Failure[] = [];
      const next = await store.update(tabId, (current) => {
        const withBlocked = blocked.reduce((before, b) => appendBlocked(enterSite(before, siteOfTab(tabId, b)), b), current);
        return found.reduce((before, { evidence, site, frameId, context }) => {
          const record = enterSite(before, site);
          const seen = { ...evidence, repeats: countRepeats(record.failures, { ...evidence, ...(context.after ? { after: context.after } : {}) }) };
          const diagnosis = diagnose(seen);
          // A 422 is kept only as an anti-forgery refusal: any other is a form the site could not accept.
          if (evidence.status === 422 && diagnosis.cause !== "csrf") return record;
          const failure = forThePage(toFailure(newId(), frameId, seen, diagnosis, context), hadSession(timeline, evidence.url));
          fresh.push(failure);
          // The site refused again after a fix for this very request: that fix goes last, and the card says it did not help.
          const tried = context.notHelped;
          if (!tried) return appendFailure(record, failure);
          return appendFailure({ ...record, failures: withOutcome(record.failures, tried, "not-fixed", evidence.time) }, { ...failure, fixes: nextFixes(failure.fixes, tried.fix) });
        }, withBlocked);
      });
      recovery.expect(tabId, fresh);
      // The tab closed while this was being recorded (its onRemoved may already have run): forget it.
      if (!(await tabExists(tabId))) return void (await store.remove(tabId));
      if (found.length > 0) await badge.show(tabId, openCount(next.failures));
      reportChanged(tabId);
      // A refusal the page may still handle is told of once its moment is over (the recovery watch), if it still stands.
      if (fresh.some((f) => BANNER_TYPES.has(f.resourceType) && isOpen(f))) notifyTab(tabId);
    } catch (error) {
      const [first] = items;
      logError(items.length === 1 && first && first.kind !== "blocked" ? `could not record the ${first.details.statusCode} for a ${first.details.type} request` : `could not record ${items.length} failures`, error);
    }
  }

  /**
   * What the recorder adds to a failure besides its evidence: where "Sign in" goes, and AuthLens's
   * own action it followed (a fix for this very request that did not help, or a reload it made).
   */
  async function contextOf(tabId: number, details: ResponseEvent, evidence: FailureEvidence, requestSite: string | null): Promise<FailureContext & { notHelped?: FixWatch }> {
    const page = tabPages.get(tabId) ?? null;
    const known = await signInPages.forUrl(details.url).catch(() => null);
    const signIn = signInTarget(evidence, page ? { url: page, sameSite: registrableDomain(page) === requestSite } : null, known);
    const watch = fixWatch.refused(tabId, details.method, details.url, evidence.time);
    const after: After | null = watch ? { kind: watch.fix, at: watch.at, notHelped: true } : ownActions.before(tabId, evidence.time);
    return { signIn, after, ...(details.serviceWorker ? { serviceWorker: true } : {}), ...(watch ? { notHelped: watch } : {}) };
  }

  /**
   * A refusal as the page may treat it: a signed-out visitor's check for a session is handled
   * already; one of the page's own calls gets a moment to be tried again before anyone is told.
   */
  function forThePage(failure: Failure, hadSessionHere: boolean): Failure {
    if (isSignedOutProbe(failure, hadSessionHere)) return { ...failure, handled: { how: "probe", at: failure.time } };
    return mayBeHandledByPage(failure) && handledMs > 0 ? { ...failure, quietUntil: failure.time + handledMs } : failure;
  }

  /**
   * The tab a request belongs to: its own; for one a site's service worker made (Chrome reports
   * it with tabId −1 and the worker's origin as initiator), the tab most recently on a page of that
   * origin, which the worker serves; null for a request no tab made (the browser's own, another
   * extension's). A worker's own navigations are left to the browser.
   */
  function tabFor(details: { tabId: number; initiator?: string | undefined; type?: string | undefined }): number | null {
    if (details.tabId >= 0) return details.tabId;
    if (!details.initiator || details.type === "main_frame") return null;
    let found: number | null = null;
    for (const [tabId, url] of tabPages) if (originOf(url) === details.initiator) found = tabId;
    return found;
  }

  function siteOfTab(tabId: number, details: { frameId: number; initiator?: string | undefined }): string | null {
    const page = tabPages.get(tabId);
    if (page !== undefined) return registrableDomain(page);
    // After a worker restart: the main frame's own requests name its origin as initiator.
    return details.frameId === 0 && details.initiator ? registrableDomain(details.initiator) : null;
  }

  /** The sign-in cookies a response set that the browser will not store, where its `Set-Cookie` is shown. */
  function noteRefusedCookies(details: ResponseEvent): void {
    const headers = details.responseHeaders;
    if (!headers?.some((h) => h.name.toLowerCase() === "set-cookie")) return;
    let host: string;
    try {
      host = new URL(details.url).hostname;
    } catch {
      return;
    }
    // Several cookies may share one entry, a line each.
    for (const line of headerValues(headers, "set-cookie").flatMap((v) => v.split("\n")).slice(0, 50)) {
      const c = parseSetCookie(line, details.timeStamp, details.url);
      if (!c?.rejected || !looksLikeSession(c.name)) continue;
      const domain = c.domain && c.rejected !== "domain-mismatch" ? c.domain : host;
      cookieRefused({ name: c.name, domain, hostOnly: domain === host && !c.domain, path: c.path ?? "/", reason: c.rejected });
    }
  }

  /**
   * Where `Set-Cookie` is hidden (Chrome by default): a sign-in form on plain http answered by a
   * redirect away from signing in (how a sign-in that worked answers). A refusal that follows with
   * no sign-in cookie in the jar means the browser did not keep it ({@link signInNotKept}); on http
   * that is most often a Secure cookie it refused. The closer look sees the header itself.
   */
  function watchSignInAnswer(details: ResponseEvent): void {
    if (!hidesCookieHeaders || details.type !== "main_frame" || details.method !== "POST" || details.statusCode < 300 || details.statusCode >= 400) return;
    let url: URL;
    let next: string | null;
    try {
      url = new URL(details.url);
      const location = headerValues(details.responseHeaders, "location")[0];
      next = location ? new URL(location, url).href : null;
    } catch {
      return;
    }
    if (url.protocol !== "http:" || url.hostname === "localhost" || !recognizeSignInPage(details.url) || (next !== null && recognizeSignInPage(next))) return;
    signInAnswers.delete(url.hostname);
    signInAnswers.set(url.hostname, details.timeStamp);
    if (signInAnswers.size > 50) signInAnswers.delete(signInAnswers.keys().next().value!);
  }

  /**
   * For a refusal where `Set-Cookie` was hidden: a sign-in form of the host answered as a working
   * one does a while before, and still no sign-in cookie applies, none having ended since.
   */
  function signInNotKept(evidence: FailureEvidence, sessionEnding: SessionEnding | null): RefusedCookie | null {
    let host: string;
    try {
      host = new URL(evidence.url).hostname;
    } catch {
      return null;
    }
    const at = signInAnswers.get(host);
    if (at === undefined || evidence.time < at || evidence.time - at > NOT_KEPT_WINDOW_MS) return null;
    // A sign-in cookie of the host kept for another path or partition is there, only not here: another rule names it.
    const jar = evidence.jar;
    if (jar?.applicable.some((c) => looksLikeSession(c.name)) || jar?.otherPaths?.length || jar?.keptApart?.length || (sessionEnding && sessionEnding.time >= at)) return null;
    return { name: "", reason: "not-kept", time: at };
  }

  const heardCloser = new Set<string>();
  function heardTwice(event: ResponseEvent): boolean {
    if (event.type !== "websocket") return false;
    const key = `${event.requestId}\n${event.statusCode}`;
    if (heardCloser.has(key)) return true;
    heardCloser.add(key);
    if (heardCloser.size > 100) heardCloser.delete(heardCloser.values().next().value!);
    return false;
  }

  /** The response as the tab's own: a service worker's (tab −1) goes to the tab whose page it serves. */
  function attributed(event: ResponseEvent): ResponseEvent | null {
    const tabId = tabFor(event);
    if (tabId === null) return null;
    return tabId === event.tabId ? event : { ...event, tabId, frameId: 0, serviceWorker: true };
  }

  const refused = (details: ResponseEvent, sent: SentHeaders | null, setCookie: boolean) => {
    if (!isAuthFailureStatus(details.statusCode)) return;
    if (details.statusCode === 422 && !mayBeAntiForgeryRefusal(422, details.type, details.method, sent ? summarizeSentCredentials(details.method, sent.headers, false).antiForgery : null)) return;
    recovery.heard(details.tabId, details.url);
    // A refusal's cookies are judged from its response's time: a cookie set a moment before it went out may be heard after.
    enqueue({ kind: "refusal", details, seen: { request: sent?.headers ?? null, cookie: sent?.cookie ?? false, setCookie } });
  };

  return {
    everyTab: {
      onSendHeaders(details) {
        // A tab looked closer at is its listeners' own, as are the handshakes of one whose sockets are watched.
        const tabId = tabFor(details);
        if (tabId === null || lookingCloser(tabId) || (details.type === "websocket" && watchingSockets(tabId))) return;
        hold(details.requestId, { headers: details.requestHeaders ?? [], cookie: !hidesCookieHeaders, at: details.timeStamp ?? null });
      },
      onHeadersReceived(event) {
        const details = attributed(event);
        if (details === null || lookingCloser(details.tabId) || (details.type === "websocket" && watchingSockets(details.tabId))) return;
        fixWatch.onResponse(details);
        recovery.onResponse(details);
        if (!hidesCookieHeaders) noteRefusedCookies(details);
        watchSignInAnswer(details);
        const sent = release(details.requestId);
        navigations.onResponse(details, sent);
        refused(details, sent, !hidesCookieHeaders);
      },
      onBeforeRedirect(details) {
        navigations.onBeforeRedirect(details);
      },
      onPosted(details) {
        const field = details.method === "POST" ? details.requestBody?.formData?.SAMLResponse : undefined;
        const posted = Array.isArray(field) ? (field[0] as unknown) : field;
        if (typeof posted !== "string") return;
        const refusal = samlRefusal(posted);
        if (refusal) navigations.onSamlRefusal(details.tabId, details.requestId, refusal);
      },
      onErrorOccurred(details) {
        const sent = release(details.requestId);
        navigations.onError(details);
        if (details.tabId < 0 || lookingCloser(details.tabId) || !isHiddenAnswer(details) || (details.type === "websocket" && watchingSockets(details.tabId))) return;
        // Chrome hid the answer; Firefox shows every answer to its listeners, so its errors are network errors.
        if (!hidesCookieHeaders) return;
        enqueue({ kind: "blocked", details, sent: summarizeSentCredentials(details.method, sent?.headers ?? null, false) });
        if (details.type === "websocket") watchSockets?.(details.tabId);
      },
    },
    closeLook: {
      onSendHeaders(details) {
        hold(details.requestId, { headers: details.requestHeaders ?? [], cookie: true, at: details.timeStamp ?? null });
      },
      onHeadersReceived(details) {
        // A tab looked closer at whose sockets are watched too hears a handshake twice.
        if (heardTwice(details)) return;
        // A request that began before the closer look keeps what the default listener saw of it.
        // (Also the handshakes of a tab whose WebSockets are watched.) These listeners are a tab's own: no service worker's.
        fixWatch.onResponse(details);
        recovery.onResponse(details);
        noteRefusedCookies(details);
        const sent = release(details.requestId);
        navigations.onResponse(details, sent);
        refused(details, sent, true);
      },
      onErrorOccurred(details) {
        release(details.requestId);
      },
    },
    async onTopLevelCommitted(tabId, url, qualifiers = []) {
      const site = registrableDomain(url);
      if (qualifiers !== null) navigations.onCommitted(tabId, url, qualifiers);
      ownActions.committed(tabId);
      // Last in the map: the most recent page of its origin, for a service worker's requests.
      tabPages.delete(tabId);
      tabPages.set(tabId, url);
      track(signInPages.saw(url).catch((error: unknown) => logError("could not keep a sign-in page", error)));
      const work = (async () => {
        try {
          if (!(await store.has(tabId))) return;
          // Chrome resets a tab's badge on every navigation; put the count back.
          const next = await store.update(tabId, (current) => enterSite(current, site));
          await badge.show(tabId, openCount(next.failures));
          // A page reloaded (or another of the site's) in a tab with the site's failures gets its banner back.
          if (next.failures.some((f) => BANNER_TYPES.has(f.resourceType) && f.site === site && isOpen(f))) notifyTab(tabId);
        } catch (error) {
          logError("could not update the tab after a navigation", error);
        }
      })();
      track(work);
      await work;
    },
    async onTabRemoved(tabId) {
      tabPages.delete(tabId);
      navigations.onTabRemoved(tabId);
      try {
        await store.remove(tabId);
      } catch (error) {
        logError("could not forget a closed tab", error);
      }
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

/** Whether this browser held a sign-in cookie for the address lately (the session timeline). */
function hadSession(timeline: readonly SessionCookieEvent[], url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return timeline.some((event) => domainMatches(host, event));
}

/** A URL's origin, or null. */
function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
