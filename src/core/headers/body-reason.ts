/**
 * The reason a refused response's body gives, as real frameworks and services word it. Browsers
 * do not show extensions bodies; DevTools does (the AuthLens panel). Only the first few KB are
 * read, only a reason from the fixed list below is kept (its id and the framework's own wording,
 * from this table, never from the body), and nothing else of a body is kept or shown. Pure.
 */
import type { CauseId } from "../diagnosis/cause";

/** A reason recognised in a body. */
export interface BodyReason {
  /** Which entry of {@link BODY_REASONS} matched. */
  id: string;
  cause: CauseId;
  /** The framework's wording, as this table has it (not the body's text). */
  said: string;
  /** Who says it this way. */
  by: string;
}

interface Entry extends BodyReason {
  /** Matched against the body's first {@link BODY_READ_LIMIT} characters. */
  pattern: RegExp;
}

/** How much of a body is read. */
export const BODY_READ_LIMIT = 4096;

/**
 * The reasons, most specific first. Sources: the frameworks' code and documentation, and the
 * real-server lab (e2e/real-lab) where the framework runs there; see the captured-response table.
 */
export const BODY_REASONS: readonly Entry[] = [
  // Anti-forgery (CSRF) refusals.
  { id: "drf-csrf", pattern: /CSRF Failed: /, cause: "csrf", said: "CSRF Failed", by: "Django REST framework" },
  { id: "django-csrf", pattern: /CSRF verification failed\. Request aborted\./, cause: "csrf", said: "CSRF verification failed. Request aborted.", by: "Django" },
  { id: "laravel-csrf", pattern: /CSRF token mismatch\.|<title>\s*Page Expired\s*<\/title>/, cause: "csrf", said: "CSRF token mismatch / Page Expired", by: "Laravel" },
  { id: "rails-csrf", pattern: /InvalidAuthenticityToken|Can't verify CSRF token authenticity/, cause: "csrf", said: "ActionController::InvalidAuthenticityToken", by: "Ruby on Rails" },
  { id: "spring-csrf", pattern: /Invalid CSRF [Tt]oken|Could not verify the provided CSRF token/, cause: "csrf", said: "Invalid CSRF Token", by: "Spring Security" },
  { id: "express-csrf", pattern: /ForbiddenError: invalid csrf token|EBADCSRFTOKEN/, cause: "csrf", said: "invalid csrf token", by: "csrf-sync / csrf-csrf / csurf (express)" },
  { id: "aspnet-antiforgery", pattern: /antiforgery (cookie|token)/i, cause: "csrf", said: "The antiforgery token could not be validated", by: "ASP.NET Core" },
  { id: "tornado-xsrf", pattern: /'_xsrf' argument missing from POST|XSRF cookie does not match POST argument/, cause: "csrf", said: "'_xsrf' argument missing from POST", by: "Tornado / Jupyter Server" },
  { id: "wordpress-nonce", pattern: /"code":\s*"rest_cookie_invalid_nonce"/, cause: "csrf", said: "rest_cookie_invalid_nonce: Cookie check failed", by: "WordPress REST API" },
  // Tokens that expired.
  { id: "jwt-expired", pattern: /\b(TokenExpiredError|UnauthorizedError): jwt expired\b|"(message|error)":\s*"jwt expired"/, cause: "token-expired", said: "jwt expired", by: "express-jwt / jsonwebtoken" },
  { id: "fastify-jwt-expired", pattern: /FST_JWT_AUTHORIZATION_TOKEN_EXPIRED/, cause: "token-expired", said: "FST_JWT_AUTHORIZATION_TOKEN_EXPIRED", by: "@fastify/jwt" },
  { id: "aws-token-expired", pattern: /The incoming token has expired|"(__type|code)":\s*"(com\.amazon\S*#)?ExpiredToken(Exception)?"/, cause: "token-expired", said: "The incoming token has expired", by: "Amazon API Gateway / AWS" },
  { id: "graph-token-expired", pattern: /Lifetime validation failed, the token is expired|Access token has expired or is not yet valid/, cause: "token-expired", said: "InvalidAuthenticationToken: the token is expired", by: "Microsoft Graph / Entra ID" },
  { id: "simplejwt-expired", pattern: /"Token is expired"/, cause: "token-expired", said: "Token is expired", by: "djangorestframework-simplejwt" },
  { id: "token-expired-code", pattern: /"(error|code)":\s*"(token_expired|expired_token|TOKEN_EXPIRED)"/, cause: "token-expired", said: "token_expired", by: "JSON APIs" },
  { id: "jwt-not-active", pattern: /\b(NotBeforeError|UnauthorizedError): jwt not active\b/, cause: "clock-skew", said: "jwt not active", by: "express-jwt / jsonwebtoken" },
  // Tokens refused otherwise.
  { id: "jwt-invalid", pattern: /\b(JsonWebTokenError|UnauthorizedError): (invalid signature|jwt malformed|invalid token|jwt signature is required|jwt audience invalid|jwt issuer invalid)/, cause: "token-invalid", said: "invalid signature / jwt malformed / audience or issuer invalid", by: "express-jwt / jsonwebtoken" },
  { id: "fastify-jwt-invalid", pattern: /FST_JWT_AUTHORIZATION_TOKEN_(INVALID|UNTRUSTED)/, cause: "token-invalid", said: "FST_JWT_AUTHORIZATION_TOKEN_INVALID", by: "@fastify/jwt" },
  { id: "simplejwt-invalid", pattern: /"code":\s*"token_not_valid"/, cause: "token-invalid", said: "token_not_valid: Token is invalid or expired", by: "djangorestframework-simplejwt" },
  { id: "drf-invalid-token", pattern: /"detail":\s*"Invalid token(\.| header)/, cause: "token-invalid", said: "Invalid token.", by: "Django REST framework" },
  { id: "graph-invalid-token", pattern: /InvalidAuthenticationToken/, cause: "token-invalid", said: "InvalidAuthenticationToken", by: "Microsoft Graph / Entra ID" },
  { id: "github-bad-credentials", pattern: /"message":\s*"Bad credentials"/, cause: "token-invalid", said: "Bad credentials", by: "GitHub API" },
  // Wrong credentials.
  { id: "drf-wrong-credentials", pattern: /Incorrect authentication credentials\.|Invalid username\/password\./, cause: "wrong-credentials", said: "Incorrect authentication credentials.", by: "Django REST framework" },
  { id: "oauth-invalid-grant-credentials", pattern: /"error_description":\s*"Invalid user credentials"/, cause: "wrong-credentials", said: "invalid_grant: Invalid user credentials", by: "Keycloak" },
  // No credentials.
  { id: "drf-not-provided", pattern: /Authentication credentials were not provided\./, cause: "missing-credentials", said: "Authentication credentials were not provided.", by: "Django REST framework" },
  { id: "jwt-not-found", pattern: /UnauthorizedError: No authorization token was found|FST_JWT_NO_AUTHORIZATION_IN_(HEADER|COOKIE)/, cause: "missing-credentials", said: "No authorization token was found", by: "express-jwt / @fastify/jwt" },
  { id: "laravel-unauthenticated", pattern: /"message":\s*"Unauthenticated\."/, cause: "missing-credentials", said: "Unauthenticated.", by: "Laravel" },
  // Known, not allowed.
  { id: "drf-permission-denied", pattern: /You do not have permission to perform this action\./, cause: "insufficient-permissions", said: "You do not have permission to perform this action.", by: "Django REST framework" },
  { id: "rabbitmq-not-management", pattern: /"reason":\s*"Not management user"/, cause: "insufficient-permissions", said: "Not management user", by: "RabbitMQ management plugin" },
];

/** The reason a body gives, or null. Only the body's first {@link BODY_READ_LIMIT} characters are looked at. */
export function readBodyReason(body: string | null | undefined): BodyReason | null {
  if (!body) return null;
  const head = body.slice(0, BODY_READ_LIMIT);
  const entry = BODY_REASONS.find((e) => e.pattern.test(head));
  if (!entry) return null;
  const { pattern: _pattern, ...reason } = entry;
  return reason;
}

/** The entry of a reason id, for a reason read back from storage. */
export function isBodyReasonId(id: unknown): id is string {
  return typeof id === "string" && BODY_REASONS.some((e) => e.id === id);
}
