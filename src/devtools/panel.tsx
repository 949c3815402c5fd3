import type { Entry, Har } from "har-format";
import { useEffect, useState } from "preact/hooks";
import { classify } from "../core/diagnosis/classify";
import { sayDiagnosis } from "../core/diagnosis/diagnosis";
import { toFailure, type Failure } from "../core/failure";
import { harEntryEvidence } from "../core/har/har-failure";
import { redactHar, type RedactionCounts } from "../core/har/redact-har";
import { say, t, tn } from "../platform/i18n";
import { EvidenceDetails } from "../popup/evidence-details";
import { causeLabel, fixLabel } from "../ui/labels";
import { shortUrl } from "../ui/short-url";

/** A request of DevTools' Network log, with a way to read its body. */
export interface LoggedRequest {
  entry: Entry;
  content: () => Promise<string | null>;
}

/** What the panel needs of `devtools.network`: the log so far, what comes next, navigations, the whole log as HAR. */
export interface NetworkLog {
  entries(): Promise<LoggedRequest[]>;
  onRequest(listener: (request: LoggedRequest) => void): () => void;
  onNavigated(listener: () => void): () => void;
  har(): Promise<Har>;
}

/** At most this many failures are listed (the newest): a page refusing everything must not make DevTools crawl. */
const MAX_ROWS = 200;

type HarState = { kind: "idle" } | { kind: "working" } | { kind: "ready"; text: string; counts: RedactionCounts; filename: string } | { kind: "error"; message: string };

/**
 * The AuthLens panel in DevTools: the inspected tab's auth failures from the Network log, as they
 * happen and from what the log held when the panel opened, each explained by the classifier with
 * everything DevTools sees (cookies, Set-Cookie, preflights, the body's reason); and a HAR of the
 * log with every secret redacted, to share with a support desk.
 */
