/** Claims of a JWT that say nothing about the person and are safe to keep and show. */
export interface SafeClaims {
  /** Seconds since the epoch (RFC 7519 §4.1.4–4.1.6). */
  exp?: number;
  nbf?: number;
  iat?: number;
  iss?: string;
  aud?: string | string[];
}

/** What AuthLens keeps of a bearer token: its kind and safe claims, never the token. */
export interface TokenSummary {
  kind: "jwt" | "jwe" | "opaque";
  claims: SafeClaims | null;
}

const MAX_TOKEN = 16 * 1024;
const MAX_TEXT_CLAIM = 200;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Reads the bearer token of an `Authorization` value, decoding a JWT's claims in place
 * (RFC 7519 §7.2 steps 1–6, without verifying anything). Null when the value is not a bearer
 * token. Garbage is an "opaque" token, never an exception.
 */
export function summarizeBearerToken(authorization: string): TokenSummary | null {
  const match = /^\s*bearer\s+(\S+)/i.exec(authorization.slice(0, MAX_TOKEN));
  const token = match?.[1];
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length === 5 && parts.every((p) => p === "" || BASE64URL.test(p))) return { kind: "jwe", claims: null };
  if (parts.length !== 3 || !parts.slice(0, 2).every((p) => BASE64URL.test(p))) return { kind: "opaque", claims: null };
  const header = decodeJson(parts[0] ?? "");
  const payload = decodeJson(parts[1] ?? "");
  if (!isObject(header) || !isObject(payload)) return { kind: "opaque", claims: null };
  return { kind: "jwt", claims: safeClaims(payload) };
}

function safeClaims(payload: Record<string, unknown>): SafeClaims {
  const claims: SafeClaims = {};
  for (const key of ["exp", "nbf", "iat"] as const) {
    const value = payload[key];
    if (typeof value === "number" && Number.isFinite(value)) claims[key] = value;
  }
  if (typeof payload.iss === "string") claims.iss = payload.iss.slice(0, MAX_TEXT_CLAIM);
  const aud = payload.aud;
  if (typeof aud === "string") claims.aud = aud.slice(0, MAX_TEXT_CLAIM);
  else if (Array.isArray(aud)) claims.aud = aud.filter((a): a is string => typeof a === "string").slice(0, 10).map((a) => a.slice(0, MAX_TEXT_CLAIM));
  return claims;
}

function decodeJson(segment: string): unknown {
  try {
    const base64 = segment.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
