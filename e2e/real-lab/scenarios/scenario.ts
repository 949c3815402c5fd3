import type { BrowserContext, Page } from "@playwright/test";
import type { CauseId } from "../../../src/core/diagnosis/cause";
import type { FixId } from "../../../src/core/fixes/fix";
import type { Handled } from "../../../src/core/diagnosis/handled";
import type { RealLab } from "../real-lab";

/** The lab's servers that serve client pages at /pages/…. */
export type PageServer = "nginx" | "apache" | "django" | "flask" | "node" | "fastapi" | "jupyter";

/** What a scenario's preparation can do: what a person did before the failure, and what happened on the server meanwhile. */
export interface Stage {
  page: Page;
  context: BrowserContext;
  lab: RealLab;
}

/**
 * One failure staged on real server software: the situation is real (a token that really
 * expired, a session really ended on the server, a password really wrong), and the refusal is the
 * server's or framework's own.
 */
export interface RealScenario {
  id: string;
  /** The cause of the situation staged, whatever AuthLens says. */
  cause: CauseId;
  /** The fix that resolves the situation for the person: what AuthLens must offer first (in the popup and the banner alike). */
  resolvedBy: FixId;
  /** The page handles the refusal itself: AuthLens keeps it, marked so, with no badge and no banner. */
  handled?: Handled["how"];
  /** The server software, as docs/real-servers.md groups it. */
  family: string;
  /** What is really going on, in a sentence (docs/real-servers.md). */
  situation: string;
  /** The page a person opens once prepared. */
  start: string;
  /** The request that fails, as AuthLens records it. */
  failing: { url: string; method?: string };
  /** Client pages this scenario adds to the servers: server → path under /pages/ → HTML. */
  pages?: Partial<Record<PageServer, Record<string, string>>>;
  /** What happens before `start`: signing in, time passing, the server changing. */
  prepare?: (stage: Stage) => Promise<void>;
  /** Why the cause can be named only once AuthLens looks closer (Chrome shows it only to extraHeaders listeners). */
  closerLook?: string;
}
