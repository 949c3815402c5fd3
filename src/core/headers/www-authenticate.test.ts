import { describe, expect, it } from "vitest";
import { parseWwwAuthenticate } from "./www-authenticate";

const c = (scheme: string, params: Record<string, string> = {}, token68: string | null = null) => ({ scheme, params, token68 });

describe("parseWwwAuthenticate", () => {
  it.each([
    // RFC 9110 §11.6.1's own example: two challenges in one header, an escaped quote.
    ['Basic realm="simple", Newauth realm="apps", type=1, title="Login to \\"apps\\""', [c("Basic", { realm: "simple" }), c("Newauth", { realm: "apps", type: "1", title: 'Login to "apps"' })]],
    // RFC 6750 §3 examples
    ['Bearer realm="example"', [c("Bearer", { realm: "example" })]],
    ['Bearer realm="example", error="invalid_token", error_description="The access token expired"', [c("Bearer", { realm: "example", error: "invalid_token", error_description: "The access token expired" })]],
    // ASP.NET Core JwtBearerHandler with no token: the bare scheme
    ["Bearer", [c("Bearer")]],
    // RFC 7616 §3.9.1 Digest example
    [
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
      [c("Digest", { realm: "http-auth@example.org", qop: "auth, auth-int", algorithm: "SHA-256", nonce: "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque: "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS" })],
    ],
    // SPNEGO continuation (RFC 4559 §5): token68
    ["Negotiate oYG2MIGzoAMKAQChCwYJKoZIgvcSAQICooGeBIGbYIGY==", [c("Negotiate", {}, "oYG2MIGzoAMKAQChCwYJKoZIgvcSAQICooGeBIGbYIGY==")]],
    // Case-insensitive scheme and parameter names; spaces around "="
    ['bEaReR Realm = "api" , ERROR=insufficient_scope, scope="read write"', [c("bEaReR", { realm: "api", error: "insufficient_scope", scope: "read write" })]],
    // Several schemes, bare, as IIS and the Negotiate/NTLM pair send them in one header
    ["Negotiate, NTLM", [c("Negotiate"), c("NTLM")]],
    // Token68 followed by another challenge
    ['Negotiate abc==, Basic realm="x"', [c("Negotiate", {}, "abc=="), c("Basic", { realm: "x" })]],
  ])("%s", (header, expected) => {
    expect(parseWwwAuthenticate(header)).toEqual(expected);
  });

  it("reads challenges across several header values", () => {
    expect(parseWwwAuthenticate(["Negotiate", "NTLM", 'Basic realm="intranet"'])).toEqual([c("Negotiate"), c("NTLM"), c("Basic", { realm: "intranet" })]);
  });

  it.each([
    ["", []],
    ["   ,  , ", []],
    ['Bearer realm="unterminated', [c("Bearer", { realm: "unterminated" })]],
    ['"quoted" Basic realm="x"', []],
    ["Basic realm=", [c("Basic", {}, "realm=")]],
    ['Basic realm="a", realm="b"', [c("Basic", { realm: "a" })]],
    ["Bearer error=", [c("Bearer", {}, "error=")]],
  ])("copes with malformed %j", (header, expected) => {
    expect(parseWwwAuthenticate(header)).toEqual(expected);
  });
});
