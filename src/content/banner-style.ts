/** The banner's look, inside its shadow root: the page's CSS cannot reach it, nor it the page. */
export const BANNER_CSS = `
:host { all: initial; }
.banner, .pill-row { pointer-events: auto; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; }
.banner { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 16px; margin: 0; padding: 8px 14px;
  background: #fff7ed; color: #1f2937; border-bottom: 2px solid #c2410c; }
.banner.fixed { background: #f0fdf4; border-bottom-color: #15803d; }
.text { flex: 1 1 320px; min-width: 0; margin: 0; }
.brand { font-weight: 700; color: #9a3412; margin-right: 4px; }
.fixed .brand { color: #166534; }
.headline { font-weight: 500; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; }
.status { flex-basis: 100%; margin: 0; font-size: 13px; color: #1f2937; }
.status:empty { display: none; }
button { font: inherit; font-size: 13px; padding: 4px 10px; border-radius: 6px; border: 1px solid #9a3412; background: #ffffff; color: #7c2d12; cursor: pointer; }
button.primary { background: #9a3412; color: #ffffff; font-weight: 600; }
.fixed button { border-color: #166534; color: #14532d; }
button:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.pill-row { display: flex; justify-content: flex-end; margin: 12px; }
button.pill { border-radius: 999px; box-shadow: 0 2px 8px rgb(0 0 0 / 0.2); }
@media (prefers-color-scheme: dark) {
  .banner { background: #1f2937; color: #f9fafb; border-bottom-color: #fb923c; }
  .banner.fixed { background: #052e16; border-bottom-color: #4ade80; }
  .brand { color: #fdba74; }
  .fixed .brand { color: #86efac; }
  .status { color: #e5e7eb; }
  button { background: #111827; color: #fed7aa; border-color: #fb923c; }
  button.primary { background: #fb923c; color: #111827; }
  .fixed button { color: #bbf7d0; border-color: #4ade80; }
  button:focus-visible { outline-color: #93c5fd; }
}
`;
