/**
 * Sign-in cookies the browser refused, dropped or keeps elsewhere, on real servers: Flask's
 * production cookie settings on a plain-http deployment, cookie-session's whole session in a
 * cookie past 4 KB, express-session's cookie scoped to the admin section, a partitioned (CHIPS)
 * cookie kept in the widget's own tab.
 */
import { NODE_SITE } from "../servers/node-site";
import { call, framedPage, pageHtml, portalPage } from "./page-scripts";
import type { RealScenario, Stage } from "./scenario";

const { name: user, password } = NODE_SITE.user;

/** A classic sign-in form: the browser posts it and follows the answer. */
const classicForm = (title: string, action: string) =>
  `<!doctype html><html lang="en"><title>${title}</title><h1>${title}</h1><form method="post" action="${action}"><label>Username <input name="username" autocomplete="username"></label> <label>Password <input name="password" type="password" autocomplete="current-password"></label> <button>Sign in</button></form><script>window.labDone = Promise.resolve();</script></html>`;

/** Signs in with the form at `url`, as a person types it, and waits for where the site sends the browser. */
async function signInWithForm({ page }: Stage, url: string, name: string, secret: string): Promise<void> {
  await page.goto(url);
  await page.fill('input[name="username"]', name);
  await page.fill('input[name="password"]', secret);
  await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Sign in" }).click()]);
  await page.waitForLoadState("load");
}

export const REFUSED_COOKIE_SCENARIOS: RealScenario[] = [
  {
    id: "flask-secure-cookie-over-http",
    cause: "cookies-blocked",
    resolvedBy: "copy-report",
    family: "Flask-Login",
    situation: "A Flask deployment with the production settings of Flask's security guide (`SESSION_COOKIE_SECURE`) is served over plain http: the person signs in with the right password, the browser refuses the Secure session cookie, and every page sends them back to the sign-in form.",
    start: "http://notes.secure-flask.test/notes",
    failing: { url: "http://notes.secure-flask.test/notes" },
    pages: { flask: { "classic-sign-in.html": classicForm("Sign in", "/sign-in") } },
    prepare: (stage) => signInWithForm(stage, "http://notes.secure-flask.test/pages/classic-sign-in.html", "alice", "correct horse"),
  },
  {
    id: "cookie-session-too-large",
    cause: "cookies-blocked",
    resolvedBy: "copy-report",
    family: "express + cookie-session",
    situation: "The site keeps the whole session in a cookie (cookie-session) and puts the person's 120 group memberships in it: the cookie passes 4 KB, the browser drops it and keeps only its signature `session.sig`, and the dashboard's API answers 401.",
    start: "http://app.big-session.test/pages/dashboard.html",
    failing: { url: "http://app.big-session.test/api/me" },
    pages: {
      node: {
        "sign-in.html": classicForm("Sign in", "/login"),
        "dashboard.html": pageHtml("Dashboard", "Asks who is signed in.", `{ const r = await fetch("/api/me"); log("/api/me → " + r.status); }`),
      },
    },
    prepare: (stage) => signInWithForm(stage, "http://app.big-session.test/pages/sign-in.html", user, password),
  },
  {
    id: "session-cookie-other-path",
    cause: "cookies-blocked",
    resolvedBy: "copy-report",
    family: "express + express-session",
    situation: "An admin app mounted under /admin sets its session cookie with `Path=/admin` (express-session's `cookie.path`); its reports page calls the API under /api, which the cookie does not reach, and is answered 401.",
    start: "http://ops.admin-path.test/pages/admin-reports.html",
    failing: { url: "http://ops.admin-path.test/api/reports" },
    pages: {
      node: {
        "admin-sign-in.html": classicForm("Sign in", "/admin/login"),
        "admin-reports.html": pageHtml("Reports", "Lists the reports.", `{ const r = await fetch("/api/reports"); log("/api/reports → " + r.status); }`),
      },
    },
    prepare: (stage) => signInWithForm(stage, "http://ops.admin-path.test/pages/admin-sign-in.html", user, password),
  },
  {
    id: "chips-cookie-kept-apart",
    cause: "cookies-blocked",
    resolvedBy: "open-own-tab",
    family: "express + express-session",
    situation: "A widget made to be embedded sets its session cookie `Partitioned` (CHIPS, express-session's `cookie.partitioned`): the person signed in to it in its own tab, where the cookie is kept, so the widget framed in a portal has none and its API answers 401.",
    start: "https://www.chips-portal.test/pages/chips-portal.html",
    failing: { url: "https://app.chips-widget.test/api/me" },
    pages: {
      node: {
        "chips-portal.html": portalPage("Portal", "Embeds the widget.", "https://app.chips-widget.test/pages/chips-widget.html"),
        "chips-widget.html": framedPage("Widget", call("/api/me")),
        "widget-sign-in.html": classicForm("Sign in", "/login"),
        "widget-home.html": pageHtml("Widget", "Signed in.", call("/api/me")),
      },
    },
    prepare: (stage) => signInWithForm(stage, "https://app.chips-widget.test/pages/widget-sign-in.html", user, password),
  },
];