export function Panel({ log, openResource, save }: { log: NetworkLog; openResource: ((url: string) => void) | null; save: (text: string, filename: string) => void }) {
  const [rows, setRows] = useState<Failure[]>([]);
  const [loading, setLoading] = useState(true);
  const [har, setHar] = useState<HarState>({ kind: "idle" });

  useEffect(() => {
    let n = 0;
    const explain = async ({ entry, content }: LoggedRequest): Promise<Failure | null> => {
      try {
        const evidence = harEntryEvidence(entry, null);
        if (!evidence) return null;
        // Only a refused request's body is read, and only its reason is kept.
        const withBody = harEntryEvidence(entry, await content()) ?? evidence;
        return toFailure(`devtools-${++n}`, 0, withBody, sayDiagnosis(classify(withBody), say));
      } catch (error) {
        // One entry DevTools describes oddly must not hide the others.
        console.warn("AuthLens could not read a request of the Network log:", error instanceof Error ? error.message : String(error));
        return null;
      }
    };
    const add = (failures: (Failure | null)[]) => setRows((before) => [...failures.filter((f): f is Failure => f !== null).reverse(), ...before].slice(0, MAX_ROWS));
    const stopRequests = log.onRequest((request) => void explain(request).then((f) => add([f])));
    const stopNavigated = log.onNavigated(() => setRows([]));
    void log
      .entries()
      .then((existing) => Promise.all(existing.map(explain)))
      .then(add)
      .finally(() => setLoading(false));
    return () => {
      stopRequests();
      stopNavigated();
    };
  }, [log]);

  const prepareHar = async () => {
    setHar({ kind: "working" });
    try {
      const { har: redacted, counts } = redactHar(await log.har(), say);
      const host = (() => {
        try {
          return new URL(redacted.log.entries[0]?.request.url ?? "").hostname;
        } catch {
          return "page";
        }
      })();
      setHar({ kind: "ready", text: JSON.stringify(redacted, null, 2), counts, filename: `authlens-redacted-${host}-${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}.har` });
    } catch (error) {
      setHar({ kind: "error", message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <main aria-busy={loading || har.kind === "working"}>
      <header>
        <h1>{t("extName")}</h1>
        <p class="count" role="status">
          {tn("panelCount", rows.length)}
        </p>
      </header>
      <div class="toolbar">
        <button type="button" class="primary save-har" disabled={har.kind === "working"} onClick={() => void prepareHar()}>
          {t("panelSaveHar")}
        </button>
        <span class="hint">{t("panelSaveHarHint")}</span>
      </div>
      {har.kind === "ready" && (
        <section class="har" role="dialog" aria-labelledby="har-heading">
          <h2 id="har-heading">{t("panelHarReady")}</h2>
          <ul>
            {(Object.entries(har.counts) as [keyof RedactionCounts, number][])
              .filter(([, n]) => n > 0)
              .map(([kind, n]) => (
                <li key={kind} data-kind={kind}>
                  {tn(REDACTION_LABELS[kind], n)}
                </li>
              ))}
          </ul>
          <p>{t("panelHarKept")}</p>
          <button type="button" class="primary save-har-file" onClick={() => (save(har.text, har.filename), setHar({ kind: "idle" }))}>
            {t("panelHarSave")}
          </button>{" "}
          <button type="button" onClick={() => setHar({ kind: "idle" })}>
            {t("panelHarCancel")}
          </button>
        </section>
      )}
      {har.kind === "error" && (
        <p role="alert" class="error">
          {t("panelHarFailed", har.message)}
        </p>
      )}
      {loading && <p role="status">{t("popupLoading")}</p>}
      {!loading && rows.length === 0 && (
        <div class="empty" role="status">
          <p>
            <strong>{t("panelEmpty")}</strong>
          </p>
          <p>{t("panelEmptyHelp")}</p>
        </div>
      )}
      {rows.length > 0 && (
        <ul class="failures" aria-label={t("popupListLabel")}>
          {rows.map((f) => (
            <li key={f.id} class="failure" data-cause={f.cause} aria-labelledby={`h-${f.id}`}>
              <div class="failure-top">
                <span class="status" aria-label={t("popupStatus", f.status)}>
                  {f.status}
                </span>
                <span class="cause">{causeLabel(f.cause)}</span>
                <span class="confidence">{t("popupSure", Math.round(f.confidence * 100))}</span>
              </div>
              <h2 id={`h-${f.id}`}>{f.summary}</h2>
              <p class="request">
                <span class="method">{f.method}</span> <span class="url">{shortUrl(f.url)}</span>
              </p>
              {f.details.bodyReason && <p class="body-reason">{t("panelBodyReason", f.details.bodyReason.said, f.details.bodyReason.by)}</p>}
              <p class="explanation">{f.explanation.split("\n\n")[0]}</p>
              {/* The same ranked fixes the popup and the banner offer; the person carries them out from the toolbar or the page. */}
              <h3 id={`fixes-${f.id}`}>{t("popupFixes")}</h3>
              <ol class="fix-list" aria-labelledby={`fixes-${f.id}`}>
                {f.fixes.map((fix, i) => (
                  <li key={fix} data-fix={fix} class={i === 0 ? "first" : ""}>
                    {fixLabel(fix, f)}
                  </li>
                ))}
              </ol>
              {openResource && (
                <button type="button" onClick={() => openResource(f.url)}>
                  {t("panelOpenResource")}
                </button>
              )}
              <EvidenceDetails failure={f} now={Date.now()} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

const REDACTION_LABELS = {
  cookies: "panelRedactedCookies",
  authorization: "panelRedactedCredentials",
  apiKeys: "panelRedactedApiKeys",
  urlTokens: "panelRedactedUrlTokens",
  formFields: "panelRedactedFormFields",
  jsonFields: "panelRedactedJsonFields",
  jwtSignatures: "panelRedactedJwtSignatures",
  saml: "panelRedactedSaml",
  copies: "panelRedactedCopies",
} as const;
