import type { Reason } from "./diagnosis";
import type { FailureEvidence } from "./evidence";
import { resourceTypeName } from "../headers/resource-type";
import { duration, list, text, verbatim, when, type Arg, type MessageKey } from "../report/text";

/** The general facts of a failure, listed after the reasons that decided its cause. */
export function describeObservations(e: FailureEvidence): Reason[] {
  const items: Reason[] = [{ seen: text("seenStatus", e.status, e.method, resourceTypeName(e.resourceType)), meaning: text(statusMeaning(e.status)) }];
  for (const value of e.response.wwwAuthenticate) items.push({ seen: verbatim(`WWW-Authenticate: ${value}`), meaning: text("meaningWwwAuthenticate") });
  for (const value of e.response.proxyAuthenticate) items.push({ seen: verbatim(`Proxy-Authenticate: ${value}`), meaning: text("meaningProxyAuthenticate") });
  items.push(cookiesItem(e));
  items.push(
    !e.sent.seen
      ? { seen: text("seenHeadersUnseen"), meaning: text("meaningHeadersUnseen") }
      : e.sent.authorizationScheme
        ? { seen: text("seenAuthorization", e.sent.authorizationScheme), meaning: text("meaningAuthorization") }
        : { seen: text("seenNoAuthorization"), meaning: text("meaningNoAuthorization") },
  );
  const claims = e.sent.token?.claims;
  if (claims) {
    const parts: Arg[] = [
      ...(claims.exp !== undefined ? [text("claimAt", "exp", when(claims.exp * 1000))] : []),
      ...(claims.nbf !== undefined ? [text("claimAt", "nbf", when(claims.nbf * 1000))] : []),
      ...(claims.iat !== undefined ? [text("claimAt", "iat", when(claims.iat * 1000))] : []),
      ...(claims.iss ? [`iss ${claims.iss}`] : []),
      ...(claims.aud ? [`aud ${[claims.aud].flat().join(" ")}`] : []),
    ];
    items.push({ seen: parts.length ? text("seenTokenClaims", list(parts)) : text("seenNoTokenClaims"), meaning: text("meaningTokenClaims") });
  } else if (e.sent.token) {
    items.push({ seen: text("seenOpaqueToken", e.sent.token.kind), meaning: text("meaningOpaqueToken") });
  }
  const cleared = e.response.setCookies.filter((c) => c.clears).map((c) => c.name);
  if (cleared.length) {
    items.push(
      e.response.setCookiesFrom === "header"
        ? { seen: text("seenResponseDeletes", cleared.join(", ")), meaning: text("meaningResponseDeletes") }
        : { seen: text("seenDeletedAsAnswered", cleared.join(", ")), meaning: text("meaningDeletedAsAnswered") },
    );
  }
  if (e.crossSite && e.initiator) items.push({ seen: text("seenCrossSite", e.initiator), meaning: text("meaningCrossSite") });
  if (e.embeddedIn) items.push({ seen: text("seenEmbedded", e.embeddedIn), meaning: text("meaningEmbedded") });
  if (e.clockSkewMs !== null && Math.abs(e.clockSkewMs) >= 60_000) {
    items.push({ seen: text(e.clockSkewMs > 0 ? "seenServerClockAhead" : "seenServerClockBehind", duration(e.clockSkewMs)), meaning: text("meaningServerClock") });
  }
  return items;
}

function cookiesItem(e: FailureEvidence): Reason {
  const names = e.sent.cookieNames.join(", ");
  if (e.sent.cookiesFrom === "jar") {
    if (names) return { seen: text("seenJarCookies", names), meaning: text(e.sent.cookiesUncertain ? "meaningJarCookiesUncertain" : "meaningJarCookies") };
    return { seen: text("seenNoJarCookies"), meaning: text("meaningNoCookies") };
  }
  return names ? { seen: text("seenCookiesSent", names), meaning: text("meaningCookiesSent") } : { seen: text("seenNoCookiesSent"), meaning: text("meaningNoCookies") };
}

function statusMeaning(status: number): MessageKey {
  switch (status) {
    case 401:
      return "meaningStatus401";
    case 403:
      return "meaningStatus403";
    case 407:
      return "meaningStatus407";
    case 419:
      return "meaningStatus419";
    case 440:
      return "meaningStatus440";
    default:
      return "meaningStatusOther";
  }
}
