import type { EvidenceItem } from "./diagnosis";
import type { FailureEvidence } from "./evidence";

/** The general facts of a failure, listed after the reasons that decided its cause. */
export function describeObservations(e: FailureEvidence): EvidenceItem[] {
  const items: EvidenceItem[] = [{ seen: `HTTP ${e.status} for ${e.method} (${e.resourceType.replace("_", " ")})`, meaning: statusMeaning(e.status) }];
  for (const value of e.response.wwwAuthenticate) items.push({ seen: `WWW-Authenticate: ${value}`, meaning: "How the server asks you to sign in." });
  for (const value of e.response.proxyAuthenticate) items.push({ seen: `Proxy-Authenticate: ${value}`, meaning: "How the proxy asks you to sign in." });
  items.push(cookiesItem(e));
  items.push(
    !e.sent.seen
      ? { seen: "Request headers not seen", meaning: "The request began before AuthLens was listening, so whether a token or password went with it is unknown." }
      : e.sent.authorizationScheme
        ? { seen: `Authorization: ${e.sent.authorizationScheme} (value hidden)`, meaning: "The request carried credentials of this kind." }
        : { seen: "No Authorization header was sent", meaning: "No token or password went with the request." },
  );
  const claims = e.sent.token?.claims;
  if (claims) {
    const parts = [
      claims.exp !== undefined && `exp ${new Date(claims.exp * 1000).toISOString()}`,
      claims.nbf !== undefined && `nbf ${new Date(claims.nbf * 1000).toISOString()}`,
      claims.iat !== undefined && `iat ${new Date(claims.iat * 1000).toISOString()}`,
      claims.iss && `iss ${claims.iss}`,
      claims.aud && `aud ${[claims.aud].flat().join(" ")}`,
    ].filter(Boolean);
    items.push({ seen: `Token claims: ${parts.join(", ") || "none of exp, nbf, iat, iss, aud"}`, meaning: "Read from the JWT in place; the token itself is never stored." });
  } else if (e.sent.token) {
    items.push({ seen: `Bearer token: ${e.sent.token.kind}`, meaning: "Not a readable JWT, so its expiry is unknown." });
  }
  const cleared = e.response.setCookies.filter((c) => c.clears).map((c) => c.name);
  if (cleared.length) {
    items.push(
      e.response.setCookiesFrom === "header"
        ? { seen: `Response deletes cookies: ${cleared.join(", ")}`, meaning: "The server is ending something it stored." }
        : { seen: `Deleted from the jar as the answer arrived: ${cleared.join(", ")}`, meaning: "Most likely the server ending something it stored." },
    );
  }
  if (e.crossSite && e.initiator) items.push({ seen: `Requested by ${e.initiator}, another site`, meaning: "Cross-site requests carry fewer cookies." });
  if (e.embeddedIn) items.push({ seen: `Made in a frame that ${e.embeddedIn}, another site, embeds`, meaning: "The browser treats a frame's requests as cross-site when another site embeds it, and withholds SameSite cookies from them." });
  if (e.clockSkewMs !== null && Math.abs(e.clockSkewMs) >= 60_000) {
    items.push({ seen: `Server clock ${e.clockSkewMs > 0 ? "ahead" : "behind"} by ${Math.round(Math.abs(e.clockSkewMs) / 1000)} s`, meaning: "Time-limited sign-ins are judged by the server's clock." });
  }
  return items;
}

function cookiesItem(e: FailureEvidence): EvidenceItem {
  const names = e.sent.cookieNames.join(", ");
  if (e.sent.cookiesFrom === "jar") {
    if (names && e.sent.cookiesUncertain) {
      return { seen: `Cookies for this address in the jar: ${names} (values hidden)`, meaning: "A call to another origin carries these only if the page asks for them; the browser did not show AuthLens whether it did." };
    }
    return names
      ? { seen: `Cookies for this address in the jar: ${names} (values hidden)`, meaning: "The browser sends these with requests here; it did not show AuthLens this request's Cookie header." }
      : { seen: "No cookies for this address in the jar", meaning: "A cookie-based session cannot have been recognised." };
  }
  return names ? { seen: `Cookies sent: ${names} (values hidden)`, meaning: "The browser sent these cookies." } : { seen: "No cookies were sent", meaning: "A cookie-based session cannot have been recognised." };
}

function statusMeaning(status: number): string {
  switch (status) {
    case 401:
      return "The server needs valid sign-in details.";
    case 403:
      return "The server refused the request.";
    case 407:
      return "A proxy needs you to sign in.";
    case 419:
      return "Laravel's 'Page Expired': the form's security token or the session expired.";
    case 440:
      return "IIS/Outlook on the web 'Login Time-out': the session timed out.";
    default:
      return "An authentication failure.";
  }
}
