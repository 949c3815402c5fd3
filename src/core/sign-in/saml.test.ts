import { describe, expect, it } from "vitest";
import { samlRefusal } from "./saml";
import { judgeNavigation } from "./navigation";
import { diagnose } from "../../test/diagnose";
import { makeEvidence } from "../../test/builders";

const b64 = (xml: string) => Buffer.from(xml, "utf8").toString("base64");
/** A response as SimpleSAMLphp's IdP posts it after `IsPassive` it cannot honour (saml2/lib SAML2\Response, unsigned error). */
const status = (inner: string, message = "") =>
  `<?xml version="1.0"?><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_8e8dc5f69a98cc4c1ff3427e5ce34606fd672f91e6" Version="2.0" IssueInstant="2026-12-02T10:00:00Z" Destination="https://sp.example.com/simplesaml/module.php/saml/sp/saml2-acs.php/default-sp" InResponseTo="_4fee3b046395c4e751011e97f8900b5273d56685"><saml:Issuer>https://idp.example.org/simplesaml/saml2/idp/metadata.php</saml:Issuer><samlp:Status>${inner}${message ? `<samlp:StatusMessage>${message}</samlp:StatusMessage>` : ""}</samlp:Status></samlp:Response>`;
const code = (value: string, nested?: string) => `<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:${value}">${nested ? `<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:${nested}"/>` : ""}</samlp:StatusCode>`;

describe("a SAML provider's answer", () => {
  it("names the second-level status of a refusal, with its message", () => {
    expect(samlRefusal(b64(status(code("Responder", "NoPassive"), "Passive authentication not supported.")))).toEqual({ error: "saml:NoPassive", description: "Passive authentication not supported." });
    expect(samlRefusal(b64(status(code("Requester", "RequestDenied"))))).toEqual({ error: "saml:RequestDenied", description: null });
    expect(samlRefusal(b64(status(code("Responder"))))).toEqual({ error: "saml:Responder", description: null });
  });

  it("is nothing for a success, a deflated (Redirect binding) answer, or garbage", () => {
    expect(samlRefusal(b64(status(code("Success"))))).toBeNull();
    expect(samlRefusal("fZJNT8MwDIbvSPyHKPeuH2OMRWunwYQ0iUNF4cDNSd02qElKnA74")).toBeNull();
    expect(samlRefusal("%%% not base64 %%%")).toBeNull();
    expect(samlRefusal(b64("<html>hello</html>"))).toBeNull();
  });

  it("a refusal posted to the app, which shows its error page, is a failure named like an OAuth error", () => {
    const acs = "https://sp.example.com/simplesaml/module.php/saml/sp/saml2-acs.php/default-sp";
    const refusal = samlRefusal(b64(status(code("Responder", "NoPassive"))))!;
    const redirect = judgeNavigation({ requested: acs, hops: [], landing: acs, qualifiers: ["form_submit"], previous: { url: "https://idp.example.org/simplesaml/saml2/idp/SSOService.php", time: 0 }, time: 1, error: null, samlRefusal: refusal });
    expect(redirect).toMatchObject({ requested: acs, oauthError: { error: "saml:NoPassive" } });
    const d = diagnose({ ...makeEvidence({ url: acs, type: "main_frame", statusCode: 500, responseHeaders: [] }, null), redirect });
    expect(d).toMatchObject({ cause: "missing-credentials", confidence: 0.85 });
    expect(d.evidence[0]?.seen).toContain("SAML status NoPassive");
    const denied = judgeNavigation({ requested: acs, hops: [], landing: acs, qualifiers: [], previous: null, time: 1, error: null, samlRefusal: { error: "saml:RequestDenied", description: null } });
    expect(diagnose({ ...makeEvidence({ url: acs, type: "main_frame", statusCode: 403, responseHeaders: [] }, null), redirect: denied }).cause).toBe("insufficient-permissions");
  });
});
