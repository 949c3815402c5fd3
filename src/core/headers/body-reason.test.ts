import { describe, expect, it } from "vitest";
import { makeEvidence } from "../../test/builders";
import { BODY_READ_LIMIT, readBodyReason } from "./body-reason";
import { diagnose } from "../../test/diagnose";

/**
 * Bodies as real frameworks send them. Sources: "lab" — captured in the real-server lab
 * (e2e/real-lab) from the framework as npm or Debian ships it; otherwise the framework's code.
 */
const BODIES: [string, string, string, string][] = [
  // [framework and version, source, body, reason id]
  ["express-jwt 8.5.1 + express 4.22.3 (development error page)", "lab", '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>UnauthorizedError: jwt expired<br> &nbsp; &nbsp;at new UnauthorizedError (/app/node_modules/express-jwt/dist/errors/UnauthorizedError.js:22:28)', "jwt-expired"],
  ["express-jwt 8.5.1, wrong audience", "lab", "<pre>UnauthorizedError: jwt audience invalid. expected: orders-api<br>", "jwt-invalid"],
  ["express-jwt 8.5.1, no token", "lab", "<pre>UnauthorizedError: No authorization token was found<br>", "jwt-not-found"],
  ["jsonwebtoken 9 NotBeforeError via express-jwt", "code: jsonwebtoken/verify.js 'jwt not active'", "<pre>UnauthorizedError: jwt not active<br>", "jwt-not-active"],
  ["@fastify/jwt 10", "code: @fastify/jwt jwt.js messages FST_JWT_AUTHORIZATION_TOKEN_EXPIRED", '{"statusCode":401,"code":"FST_JWT_AUTHORIZATION_TOKEN_EXPIRED","error":"Unauthorized","message":"Authorization token expired"}', "fastify-jwt-expired"],
  ["Django REST framework 3.14 (Debian), not signed in", "lab", '{"detail":"Authentication credentials were not provided."}', "drf-not-provided"],
  ["Django REST framework 3.14, revoked token", "lab", '{"detail":"Invalid token."}', "drf-invalid-token"],
  ["Django REST framework 3.14, CSRF", "lab", '{"detail":"CSRF Failed: CSRF token missing."}', "drf-csrf"],
  ["Django REST framework 3.14, IsAdminUser", "lab", '{"detail":"You do not have permission to perform this action."}', "drf-permission-denied"],
  ["djangorestframework-simplejwt 5.2.2 (Debian)", "lab", '{"detail":"Given token not valid for any token type","code":"token_not_valid","messages":[{"token_class":"AccessToken","token_type":"access","message":"Token is invalid or expired"}]}', "simplejwt-invalid"],
  ["Django 3.2 CsrfViewMiddleware", "code: django/views/csrf.py CSRF_FAILURE_TEMPLATE", "<h1>Forbidden <span>(403)</span></h1>\n<p>CSRF verification failed. Request aborted.</p>", "django-csrf"],
  ["csrf-sync 4.2.1 + express 4.22.3", "lab", "<pre>ForbiddenError: invalid csrf token<br> &nbsp; &nbsp;at csrfSync", "express-csrf"],
  ["Laravel 11, JSON", "code: Illuminate/Foundation/Exceptions/Handler.php (TokenMismatchException → 419 'CSRF token mismatch.')", '{"message":"CSRF token mismatch."}', "laravel-csrf"],
  ["Laravel 11, page", "code: Illuminate/Foundation/Exceptions/views/419.blade.php", "<!DOCTYPE html><html><head><title>Page Expired</title></head>", "laravel-csrf"],
  ["Laravel 11, not signed in", "code: Illuminate/Foundation/Exceptions/Handler.php unauthenticated()", '{"message":"Unauthenticated."}', "laravel-unauthenticated"],
  ["Ruby on Rails 7", "code: actionpack request_forgery_protection.rb", "ActionController::InvalidAuthenticityToken (Can't verify CSRF token authenticity.)", "rails-csrf"],
  ["Spring Security 6", "code: CsrfFilter / InvalidCsrfTokenException", '{"status":403,"error":"Forbidden","message":"Invalid CSRF Token \'null\' was found on the request parameter \'_csrf\' or header \'X-CSRF-TOKEN\'."}', "spring-csrf"],
  ["ASP.NET Core 8 antiforgery", "code: Microsoft.AspNetCore.Antiforgery DefaultAntiforgery", "The required antiforgery cookie \".AspNetCore.Antiforgery.abc\" is not present.", "aspnet-antiforgery"],
  ["Amazon API Gateway + Cognito", "docs: API Gateway Cognito authorizer responses", '{"message":"The incoming token has expired"}', "aws-token-expired"],
  ["Microsoft Graph", "docs: Microsoft Graph error responses", '{"error":{"code":"InvalidAuthenticationToken","message":"Lifetime validation failed, the token is expired."}}', "graph-token-expired"],
  ["Microsoft Graph, other", "docs: Microsoft Graph error responses", '{"error":{"code":"InvalidAuthenticationToken","message":"IDX14100: JWT is not well formed"}}', "graph-invalid-token"],
  ["GitHub REST API", "docs: GitHub REST API troubleshooting", '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}', "github-bad-credentials"],
  ["Keycloak token endpoint", "code: keycloak services TokenEndpoint (invalid_grant)", '{"error":"invalid_grant","error_description":"Invalid user credentials"}', "oauth-invalid-grant-credentials"],
];

