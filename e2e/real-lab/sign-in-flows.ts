/**
 * Issue 14's flows on real servers: navigations a site turns into a sign-in (Django's
 * login_required, Flask-Login's login_view, connect-ensure-login, express-openid-connect with
 * oidc-provider), a real redirect loop, OAuth/OpenID errors sent back, and clean navigations of
 * every kind that must record nothing. Each is done as a person does it: typing an address,
 * clicking a link or a button, filling a form.
 */
import type { Page } from "@playwright/test";
import type { CauseId } from "../../src/core/diagnosis/cause";
import { labDone } from "../authlens";
import { call, pageHtml } from "./scenarios/page-scripts";
import { djangoSignIn } from "./scenarios/python";
import type { PageServer, Stage } from "./scenarios/scenario";
import { IDP_HOST, OPENID_APPS } from "./servers/node-site";

export interface SignInFlow {
  id: string;
  family: string;
  /** What the person does. */
  what: string;
  /** The failure AuthLens should record (its URL starts with `url`), or null: nothing at all. */
  expect: { cause: CauseId; url: string } | null;
  pages?: Partial<Record<PageServer, Record<string, string>>>;
  run(stage: Stage): Promise<void>;
}

/** Goes to `url` as a person typing it; an error page (a loop) is where the navigation ends, not a test failure. */
const visit = (page: Page, url: string) => page.goto(url).then(() => undefined, () => undefined);
/** Clicks what a person would click, and waits for the page it leads to. */
async function click(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation().catch(() => undefined), page.click(selector)]);
}
/** Signs in on a Flask page (its script posts the form), briefly or not. */
async function flaskSignIn(page: Page, host: string, briefly = false): Promise<void> {
  await page.goto(`http://${host}/pages/${briefly ? "sign-in-briefly" : "sign-in"}.html`);
  await page.evaluate(labDone);
}
/** At oidc-provider's development sign-in page: any login will do. */
async function idpSignIn(page: Page): Promise<void> {
  await page.fill("input[name=login]", "alice");
  await page.fill("input[name=password]", "anything");
  await click(page, "button[type=submit]");
}
const notes = `http://${OPENID_APPS.notes}`;

const flaskForm = (briefly: boolean) => call("/login", `{ method: "POST", body: new URLSearchParams(${JSON.stringify({ username: "alice", password: "correct horse", ...(briefly ? { remember: "briefly" } : {}) })}) }`);

