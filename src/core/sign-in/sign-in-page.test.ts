import { describe, expect, it } from "vitest";
import { isSignInRelated, oauthCallback, recognizeSignInPage } from "./sign-in-page";

describe("recognizeSignInPage", () => {
  // Where frameworks and identity providers send a person to sign in, as their docs and code show.
  it.each([
    ["http://notes.test/accounts/login/?next=/notes/", "path", "next"], // Django login_required (LOGIN_URL)
    ["http://notes.test/admin/login/?next=/admin/", "path", "next"], // Django admin
    ["http://notes.test/api-auth/login/?next=/api/", "path", "next"], // Django REST framework
    ["http://notes.test/login?next=%2Fnotes", "path", "next"], // Flask-Login login_view
    ["https://shop.test/users/sign_in", "path", null], // Devise
    ["https://shop.test/Account/Login?ReturnUrl=%2Forders", "path", "ReturnUrl"], // ASP.NET Core Identity
    ["https://blog.test/wp-login.php?redirect_to=https%3A%2F%2Fblog.test%2Fwp-admin%2F&reauth=1", "path", "redirect_to"], // WordPress
    ["https://shop.test/session/new", "path", null], // Rails scaffolded sessions
    ["https://id.test/realms/acme/protocol/openid-connect/auth?client_id=app&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&response_type=code&scope=openid", "openid", "redirect_uri"], // Keycloak
    ["https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=x&response_type=code&redirect_uri=https%3A%2F%2Fapp.test&scope=openid%20profile", "openid", "redirect_uri"], // Entra ID
    ["https://accounts.google.com/o/oauth2/v2/auth?client_id=x&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&response_type=code&scope=email", "oauth", "redirect_uri"], // Google, no openid scope
    ["https://github.com/login/oauth/authorize?client_id=x&redirect_uri=https%3A%2F%2Fapp.test%2Fcb&scope=read%3Auser", "path", "redirect_uri"], // GitHub OAuth apps: no response_type
    ["https://tenant.auth0.test/u/login?state=hKFo", "path", null], // Auth0 Universal Login
    ["https://idp.test/idp/profile/SAML2/Redirect/SSO?SAMLRequest=fZJN&RelayState=ss%3Amem", "saml", "RelayState"], // Shibboleth
    ["https://adfs.corp.test/adfs/ls/?SAMLRequest=fZJN", "saml", "SAMLRequest"], // ADFS
    ["https://sso.uni.test/cas/login?service=https%3A%2F%2Fapp.uni.test%2F", "cas", "service"], // Apereo CAS
    ["http://id.oidc.test:8080/interaction/Zk3vQ", "path", null], // oidc-provider's interaction page
  ])("%s is a sign-in page (%s, returns via %s)", (url, kind, returnParam) => {
    expect(recognizeSignInPage(url)).toEqual({ kind, returnParam });
  });

  it.each([
    "http://notes.test/notes/",
    "http://notes.test/en/",
    "http://notes.test/account/settings",
    "http://notes.test/api/auth/session",
    "http://notes.test/blog/how-to-login-safely",
    "http://notes.test/callback?code=abc&state=xyz",
    "not a url",
  ])("%s is not a sign-in page", (url) => {
    expect(recognizeSignInPage(url)).toBeNull();
  });
});

describe("isSignInRelated", () => {
  it.each(["http://a.test/logout", "http://a.test/accounts/logout/", "http://a.test/users/sign_out", "http://a.test/auth/google", "http://a.test/.auth/login/aad", "http://a.test/oauth/github", "http://a.test/signup", "http://a.test/callback?code=1&state=2", "http://a.test/login", "http://a.test/interaction/x/login"])(
    "%s is part of signing in or out",
    (url) => expect(isSignInRelated(url)).toBe(true),
  );
  it.each(["http://a.test/dashboard", "http://a.test/account/settings", "http://a.test/notes/12", "http://a.test/feedback"])("%s is not", (url) => expect(isSignInRelated(url)).toBe(false));
});

describe("oauthCallback", () => {
  it("reads a successful code response and an error response, in the query or the fragment (RFC 6749 §4.1.2, §4.2.2)", () => {
    expect(oauthCallback("https://app.test/callback?code=SplxlOB&state=xyz")).toEqual({ error: null });
    expect(oauthCallback("https://app.test/callback?error=access_denied&error_description=The%20user%20denied&state=xyz")).toEqual({ error: { error: "access_denied", description: "The user denied" } });
    expect(oauthCallback("https://app.test/cb#error=login_required&state=abc")).toEqual({ error: { error: "login_required", description: null } });
  });

  it("does not take any page with an `error` parameter for a callback", () => {
    expect(oauthCallback("https://app.test/search?error=typo")).toBeNull();
    expect(oauthCallback("https://app.test/callback?error=%00%01&state=x")).toBeNull();
    expect(oauthCallback("nonsense")).toBeNull();
  });
});