describe("readBodyReason", () => {
  it.each(BODIES)("%s (%s)", (_, _source, body, id) => {
    expect(readBodyReason(body)?.id).toBe(id);
  });

  it.each([
    ["an empty body", ""],
    ["a generic Spring Boot error", '{"timestamp":"2026-12-01T10:00:00Z","status":401,"error":"Unauthorized","path":"/api/me"}'],
    ["Werkzeug's 401 page", "<title>401 Unauthorized</title><h1>Unauthorized</h1><p>The server could not verify that you are authorized"],
    ["koa-jwt's bare answer", "Authentication Error"],
    ["a page that only mentions tokens", "<p>Learn how jwt expiry works on our blog</p>"],
  ])("finds no reason in %s", (_, body) => expect(readBodyReason(body)).toBeNull());

  it("reads only the body's first 4 KB", () => {
    expect(readBodyReason(`${" ".repeat(BODY_READ_LIMIT)}{"detail":"Invalid token."}`)).toBeNull();
  });

  it("keeps the table's wording, never the body's", () => {
    const reason = readBodyReason('<pre>UnauthorizedError: jwt expired for user planted-secret@example.com</pre>');
    expect(JSON.stringify(reason)).not.toContain("planted-secret");
  });
});

describe("classify, with the body's reason", () => {
  it("a JWT middleware's bare 401 whose body says the token expired is token-expired, with no challenge and no token seen", () => {
    const d = diagnose({ ...makeEvidence({ responseHeaders: [] }, null), bodyReason: readBodyReason(BODIES[0]![2]) });
    expect(d.cause).toBe("token-expired");
    expect(d.confidence).toBeGreaterThanOrEqual(0.9);
    expect(d.evidence[0]?.seen).toBe('The response says: "jwt expired" (express-jwt / jsonwebtoken)');
  });

  it("a CSRF refusal names the csrf cause, with its own advice", () => {
    const d = diagnose({ ...makeEvidence({ statusCode: 403, method: "POST", responseHeaders: [] }), bodyReason: readBodyReason('{"detail":"CSRF Failed: CSRF token missing."}') });
    expect(d.cause).toBe("csrf");
    expect(d.explanation).toMatch(/Reload the page to get a fresh token/);
    expect(d.fixes[0]).toBe("reload");
  });
});
