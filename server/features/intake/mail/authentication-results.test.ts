import { describe, expect, it } from "vitest";
import { readAuthenticationResults, senderDisproved, trustedAuthenticationResults } from "./authentication-results.js";

describe("Authentication-Results (RFC 8601)", () => {
  it("reads SPF, DKIM and DMARC past comments, versions and properties; a passing DKIM signature wins", () => {
    const value =
      "mx.cert.example 1; spf=pass (sender IP is 192.0.2.1; (nested)) smtp.mailfrom=exempel.se;" +
      " dkim=fail header.d=other.example; dkim/1=pass header.d=exempel.se; dmarc=pass (p=reject) header.from=exempel.se";
    expect(readAuthenticationResults(value)).toEqual({
      authservId: "mx.cert.example",
      spf: "pass",
      dkim: "pass",
      dmarc: "pass",
    });
    expect(readAuthenticationResults("mx.cert.example; none")).toEqual({
      authservId: "mx.cert.example",
      spf: null,
      dkim: null,
      dmarc: null,
    });
  });

  it("believes only the first header from a trusted authserv-id", () => {
    const headers = {
      "authentication-results": [
        "mx.evil.example; dmarc=pass",
        "MX.cert.example; spf=softfail; dmarc=fail",
        "mx.cert.example; dmarc=pass",
      ].join("\n"),
    };
    expect(trustedAuthenticationResults(headers, ["mx.cert.example"])).toMatchObject({
      spf: "softfail",
      dmarc: "fail",
    });
    expect(trustedAuthenticationResults(headers, [])).toBeNull();
    expect(trustedAuthenticationResults(headers, ["other.example"])).toBeNull();
  });

  it("says the sender is disproved on a DMARC fail, or SPF fail without a verified DKIM signature", () => {
    const v = (spf: string | null, dkim: string | null, dmarc: string | null) => ({
      authservId: "mx",
      spf,
      dkim,
      dmarc,
    });
    expect(senderDisproved(null)).toBe(false);
    expect(senderDisproved(v("pass", "pass", "fail"))).toBe(true);
    expect(senderDisproved(v("fail", null, null))).toBe(true);
    expect(senderDisproved(v("fail", "pass", null))).toBe(false);
    expect(senderDisproved(v("softfail", null, "none"))).toBe(false);
  });
});
