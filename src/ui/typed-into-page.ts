/**
 * Whether the page holds text the person typed or a choice they changed: a field shown on the page
 * whose value differs from its default (passwords aside: they are typed again anyway; a hidden
 * one is an app's own state, such as a color picker its script set in a dialog not open), a
 * picked file, or a focused editable area with text; in the document and the same-origin frames it can reach.
 * Self-contained (no imports, no closure): the worker also runs it in every frame of a tab
 * (`scripting.executeScript`), and the banner in its own page.
 */
export function typedIntoPage(): boolean {
  const SKIP = new Set(["hidden", "submit", "button", "reset", "image", "password"]);
  const typed = (doc: Document, depth: number): boolean => {
    for (const field of doc.querySelectorAll("input, textarea, select")) {
      // Not rendered (display: none, or inside something that is): nothing the person sees or typed now.
      if (field.getClientRects().length === 0) continue;
      if (field instanceof HTMLTextAreaElement && field.value !== field.defaultValue) return true;
      if (field instanceof HTMLSelectElement && [...field.options].some((o) => o.selected !== o.defaultSelected)) return true;
      if (field instanceof HTMLInputElement && !SKIP.has(field.type)) {
        const changed = field.type === "checkbox" || field.type === "radio" ? field.checked !== field.defaultChecked : field.type === "file" ? (field.files?.length ?? 0) > 0 : field.value !== field.defaultValue;
        if (changed) return true;
      }
    }
    const active = doc.activeElement;
    if (active instanceof HTMLElement && active.isContentEditable && (active.textContent ?? "").trim() !== "") return true;
    if (depth > 3) return false;
    for (const frame of doc.querySelectorAll("iframe")) {
      let inner: Document | null;
      try {
        inner = frame.contentDocument; // null, or a throw, for another origin's frame
      } catch {
        inner = null;
      }
      if (inner && typed(inner, depth + 1)) return true;
    }
    return false;
  };
  return typed(document, 0);
}
