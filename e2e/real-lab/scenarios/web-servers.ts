/** nginx, Apache httpd and Squid, with the directives sites protect pages and proxies with. */
import { WEB_USER } from "../servers/web-servers";
import { call, pageHtml, tryCall } from "./page-scripts";
import type { RealScenario } from "./scenario";

const basic = (password: string) => `{ headers: { Authorization: "Basic " + btoa(${JSON.stringify(`${WEB_USER.name}:${password}`)}) } }`;

export const WEB_SERVER_SCENARIOS: RealScenario[] = [
  {
    id: "nginx-auth-basic-no-credentials",
    cause: "missing-credentials",
    resolvedBy: "enter-password",
    family: "nginx",
    situation: "An intranet page behind `auth_basic`; the person has not signed in (the browser's sign-in prompt is dismissed).",
    start: "http://intranet.nginx.test/private/",
    failing: { url: "http://intranet.nginx.test/private/" },
  },
  {
    id: "nginx-auth-basic-wrong-password",
    cause: "wrong-credentials",
    resolvedBy: "enter-password",
    family: "nginx",
    situation: "A reports page signs in to its API (behind `auth_basic`) with the password the person typed, capitalised by mistake.",
    start: "http://reports.nginx.test/pages/reports.html",
    failing: { url: "http://reports.nginx.test/api/report.json" },
    pages: { nginx: { "reports.html": pageHtml("Reports", "Signs in to the reports API with the password typed.", call("/api/report.json", basic("Correct horse"))) } },
  },
  {
    id: "nginx-auth-basic-preflight",
    cause: "cors-preflight",
    resolvedBy: "copy-report",
    family: "nginx",
    situation: "A dashboard on another origin calls the API (behind `auth_basic`) with the right password; `auth_basic` also guards the browser's OPTIONS preflight, which carries no credentials.",
    start: "http://app.nginx.test/pages/dashboard.html",
    failing: { url: "http://reports.nginx.test/api/report.json", method: "OPTIONS" },
    pages: { nginx: { "dashboard.html": pageHtml("Dashboard", "Calls the reports API on another origin with the right password.", tryCall("http://reports.nginx.test/api/report.json", basic(WEB_USER.password))) } },
    closerLook: "the refused preflight itself, which Chrome shows only to extraHeaders listeners (by default AuthLens sees that the call was blocked)",
  },
  {
    id: "apache-auth-basic-wrong-password",
    cause: "wrong-credentials",
    resolvedBy: "enter-password",
    family: "Apache httpd",
    situation: "A wiki's page signs in to its API (mod_auth_basic) with an old password.",
    start: "http://wiki.apache.test/pages/wiki.html",
    failing: { url: "http://wiki.apache.test/api/page.json" },
    pages: { apache: { "wiki.html": pageHtml("Wiki", "Signs in to the wiki API with an old password.", call("/api/page.json", basic("battery staple"))) } },
  },
  {
    id: "apache-forward-proxy",
    cause: "proxy-auth",
    resolvedBy: "copy-report",
    family: "Apache httpd",
    situation: "The browser goes through a company proxy (mod_proxy with Basic auth) and has not signed in to it.",
    start: "http://wiki.apache-proxy.test/",
    failing: { url: "http://wiki.apache-proxy.test/" },
  },
  {
    id: "squid-proxy-auth",
    cause: "proxy-auth",
    resolvedBy: "copy-report",
    family: "Squid",
    situation: "The browser goes through Squid with `proxy_auth REQUIRED` and has not signed in to it.",
    start: "http://intranet.squid-proxy.test/",
    failing: { url: "http://intranet.squid-proxy.test/" },
  },
];