export const SIGN_IN_FLOWS: SignInFlow[] = [
  // --- Sent to sign in ---
  { id: "django-login-required", family: "Django", what: "opens a page for signed-in people, never having signed in", expect: { cause: "missing-credentials", url: "http://notes.django.test/notes/" }, run: ({ page }) => visit(page, "http://notes.django.test/notes/") },
  {
    id: "django-session-ended",
    family: "Django",
    what: "signs in, then the password is changed on another device (every other session ends), then opens the page",
    expect: { cause: "session-expired", url: "http://journal.django.test/notes/" },
    async run({ page, lab }) {
      await lab.django.shell(`from django.contrib.auth.models import User; User.objects.create_user("dave", password="dave's password")`);
      await djangoSignIn(page, "journal.django.test", "dave", "dave's password");
      await lab.django.shell(`from django.contrib.auth.models import User; u = User.objects.get(username="dave"); u.set_password("another"); u.save()`);
      await visit(page, "http://journal.django.test/notes/");
    },
  },
  {
    id: "flask-login-view",
    family: "Flask-Login",
    what: "opens a page for signed-in people, never having signed in",
    expect: { cause: "missing-credentials", url: "http://diary.flask.test/notes" },
    pages: {
      flask: {
        // The sign-in form Flask-Login's login_view shows: posts the form, then goes where `next` says.
        "sign-in-form.html": `<!doctype html><html lang="en"><title>Sign in</title><h1>Sign in</h1><form id="f"><label>Username <input name="username" autocomplete="username"></label> <label>Password <input name="password" type="password" autocomplete="current-password"></label> <button>Sign in</button></form>
<script>document.getElementById("f").addEventListener("submit", async (e) => { e.preventDefault(); await fetch("/login", { method: "POST", body: new URLSearchParams(new FormData(e.target)) }); location.href = new URLSearchParams(location.search).get("next") || "/notes"; }); window.labDone = Promise.resolve();</script></html>`,
      },
    },
    run: ({ page }) => visit(page, "http://diary.flask.test/notes"),
  },
  {
    id: "flask-login-view-redeployed",
    family: "Flask-Login",
    what: "signs in; the site is deployed again with a new secret key; opens the page",
    expect: { cause: "session-expired", url: "http://board.flask.test/notes" },
    async run({ page, lab }) {
      await flaskSignIn(page, "board.flask.test");
      await lab.flask.redeploy();
      await visit(page, "http://board.flask.test/notes");
    },
  },
  {
    id: "flask-login-view-session-cookie-expired",
    family: "Flask-Login",
    what: "signs in without \"remember me\" (a session of 3 s here), comes back after it ended",
    expect: { cause: "session-expired", url: "http://brief.flask.test/notes" },
    pages: { flask: { "sign-in-briefly.html": pageHtml("Sign in", "Signs in for a short session.", flaskForm(true)) } },
    async run({ page }) {
      await flaskSignIn(page, "brief.flask.test", true);
      await page.waitForTimeout(4000);
      await visit(page, "http://brief.flask.test/notes");
    },
  },
  {
    id: "connect-ensure-login",
    family: "express + passport",
    what: "opens the account page, never having signed in",
    expect: { cause: "missing-credentials", url: "http://www.passport.test/account" },
    pages: { node: { "passport-sign-in-form.html": pageHtml("Sign in", "The sign-in form.", "") } },
    run: ({ page }) => visit(page, "http://www.passport.test/account"),
  },
  // --- OpenID Connect: before anyone signed in at the identity provider ---
  { id: "oidc-login-required", family: "express-openid-connect + oidc-provider", what: "follows the app's \"check if I'm signed in\" link (prompt=none) with no session at the provider", expect: { cause: "missing-credentials", url: `${notes}/callback` }, run: ({ page }) => visit(page, `${notes}/silent`) },
  { id: "oidc-silent-absorbed", family: "express-openid-connect + oidc-provider", what: "opens an app that tries a silent sign-in first (attemptSilentLogin) and carries on when it fails", expect: null, run: ({ page }) => visit(page, `http://${OPENID_APPS.wiki}/`) },
  { id: "oidc-requires-auth", family: "express-openid-connect + oidc-provider", what: "opens the app's dashboard, never having signed in: the app sends them to the provider", expect: { cause: "missing-credentials", url: `${notes}/dashboard` }, run: ({ page }) => visit(page, `${notes}/dashboard`) },
  {
    id: "oidc-access-denied",
    family: "express-openid-connect + oidc-provider",
    what: "is sent to the provider, and clicks Cancel there",
    expect: { cause: "insufficient-permissions", url: `${notes}/callback` },
    async run({ page }) {
      await visit(page, `${notes}/dashboard`);
      await click(page, "text=[ Cancel ]");
    },
  },
  // --- Clean navigations: nothing to record ---
  { id: "open-sign-in-page", family: "Django", what: "types the sign-in page's address", expect: null, run: ({ page }) => visit(page, "http://notes.django.test/api-auth/login/") },
  {
    id: "sign-in-form",
    family: "Django",
    what: "signs in with the site's form, which sends them on",
    expect: null,
    run: ({ page }) => djangoSignIn(page, "welcome.django.test", "alice"),
  },
  { id: "trailing-slash", family: "Django", what: "types an address without its trailing slash (APPEND_SLASH)", expect: null, run: ({ page }) => visit(page, "http://notes.django.test/about") },
  { id: "canonical-host", family: "nginx", what: "types the bare domain (301 to www)", expect: null, run: ({ page }) => visit(page, "http://nginx.test/about/") },
  { id: "locale", family: "nginx", what: "opens the shop's front page (302 to /en/)", expect: null, run: ({ page }) => visit(page, "http://shop.nginx.test/") },
  {
    id: "post-redirect-get",
    family: "Flask",
    what: "sends a feedback form, which answers 303 to a thank-you page",
    expect: null,
    pages: {
      flask: {
        "feedback.html": `<!doctype html><title>Feedback</title><form method="post" action="/feedback"><label>Feedback <input name="text" value="Nice"></label><button>Send</button></form><script>window.labDone = Promise.resolve();</script>`,
        "thanks.html": pageHtml("Thanks", "Thank you for your feedback."),
      },
    },
    async run({ page }) {
      await visit(page, "http://help.flask.test/pages/feedback.html");
      await click(page, "button");
    },
  },
  {
    id: "sign-out",
    family: "Flask-Login",
    what: "signs in, then clicks Sign out, which sends them to the sign-in form",
    expect: null,
    pages: { flask: { "signed-in.html": `<!doctype html><title>Signed in</title><p><a href="/logout">Sign out</a></p><script>window.labDone = Promise.resolve();</script>` } },
    async run({ page }) {
      await flaskSignIn(page, "club.flask.test");
      await visit(page, "http://club.flask.test/pages/signed-in.html");
      await click(page, "text=Sign out");
    },
  },
  {
    id: "sign-in-with",
    family: "express-openid-connect + oidc-provider",
    what: "clicks \"Sign in\" on the app (Sign in with the provider), and stops at the provider's page",
    expect: null,
    async run({ page }) {
      await visit(page, `${notes}/`);
      await click(page, "text=Sign in");
    },
  },
  {
    id: "oidc-full-sign-in",
    family: "express-openid-connect + oidc-provider",
    what: "clicks \"Sign in\", signs in at the provider, agrees, comes back, opens the dashboard",
    expect: null,
    async run({ page }) {
      await visit(page, `${notes}/`);
      await click(page, "text=Sign in");
      await idpSignIn(page);
      await click(page, "button[type=submit]"); // the provider's consent: Continue
      await visit(page, `${notes}/dashboard`);
    },
  },
  {
    id: "oidc-signed-back-in",
    family: "express-openid-connect + oidc-provider",
    what: "signed in at the provider and the app; the app's own session ends (its cookie gone); opens the dashboard: the app sends them to the provider, which signs them straight back in",
    expect: null,
    async run({ page, context }) {
      // From signed out everywhere, whatever the flows before left.
      await context.clearCookies({ domain: OPENID_APPS.notes });
      await context.clearCookies({ domain: IDP_HOST });
      await visit(page, `${notes}/`);
      await click(page, "text=Sign in");
      await idpSignIn(page);
      await click(page, "button[type=submit]");
      await context.clearCookies({ domain: OPENID_APPS.notes });
      await visit(page, `${notes}/dashboard`);
      await page.waitForURL(`${notes}/dashboard`);
    },
  },
  {
    id: "flask-page-session-ended",
    family: "Flask-Login",
    what: "signs in; the site is deployed again with a new secret key; the open inbox's next check is refused, and its script sends the tab to the sign-in form saying why (?reason=timeout)",
    expect: { cause: "session-expired", url: "http://mailbox.flask.test/pages/inbox.html" },
    pages: {
      flask: {
        "inbox.html": pageHtml("Inbox", "Checks the session every second, and sends the person to sign in when it ended.", `setInterval(async () => { const r = await fetch("/api/me").catch(() => null); if (r?.status === 401) location.href = "/sign-in?reason=timeout"; }, 1000);`),
      },
    },
    async run({ page, lab }) {
      await flaskSignIn(page, "mailbox.flask.test");
      await page.goto("http://mailbox.flask.test/pages/inbox.html");
      await lab.flask.redeploy();
      await page.waitForURL(/\/sign-in\?reason=timeout/, { timeout: 15_000 });
    },
  },
  // --- After a sign-in at the provider: a real loop ---
  {
    id: "oidc-stale-cookie-loop",
    family: "express-openid-connect + oidc-provider",
    what: "opens an app whose older version left its session cookie for the whole domain; signs in; the app reads the old cookie and sends them to the provider again, round and round",
    expect: { cause: "stale-cookie", url: `http://${OPENID_APPS.stale}/dashboard` },
    async run({ page, context }) {
      await context.addCookies([{ name: "appSession", value: "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..b2xk.c2Vzc2lvbg.dGFn", domain: ".stale.oidc-app.test", path: "/", httpOnly: true, expires: Math.floor(Date.now() / 1000) + 86_400 }]);
      await visit(page, `http://${OPENID_APPS.stale}/dashboard`);
      // Signed in at the provider already: it asks only to agree, once, for this app.
      await Promise.all([page.waitForEvent("load").catch(() => undefined), page.click("button[type=submit]")]);
      await page.waitForTimeout(1000);
    },
  },
];
