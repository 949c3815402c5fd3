import { typedIntoPage } from "../ui/typed-into-page";

/** The slice of `scripting` the check uses. */
export interface ScriptingPort {
  executeScript(injection: { target: { tabId: number; allFrames?: boolean }; world?: "ISOLATED" | "MAIN"; func: () => boolean }): Promise<{ result?: unknown }[]>;
}

/** Runs in the page's own world: a page that guards against leaving it (`onbeforeunload`) says it holds unsaved work. */
function guardsLeaving(): boolean {
  return typeof window.onbeforeunload === "function";
}

/**
 * What the worker can tell of a tab's page before a fix reloads or leaves it. A page AuthLens may
 * not script (the browser's own, a store) answers false: it has nothing of the site's, and
 * nothing AuthLens could keep. Run only when the popup opens or a fix is about to act, never while
 * a page loads.
 */
export function createPageInputCheck(scripting: ScriptingPort) {
  const typed = async (tabId: number): Promise<boolean> => {
    const frames = await scripting.executeScript({ target: { tabId, allFrames: true }, func: typedIntoPage }).catch(() => []);
    return frames.some((r) => r.result === true);
  };
  return {
    /** Text typed into any frame of the page: what the fixes are ranked for (the banner checks its own page the same way). */
    typed,
    /** Typed text, or a guard against leaving: what a reload must not lose without asking. */
    unsaved: async (tabId: number): Promise<boolean> => {
      const [text, guard] = await Promise.all([typed(tabId), scripting.executeScript({ target: { tabId }, world: "MAIN", func: guardsLeaving }).catch(() => [])]);
      return text || guard.some((r) => r.result === true);
    },
  };
}

export type PageInputCheck = ReturnType<typeof createPageInputCheck>;
