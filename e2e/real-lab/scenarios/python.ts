/** Django REST framework (with SimpleJWT) and Flask-Login, as Debian ships them. */
import type { Page } from "@playwright/test";
import { labDone } from "../../authlens";
import { DJANGO_JWT_SECONDS, PYTHON_USERS, REVOKED_DRF_TOKEN } from "../servers/python-apps";
import { call, framedPage, pageHtml, portalPage, wait } from "./page-scripts";
import type { RealScenario } from "./scenario";

/** Signs in with Django REST framework's own login page, as a person would. */
export async function djangoSignIn(page: Page, host: string, user: string, password: string = PYTHON_USERS[user as keyof typeof PYTHON_USERS]): Promise<void> {
  await page.goto(`http://${host}/api-auth/login/?next=/pages/signed-in.html`);
  await page.fill("input[name=username]", user);
  await page.fill("input[name=password]", password);
  await Promise.all([page.waitForURL(`http://${host}/pages/signed-in.html`), page.click("input[type=submit]")]);
}

/** Signs in on a Flask page whose form posts to /login. */
async function flaskSignIn(page: Page, host: string): Promise<void> {
  await page.goto(`http://${host}/pages/sign-in.html`);
  await page.evaluate(labDone);
}

const json = (body: Record<string, unknown>) => `{ method: "POST", headers: { "Content-Type": "application/json" }, body: ${JSON.stringify(JSON.stringify(body))} }`;
const form = (body: Record<string, string>) => `{ method: "POST", body: new URLSearchParams(${JSON.stringify(body)}) }`;
/** Gets a SimpleJWT access token for alice from `origin` into `token`. */
const djangoToken = (origin = "") => `const { access: token } = await (await fetch("${origin}/api/token/", ${json({ username: "alice", password: PYTHON_USERS.alice })})).json(); log("signed in: access token received");`;
const bearer = "{ headers: { Authorization: \"Bearer \" + token } }";

