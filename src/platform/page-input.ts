/** The slice of `scripting` the check uses. */
export interface ScriptingPort {
  executeScript(injection: { target: { tabId: number; allFrames?: boolean }; world?: "ISOLATED" | "MAIN"; func: () => boolean }): Promise<{ result?: unknown }[]>;
}

/**
 * Runs in each frame of the page (AuthLens's isolated world): true when a field holds text the
 * person typed or a choice they changed. Passwords do not count (they are typed again anyway).
 * Self-contained: it is serialised into the page.
 */
function typedIntoPage(): boolean {
  const SKIP = new Set(["hidden", "submit", "button", "reset", "image", "password"]);
  for (const field of document.querySelectorAll("input, textarea, select")) {
    if (field instanceof HTMLTextAreaElement && field.value !== field.defaultValue) return true;
    if (field instanceof HTMLSelectElement && [...field.options].some((o) => o.selected !== o.defaultSelected)) return true;
    if (field instanceof HTMLInputElement && !SKIP.has(field.type)) {
      if (field.type === "checkbox" || field.type === "radio" ? field.checked !== field.defaultChecked : field.type === "file" ? (field.files?.length ?? 0) > 0 : field.value !== field.defaultValue) return true;
    }
  }
  const active = document.activeElement;
  return active instanceof HTMLElement && active.isContentEditable && (active.textContent ?? "").trim() !== "";
}

/** Runs in the page's own world: a page that guards against leaving it (`onbeforeunload`) says it holds unsaved work. */
function guardsLeaving(): boolean {
  return typeof window.onbeforeunload === "function";
}

/**
 * Whether reloading or leaving the tab's page would lose what the person typed there. A page
 * AuthLens may not script (the browser's own, a store) answers false: it has nothing of the
 * site's, and nothing AuthLens could keep.
 */
export function createPageInputCheck(scripting: ScriptingPort) {
  return async (tabId: number): Promise<boolean> => {
    const [frames, guard] = await Promise.all([
      scripting.executeScript({ target: { tabId, allFrames: true }, func: typedIntoPage }).catch(() => []),
      scripting.executeScript({ target: { tabId }, world: "MAIN", func: guardsLeaving }).catch(() => []),
    ]);
    return [...frames, ...guard].some((r) => r.result === true);
  };
}

export type PageInputCheck = ReturnType<typeof createPageInputCheck>;
