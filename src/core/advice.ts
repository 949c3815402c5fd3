import type { CauseId } from "./cause";
import type { FixId } from "./fix";

/** What a person should know and try for each cause, in plain language. `host` is the refusing host. */
export interface Advice {
  what: (host: string) => string;
  tryFirst: string;
  fixes: FixId[];
}

export const ADVICE: Record<CauseId, Advice> = {
  "missing-credentials": {
    what: (host) => `${host} needs you to sign in, and nothing your browser sent identified you (no session cookie, token or password it accepts).`,
    tryFirst: "Sign in to the site, then reload the page. If you were signed in a moment ago, your browser may have lost the sign-in: sign in again.",
    fixes: ["sign-in-again", "reload"],
  },
  "session-expired": {
    what: (host) => `Your sign-in on ${host} has ended, so the site no longer recognises you. Sessions end after a while, or when you sign out elsewhere.`,
    tryFirst: "Sign in again. If the site keeps sending you back to the sign-in page, clear this site's cookies and sign in once more.",
    fixes: ["sign-in-again", "reload", "clear-site-cookies"],
  },
  "stale-cookie": {
    what: (host) => `Your browser holds two cookies of the same name for ${host}. An old one is sent first and hides your current sign-in.`,
    tryFirst: "Remove the stale cookie (AuthLens keeps the rest of your session), then reload. If that is not enough, clear this site's cookies and sign in again.",
    fixes: ["remove-stale-cookie", "clear-site-cookies", "reload"],
  },
  "token-expired": {
    what: (host) => `The access token the page sent to ${host} has expired. Apps normally renew it on their own; this time they did not.`,
    tryFirst: "Reload the page so the app fetches a new token. If the error comes back, sign out and sign in again.",
    fixes: ["reload", "sign-in-again"],
  },
  "token-invalid": {
    what: (host) => `${host} refused the access token the page sent. It may have been revoked, issued for another service, or damaged.`,
    tryFirst: "Sign out and sign in again to get a fresh token. If it persists, clear this site's cookies, or try a private window to rule out stored data.",
    fixes: ["sign-in-again", "clear-site-cookies", "retry-incognito"],
  },
  "wrong-credentials": {
    what: (host) => `${host} did not accept the username or password that was sent.`,
    tryFirst: "Check the username and password, and that Caps Lock is off and the keyboard layout is right. Then sign in again. A private window will not help here.",
    fixes: ["sign-in-again"],
  },
  "insufficient-permissions": {
    what: (host) => `You are signed in to ${host}, but your account is not allowed to do this.`,
    tryFirst: "Ask the site's administrator for access, or sign in with an account that has it. Clearing cookies will not help.",
    fixes: ["contact-site", "sign-in-again"],
  },
  "cors-preflight": {
    what: (host) =>
      `Before sending the real request, your browser asked ${host} for permission (a CORS preflight), and the server refused because it wanted a sign-in on that check. Browsers never send credentials on the check, so this is the site's misconfiguration.`,
    tryFirst: "Nothing on your side fixes this. Tell the site's developers: their server must answer OPTIONS preflight requests without requiring authentication.",
    fixes: ["contact-site"],
  },
  "cookies-blocked": {
    what: (host) => `Your browser did not send, or refused to store, the cookies ${host} needs, so the site cannot see your sign-in.`,
    tryFirst: "Allow cookies for this site (site settings, or your browser's third-party cookie setting), then reload. A private window blocks even more cookies, so it will not help.",
    fixes: ["reload", "contact-site"],
  },
  "clock-skew": {
    what: (host) => `Your computer's clock and the clock of ${host} disagree, so a sign-in that looks valid here looks expired (or not yet valid) to the server.`,
    tryFirst: "Set your computer's date, time and time zone to update automatically, then reload the page.",
    fixes: ["reload"],
  },
  "proxy-auth": {
    what: () => "A proxy server between you and the website (often a company or school network) wants you to sign in to it first.",
    tryFirst: "Sign in to the proxy with your network account when your browser asks. If no prompt appears, ask your IT department.",
    fixes: ["sign-in-again", "contact-site"],
  },
  csrf: {
    what: (host) =>
      `${host} refused a form or an action because its anti-forgery token (CSRF) was missing, stale or did not match: a guard against other sites acting in your name. It usually means the page was open a long time, or your session ended and took the token with it.`,
    tryFirst: "Reload the page to get a fresh token, then try again. If the site then asks you to sign in, your session had ended too: sign in again.",
    fixes: ["reload", "sign-in-again"],
  },
  unknown: {
    what: (host) => `${host} refused the request, but gave no reason AuthLens can read.`,
    tryFirst: "Reload the page. If it keeps failing, try a private window to rule out stored data, or contact the site.",
    fixes: ["reload", "retry-incognito"],
  },
};
