import { BANNER_TYPES } from "../core/report/banner";
import { gatherEvidence, type FailureEvidence } from "../core/diagnosis/evidence";
import { toFailure, type Failure, type FailureContext } from "../core/failure";
import { registrableDomain } from "../core/site";
import { appendBlocked, appendFailure, countRepeats, enterSite } from "../core/tab-record";
import { domainMatches, type JarCookie } from "../core/cookies/cookie-jar";
import { withJarEvidence, type CookieChange } from "../core/cookies/jar-evidence";
import { toBlockedRequest, type BlockedRequest } from "../core/diagnosis/blocked-request";
import { lastRefusedCookie, lastSessionEnding, type SessionCookieEvent } from "../core/sign-in/session-cookies";
import { isOpen, nextFixes, openCount, withOutcome, type After, type FixWatch } from "../core/fixes/outcome";
import { signInTarget } from "../core/fixes/sign-in-target";
import { HANDLED_MS, isSignedOutProbe, mayBeHandledByPage } from "../core/diagnosis/handled";
import type { ResponseEvent } from "../platform/web-request";
import type { FailureRecorderDeps, Queued } from "./recorder-deps";
import type { RefusedCookieWatch } from "./refused-cookie-watch";
import type { TabPages } from "./tab-pages";

/**
 * Records a tab's queued failures together: their evidence gathered (the jar read once per site),
 * diagnosed, stored in one write, the badge and the page told once. And forgets the sign-in
 * failures a finished sign-in answered.
 */
export function createBatchRecorder(deps: FailureRecorderDeps, tabPages: TabPages, cookieWatch: RefusedCookieWatch) {
  const { store, badge, diagnose, readJar, cookieChanges, preferences, notifyTab, reportChanged, newId, tabExists, tabUrl, sessionEvents, logError, fixWatch, ownActions, signInPages, recovery, handledMs = HANDLED_MS } = deps;

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

  async function record(tabId: number, items: readonly Queued[]): Promise<void> {
    try {
      for (const { details } of items) if (details.type === "main_frame") tabPages.note(tabId, details.url);
      // A frame's requests are judged against the tab's page: learn it if the worker was stopped since it committed.
      if (!tabPages.has(tabId)) {
        const url = await tabUrl(tabId);
        if (url) tabPages.note(tabId, url);
      }
      const { statuses, ignoredSites } = await preferences();
      const timeline = await sessionEvents();
      const jars = new Map<string, Promise<JarCookie[] | null>>();
      const found: { evidence: FailureEvidence; site: string | null; frameId: number; type: string; context: FailureContext & { notHelped?: FixWatch } }[] = [];
      const blocked: BlockedRequest[] = [];
      for (const item of items) {
        const { details } = item;
        const site = tabPages.siteOfTab(tabId, details);
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
        const refusedCookie = lastRefusedCookie(timeline, evidence.url, evidence.time) ?? (evidence.response.setCookiesFrom === "jar-changes" ? cookieWatch.signInNotKept(evidence, sessionEnding) : null);
        const full = { ...evidence, ...(item.kind === "redirect" ? { redirect: item.redirect } : {}), ...(sessionEnding ? { sessionEnding } : {}), ...(refusedCookie ? { refusedCookie } : {}) };
        found.push({ evidence: full, site, frameId: details.frameId, type: details.type, context: await contextOf(tabId, item.details, full, requestSite) });
      }
      if (found.length === 0 && blocked.length === 0) return;
      const fresh: Failure[] = [];
      const next = await store.update(tabId, (current) => {
        const withBlocked = blocked.reduce((before, b) => appendBlocked(enterSite(before, tabPages.siteOfTab(tabId, b)), b), current);
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

  return { record, forgetAnsweredSignIns };
}

/** The jar with the cookies removed in the last moments put back: what it held while a loop went round. */
function jarDuring(jar: readonly JarCookie[] | null, changes: readonly CookieChange[]): JarCookie[] | null {
  if (!jar) return null;
  const key = (c: JarCookie) => `${c.name}\n${c.domain}\n${c.path}\n${c.partitioned}`;
  const held = new Map(jar.map((c) => [key(c), c]));
  for (const { removed, cause: _cause, time: _time, ...cookie } of changes) if (removed && !held.has(key(cookie))) held.set(key(cookie), cookie);
  return [...held.values()];
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
