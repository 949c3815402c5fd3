/** Cookie-session scenarios: expired sessions, shadowing cookies, cookies the browser blocks. */
import { json, page, respond } from "../respond";
import type { Scenario } from "./scenario";

export const SESSIONS: Scenario[] = [
  {
    id: "session-expired",
    cause: "session-expired",
    resolvedBy: "sign-in",
    family: "Express + express-session",
    title: "Your session cookie is no longer recognised",
    start: "http://app.session-expired.test/",
    failing: "http://app.session-expired.test/api/me",
    routes: {
      "app.session-expired.test/": (req, res) =>
        page(
          res,
          "Dashboard",
          "The browser still holds a session cookie, but the server has forgotten the session.",
          `const r = await fetch("/api/me"); log("GET /api/me → " + r.status);`,
          // express-session's default cookie: name connect.sid, Path=/, HttpOnly.
          [["Set-Cookie", "connect.sid=s%3AlabSessionIdThatTheStoreForgot.sig; Path=/; HttpOnly"]],
        ),
      // An app's own guard: express-session found no session for the id, so req.session.user is unset.
      "app.session-expired.test/api/me": (req, res) => json(res, 401, [["X-Powered-By", "Express"]], { error: "Not authenticated" }),
    },
  },
  {
    id: "stale-cookie",
    cause: "stale-cookie",
    resolvedBy: "remove-stale-cookie",
    family: "Rails cookie store, two cookies of one name",
    title: "An old cookie on a narrower path shadows the fresh one",
    start: "http://app.stale-cookie.test/app/",
    failing: "http://app.stale-cookie.test/app/api/me",
    routes: {
      "app.stale-cookie.test/app/": (req, res) =>
        page(
          res,
          "Account",
          "An old host-only <code>_session_id</code> on /app is sent before the fresh one on the parent domain.",
          `const r = await fetch("/app/api/me"); log("GET /app/api/me → " + r.status);`,
          // Planted on the first visit only, so a reload after the fix shows what the fix did.
          req.headers.cookie?.includes("_session_id")
            ? []
            : [
                ["Set-Cookie", "_session_id=old-session; Path=/app; HttpOnly"],
                ["Set-Cookie", "_session_id=fresh-session; Domain=stale-cookie.test; Path=/; HttpOnly"],
              ],
        ),
      // The server reads the first _session_id: the stale one is refused, the fresh one accepted.
      "app.stale-cookie.test/app/api/me": (req, res) =>
        /(^|;\s*)_session_id=fresh-session/.test(req.headers.cookie ?? "") && !/_session_id=old-session/.test(req.headers.cookie ?? "")
          ? json(res, 200, [], { user: "alice" })
          : json(res, 401, [], { error: "You need to sign in or sign up before continuing." }),
    },
  },
  {
    id: "cookies-blocked",
    cause: "cookies-blocked",
    resolvedBy: "copy-report",
    closerLook: "the Set-Cookie Chrome refuses (SameSite=None without Secure) never reaches the jar",
    family: "Embedded widget with a SameSite=None cookie lacking Secure",
    title: "A widget's cookie is refused by the browser",
    start: "http://news.cookies-blocked.test/",
    failing: "http://api.comments-widget.test/me",
    routes: {
      "news.cookies-blocked.test/": (req, res) =>
        page(res, "News", "A comments widget on another site signs in, but its cookie is rejected (SameSite=None without Secure), so the next call is anonymous.", `await fetch("http://api.comments-widget.test/login", { method: "POST", credentials: "include" }); const r = await fetch("http://api.comments-widget.test/me", { credentials: "include" }); log("GET /me → " + r.status);`),
      "api.comments-widget.test/login": (req, res) =>
        json(res, 200, [["Access-Control-Allow-Origin", "http://news.cookies-blocked.test"], ["Access-Control-Allow-Credentials", "true"], ["Set-Cookie", "widget_session=abc123; Path=/; SameSite=None; HttpOnly"]], { ok: true }),
      // express-session with saveUninitialized: true issues a fresh session cookie on every
      // response, the 401 included; Chrome refuses it again for the same reason.
      "api.comments-widget.test/me": (req, res) =>
        json(
          res,
          401,
          [
            ["Access-Control-Allow-Origin", "http://news.cookies-blocked.test"],
            ["Access-Control-Allow-Credentials", "true"],
            ["Set-Cookie", "widget_session=s%3Afresh; Path=/; SameSite=None; HttpOnly"],
          ],
          { error: "Not signed in" },
        ),
    },
  },
  {
    id: "csrf-laravel",
    cause: "csrf",
    resolvedBy: "reload",
    family: "Laravel (VerifyCsrfToken, 419)",
    title: "A form sent after the session ran out",
    start: "http://app.laravel-expired.test/profile",
    failing: "http://app.laravel-expired.test/profile",
    routes: {
      // The same refusal as a person meets it: a note typed for a while, then saved (e2e: nothing typed is lost).
      "app.laravel-expired.test/notes": (req, res) =>
        page(
          res,
          "Notes",
          '<label for="draft">Your note</label><br><textarea id="draft" rows="6" cols="60"></textarea><br><button id="save" type="button">Save</button>',
          `document.getElementById("save").addEventListener("click", async () => { const r = await fetch("/profile", { method: "POST", headers: { "X-Requested-With": "XMLHttpRequest", "X-XSRF-TOKEN": "old-token", "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ note: document.getElementById("draft").value }) }); log("POST /profile → " + r.status); });`,
          [
            ["Set-Cookie", "XSRF-TOKEN=eyJpdiI6Im9sZCJ9; Path=/; SameSite=Lax"],
            ["Set-Cookie", "laravel_session=eyJpdiI6Im9sZDIifQ; Path=/; HttpOnly; SameSite=Lax"],
          ],
        ),
      "app.laravel-expired.test/profile": (req, res) =>
        req.method === "POST"
          ? // TokenMismatchException renders errors::419 "Page Expired"; StartSession still attaches fresh cookies.
            respond(
              res,
              419,
              [
                ["Content-Type", "text/html; charset=UTF-8"],
                ["Set-Cookie", "XSRF-TOKEN=eyJpdiI6Im5ldyJ9; expires=Sun, 22 Nov 2026 18:00:00 GMT; Max-Age=7200; path=/; samesite=lax"],
                ["Set-Cookie", "laravel_session=eyJpdiI6Im5ldzIifQ; expires=Sun, 22 Nov 2026 18:00:00 GMT; Max-Age=7200; path=/; httponly; samesite=lax"],
              ],
              "<title>Page Expired</title><h1>419 | Page Expired</h1>",
            )
          : page(
              res,
              "Profile",
              "The profile form is submitted after the session expired, with its old CSRF token.",
              `const r = await fetch("/profile", { method: "POST", headers: { "X-Requested-With": "XMLHttpRequest", "X-XSRF-TOKEN": "old-token", "Content-Type": "application/x-www-form-urlencoded" }, body: "name=Alice" }); log("POST /profile → " + r.status);`,
              [
                ["Set-Cookie", "XSRF-TOKEN=eyJpdiI6Im9sZCJ9; Path=/; SameSite=Lax"],
                ["Set-Cookie", "laravel_session=eyJpdiI6Im9sZDIifQ; Path=/; HttpOnly; SameSite=Lax"],
              ],
            ),
    },
  },
  {
    id: "csrf-django",
    cause: "csrf",
    resolvedBy: "reload",
    family: "Django (CsrfViewMiddleware)",
    title: "A signed-in page saves a form by fetch, without the CSRF header",
    start: "http://app.django-csrf.test/settings",
    failing: "http://app.django-csrf.test/settings/save",
    routes: {
      "app.django-csrf.test/settings": (req, res) =>
        page(
          res,
          "Settings",
          "The page posts the form with its session cookie but forgets Django's X-CSRFToken header.",
          `const r = await fetch("/settings/save", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "theme=dark" }); log("POST /settings/save → " + r.status);`,
          [
            ["Set-Cookie", "csrftoken=labCsrfToken32charsxxxxxxxxxxxxx; Path=/; SameSite=Lax"],
            ["Set-Cookie", "sessionid=labDjangoSession; Path=/; HttpOnly; SameSite=Lax"],
          ],
        ),
      // django/middleware/csrf.py: REASON_CSRF_TOKEN_MISSING → 403 from views/csrf.py csrf_failure (HTML "CSRF verification failed. Request aborted.").
      "app.django-csrf.test/settings/save": (req, res) =>
        respond(res, 403, [["Content-Type", "text/html; charset=utf-8"], ["X-Frame-Options", "DENY"], ["Vary", "Cookie"]], "<h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p>"),
    },
  },
  {
    id: "session-expired-owa",
    cause: "session-expired",
    resolvedBy: "sign-in",
    family: "Outlook on the web (IIS, 440 Login Time-out)",
    title: "Mail stops loading after the sign-in times out",
    start: "http://mail.owa-timeout.test/owa/",
    failing: "http://mail.owa-timeout.test/owa/service.svc?action=GetItem",
    routes: {
      "mail.owa-timeout.test/owa/": (req, res) =>
        page(res, "Outlook", "The mailbox asks its service for new mail after the session timed out.", `const r = await fetch("/owa/service.svc?action=GetItem", { method: "POST", headers: { Action: "GetItem" } }); log("POST /owa/service.svc → " + r.status);`, [
          ["Set-Cookie", "X-OWA-CANARY=lab-canary; path=/"],
          ["Set-Cookie", "cadata=lab-cadata; path=/; HttpOnly"],
        ]),
      // OWA answers its service calls with 440 once forms-based sign-in has timed out.
      "mail.owa-timeout.test/owa/service.svc": (req, res) => respond(res, 440, [["Server", "Microsoft-IIS/10.0"], ["X-OWA-Version", "15.2.1544.4"], ["X-Powered-By", "ASP.NET"]]),
    },
  },
  {
    id: "session-expired-django-logout",
    cause: "session-expired",
    resolvedBy: "sign-in",
    family: "Django (session cookie deleted on refusal)",
    title: "The server ends your session and deletes its cookie",
    start: "http://app.django-session.test/",
    failing: "http://app.django-session.test/api/me",
    routes: {
      "app.django-session.test/": (req, res) =>
        page(res, "Dashboard", "The server finds the session expired and deletes its cookie while refusing the request.", `const r = await fetch("/api/me"); log("GET /api/me → " + r.status);`, [
          ["Set-Cookie", "sessionid=labexpiredsession; HttpOnly; Path=/; SameSite=Lax"],
        ]),
      // response.delete_cookie("sessionid"): Max-Age=0 and an Expires in 1970.
      "app.django-session.test/api/me": (req, res) =>
        json(res, 401, [["Set-Cookie", 'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax'], ["Vary", "Cookie"]], { detail: "Session expired" }),
    },
  },
  {
    id: "stale-cookie-php",
    cause: "stale-cookie",
    resolvedBy: "remove-stale-cookie",
    family: "PHP sessions, old host-only cookie beside a parent-domain one",
    title: "A leftover session cookie from before the site moved its cookie domain",
    start: "http://shop.php-stale.test/",
    failing: "http://shop.php-stale.test/cart.php",
    routes: {
      "shop.php-stale.test/": (req, res) =>
        page(res, "Shop", "An old host-only PHPSESSID (set before session.cookie_domain was changed) is sent beside the new one on .php-stale.test.", `const r = await fetch("/cart.php"); log("GET /cart.php → " + r.status);`, [
          ["Set-Cookie", "PHPSESSID=old0ld0ld; path=/"],
          ["Set-Cookie", "PHPSESSID=n3wn3wn3w; path=/; domain=.php-stale.test"],
        ]),
      // The app reads $_COOKIE['PHPSESSID'] (PHP keeps the first), finds no such session and refuses.
      "shop.php-stale.test/cart.php": (req, res) => json(res, 401, [["X-Powered-By", "PHP/8.3.6"]], { error: "login required" }),
    },
  },
  {
    id: "cookies-blocked-samesite",
    cause: "cookies-blocked",
    resolvedBy: "copy-report",
    family: "Single sign-on session check from another site (SameSite=Lax cookie)",
    title: "A sign-in service's cookie is not sent from another site",
    start: "http://accounts.sso-provider.test/login?return=http://app.sso-client.test/",
    failing: "http://accounts.sso-provider.test/session",
    routes: {
      // The sign-in service sets its session cookie in a top-level visit, then returns to the app.
      "accounts.sso-provider.test/login": (req, res) =>
        respond(res, 302, [
          ["Location", "http://app.sso-client.test/"],
          ["Set-Cookie", "sso_session=lab-sso-session; Path=/; HttpOnly; SameSite=Lax"],
        ]),
      "app.sso-client.test/": (req, res) =>
        page(res, "App", "The app asks the sign-in service, on another site, whether you are signed in; the service's SameSite=Lax cookie stays home.", `const r = await fetch("http://accounts.sso-provider.test/session", { credentials: "include" }); log("GET /session → " + r.status);`),
      "accounts.sso-provider.test/session": (req, res) =>
        json(res, 401, [["Access-Control-Allow-Origin", "http://app.sso-client.test"], ["Access-Control-Allow-Credentials", "true"]], { error: "login_required" }),
    },
  },
  {
    id: "session-expired-main-frame",
    cause: "session-expired",
    resolvedBy: "sign-in",
    family: "Express + connect-ensure-login page route",
    title: "A page that answers 401 once your session is gone",
    start: "http://app.express-page.test/",
    failing: "http://app.express-page.test/dashboard",
    routes: {
      // Signed in on the front page (sets connect.sid), then to the dashboard a moment later; the store has since forgotten the session.
      "app.express-page.test/": (req, res) =>
        respond(
          res,
          200,
          [["Content-Type", "text/html; charset=utf-8"], ["Set-Cookie", "connect.sid=s%3AlabForgottenSession.sig; Path=/; HttpOnly"]],
          `<!doctype html><title>Signed in</title><p>Signed in. Opening the dashboard…</p><script>window.labDone = new Promise(() => setTimeout(() => (location.href = "/dashboard"), 300));</script>`,
        ),
      "app.express-page.test/dashboard": (req, res) =>
        req.headers.cookie?.includes("connect.sid")
          ? respond(res, 401, [["Content-Type", "text/html; charset=utf-8"], ["X-Powered-By", "Express"]], "<!doctype html><title>Sign in required</title><h1>Please sign in again</h1><p>Your session has ended.</p><script>window.labDone = Promise.resolve();</script>")
          : respond(res, 302, [["Location", "/"]]),
    },
  },
];
