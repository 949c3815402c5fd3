import type { CauseId } from "../../../src/core/diagnosis/cause";
import type { FixId } from "../../../src/core/fixes/fix";
import type { Handled } from "../../../src/core/diagnosis/handled";
import type { Handler } from "../respond";

/** One reproduced auth failure, modelled on what a named server or framework sends. */
export interface Scenario {
  id: string;
  /** The cause AuthLens should name. */
  cause: CauseId;
  /** The fix that resolves the situation for the person: what AuthLens must offer first (in the popup and the banner alike). */
  resolvedBy: FixId;
  /** The page handles the refusal itself: AuthLens keeps it, marked so, with no badge and no banner. */
  handled?: Handled["how"];
  /** The server or framework whose response this copies. */
  family: string;
  title: string;
  /** The page a person (or a test) opens. */
  start: string;
  /** Handlers by "host/path" (no scheme, no query). */
  routes: Record<string, Handler>;
  /** The URL that fails, as AuthLens records it. */
  failing: string;
  /**
   * What names the cause that AuthLens sees only when it looks closer at the tab (request headers,
   * `Set-Cookie`, CORS preflights): the cause is checked after "Look closer" reloads the page.
   */
  closerLook?: string;
  /** The failing request is an image or a script: AuthLens watches those only with "Also watch images…" on. */
  subresource?: true;
  /** Needs the lab's proxy (Chromium started with the lab's PAC file): the proxy answers for these hosts. */
  proxy?: Handler;
}