export const PYTHON_SCENARIOS: RealScenario[] = [
  {
    id: "drf-session-not-signed-in",
    cause: "missing-credentials",
    resolvedBy: "sign-in",
    handled: "probe",
    family: "Django REST framework",
    situation: "A shop's page asks its API who is signed in (`/api/me`: SessionAuthentication first, IsAuthenticated) and shows \"Sign in\"; the person never signed in here, so the check is the page's own business.",
    start: "http://shop.django.test/pages/orders.html",
    failing: { url: "http://shop.django.test/api/me" },
    pages: { django: { "orders.html": pageHtml("Orders", "Calls the API with the browser's session, if any.", call("/api/me")), "signed-in.html": pageHtml("Signed in", "You are signed in.") } },
  },
  {
    id: "drf-session-ended",
    cause: "session-expired",
    resolvedBy: "sign-in",
    family: "Django REST framework",
    situation: "The person signed in; then their password was changed on another device, which ends every other session (Django's session auth hash).",
    start: "http://account.django.test/pages/account.html",
    failing: { url: "http://account.django.test/api/me" },
    pages: { django: { "account.html": pageHtml("Account", "Calls the API with the session.", call("/api/me")) } },
    async prepare({ page, lab }) {
      await djangoSignIn(page, "account.django.test", "carol");
      await lab.django.shell(`from django.contrib.auth.models import User; u = User.objects.get(username="carol"); u.set_password("a new password"); u.save()`);
    },
  },
  {
    id: "drf-not-staff",
    cause: "insufficient-permissions",
    resolvedBy: "copy-report",
    family: "Django REST framework",
    situation: "A signed-in ordinary user opens a staff report (IsAdminUser).",
    start: "http://admin.django.test/pages/staff.html",
    failing: { url: "http://admin.django.test/api/staff-report" },
    pages: { django: { "staff.html": pageHtml("Staff report", "Calls a staff-only API.", call("/api/staff-report")) } },
    prepare: ({ page }) => djangoSignIn(page, "admin.django.test", "alice"),
  },
  {
    id: "drf-csrf-missing",
    cause: "csrf",
    resolvedBy: "reload",
    family: "Django REST framework",
    situation: "A signed-in page posts to the API with its session but without the X-CSRFToken header (SessionAuthentication enforces Django's CSRF check: 403 \"CSRF Failed\").",
    start: "http://forms.django.test/pages/post-note.html",
    failing: { url: "http://forms.django.test/api/notes", method: "POST" },
    pages: { django: { "post-note.html": pageHtml("New note", "Posts a note without the anti-forgery header.", call("/api/notes", `{ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: "hello" }) }`)) } },
    prepare: ({ page }) => djangoSignIn(page, "forms.django.test", "alice"),
  },
  {
    id: "drf-token-revoked",
    cause: "token-invalid",
    resolvedBy: "sign-in",
    family: "Django REST framework",
    situation: "A mobile web app still holds a DRF token (TokenAuthentication) that was revoked on the server.",
    start: "http://mobile.django.test/pages/profile.html",
    failing: { url: "http://mobile.django.test/api/token-auth/me" },
    pages: { django: { "profile.html": pageHtml("Profile", "Calls the API with the token it holds.", call("/api/token-auth/me", `{ headers: { Authorization: "Token ${REVOKED_DRF_TOKEN}" } }`)) } },
  },
  {
    id: "simplejwt-expired",
    cause: "token-expired",
    resolvedBy: "reload",
    family: "djangorestframework-simplejwt",
    situation: `An app signs in for a SimpleJWT access token (lifetime ${DJANGO_JWT_SECONDS} s here), and uses it after it expired.`,
    start: "http://api.django.test/pages/jwt.html",
    failing: { url: "http://api.django.test/api/jwt/me" },
    pages: { django: { "jwt.html": pageHtml("Token", "Gets a token, waits until it expires, uses it.", `${djangoToken()} ${wait(DJANGO_JWT_SECONDS * 1000 + 1500)} ${call("/api/jwt/me", bearer)}`) } },
  },
  {
    id: "simplejwt-clock-skew",
    cause: "clock-skew",
    resolvedBy: "set-clock",
    family: "djangorestframework-simplejwt",
    situation: "An app gets a fresh SimpleJWT token and calls the API on a server whose clock is an hour ahead (libfaketime); the token is valid by the browser's clock, expired by the server's.",
    start: "http://app.django.test/pages/skew.html",
    failing: { url: "http://api-clock.django.test/api/jwt/me" },
    pages: { django: { "skew.html": pageHtml("Clock", "Gets a token here, uses it on the API server.", `${djangoToken()} ${call("http://api-clock.django.test/api/jwt/me", bearer)}`) } },
  },
  {
    id: "drf-session-in-partner-frame",
    cause: "cookies-blocked",
    resolvedBy: "open-own-tab",
    family: "Django REST framework",
    situation: "The person signed in to the app; a partner's site embeds it in a frame, where the browser withholds the app's SameSite=Lax session cookie (Django's default).",
    start: "http://www.partner-portal.test/pages/django-widget.html",
    failing: { url: "http://widget.django.test/api/me" },
    pages: {
      nginx: { "django-widget.html": portalPage("Partner portal", "Embeds the app's widget.", "http://widget.django.test/pages/widget.html") },
      django: { "widget.html": framedPage("Widget", call("/api/me")) },
    },
    prepare: ({ page }) => djangoSignIn(page, "widget.django.test", "alice"),
  },
  {
    id: "flask-login-not-signed-in",
    cause: "missing-credentials",
    resolvedBy: "sign-in",
    handled: "probe",
    family: "Flask-Login",
    situation: "A notes app's page asks its API who is signed in (`/api/me`, `login_required` with no `login_view`: Flask-Login aborts with 401) and offers to sign in; the person never signed in here.",
    start: "http://notes.flask.test/pages/notes.html",
    failing: { url: "http://notes.flask.test/api/me" },
    pages: { flask: { "notes.html": pageHtml("Notes", "Calls the API with the session, if any.", call("/api/me")), "sign-in.html": pageHtml("Sign in", "Signs in.", call("/login", form({ username: "alice", password: "correct horse" }))) } },
  },
  {
    id: "flask-login-redeployed",
    cause: "session-expired",
    resolvedBy: "sign-in",
    family: "Flask-Login",
    situation: "The person signed in; then the app was deployed again with a new SECRET_KEY, so the session cookie no longer verifies.",
    start: "http://app.flask.test/pages/notes.html",
    failing: { url: "http://app.flask.test/api/me" },
    async prepare({ page, lab }) {
      await flaskSignIn(page, "app.flask.test");
      await lab.flask.redeploy();
    },
  },
  {
    id: "flask-login-stale-cookie",
    cause: "stale-cookie",
    resolvedBy: "remove-stale-cookie",
    family: "Flask-Login",
    situation: "An older version of the app set its session cookie for the whole domain; the current one sets a host-only cookie of the same name. The browser sends the older one first and Flask reads the first.",
    start: "http://www.stale.flask.test/pages/notes.html",
    failing: { url: "http://www.stale.flask.test/api/me" },
    async prepare({ page, context }) {
      // Left by the old version: a session cookie for the parent domain, signed with a key long gone.
      await context.addCookies([{ name: "session", value: "eyJfdXNlcl9pZCI6ImFsaWNlIn0.Y2F0.b2xkLWtleS1zaWduYXR1cmU", domain: ".stale.flask.test", path: "/", httpOnly: true, expires: Math.floor(Date.now() / 1000) + 86_400 }]);
      await flaskSignIn(page, "www.stale.flask.test");
    },
  },
  {
    id: "flask-login-in-partner-frame",
    cause: "cookies-blocked",
    resolvedBy: "open-own-tab",
    family: "Flask-Login",
    situation: "The person signed in to the app; a partner's site embeds it in a frame, where the browser withholds the session cookie (no SameSite attribute, which Chrome treats as Lax).",
    start: "http://www.partner-portal.test/pages/flask-widget.html",
    failing: { url: "http://widget.flask.test/api/me" },
    pages: {
      nginx: { "flask-widget.html": portalPage("Partner portal", "Embeds the app's widget.", "http://widget.flask.test/pages/widget.html") },
      flask: { "widget.html": framedPage("Widget", call("/api/me")) },
    },
    prepare: ({ page }) => flaskSignIn(page, "widget.flask.test"),
  },
];
