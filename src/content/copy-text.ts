/**
 * Copies text from the page's banner, in answer to a person's click: the asynchronous clipboard
 * where the page is a secure context, else (a plain-http page has none) a hidden field of the
 * banner's own, selected and copied. Throws when the browser refuses both.
 */
export async function copyFromPage(root: ShadowRoot, text: string): Promise<void> {
  if (window.isSecureContext && typeof navigator.clipboard?.writeText === "function") {
    try {
      return await navigator.clipboard.writeText(text);
    } catch {
      // The page's permissions policy may forbid it: fall back to the field.
    }
  }
  const field = document.createElement("textarea");
  field.value = text;
  field.readOnly = true;
  field.setAttribute("aria-hidden", "true");
  field.style.cssText = "position: fixed; top: 0; left: 0; width: 1px; height: 1px; opacity: 0;";
  root.append(field);
  field.select();
  // Deprecated, but the one way to copy from an insecure page; it needs the click's user activation.
  const copied = document.execCommand("copy");
  field.remove();
  if (!copied) throw new Error("the browser did not allow copying here");
}
