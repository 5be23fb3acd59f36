import { domainToASCII, domainToUnicode } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodePunycode, displayDomain, displayValue } from "./idn.js";

// The console's punycode decoder against RFC 3492's own samples and Node's IDNA (WHATWG URL).

describe("decodePunycode", () => {
  it.each([
    // RFC 3492 §7.1 (B), (J), (L), (O), (S), and a German label.
    ["ihqwcrb4cv8a8dqg056pqjye", "他们为什么不说中文"],
    ["PorqunopuedensimplementehablarenEspaol-fmd56a", "PorquénopuedensimplementehablarenEspañol"],
    ["3B-ww4c5e180e575a65lsy2b", "3年B組金八先生"],
    ["2-u9tlzr9756bt3uc0v", "ひとつ屋根の下2"],
    ["-> $1.00 <--", "-> $1.00 <-"],
    ["bcher-kva", "bücher"],
  ])("decodes %s", (input, expected) => {
    expect(decodePunycode(input)).toBe(expected);
  });

  it("refuses what is not punycode instead of guessing", () => {
    for (const bad of ["zz", "a-é", "99999999999", "bcher-kv!"]) expect(decodePunycode(bad)).toBeNull();
  });
});

describe("displayDomain", () => {
  it("shows punycode labels in Unicode and leaves the rest alone", () => {
    expect(displayDomain("xn--rksmrgs-5wao1o.se")).toBe("räksmörgås.se");
    expect(displayDomain("www.xn--mnchen-3ya.de")).toBe("www.münchen.de");
    expect(displayDomain("XN--BCHER-KVA.example")).toBe("bücher.example");
    expect(displayDomain("example.se")).toBe("example.se");
    expect(displayDomain("shop.xn--p1ai")).toBe("shop.рф");
  });

  it("keeps a label in punycode when its Unicode would mislead: ASCII only, dots, controls, bidi overrides", () => {
    expect(displayDomain("xn--example-.com")).toBe("xn--example-.com"); // decodes to plain "example"
    expect(displayDomain("xn--zz.se")).toBe("xn--zz.se"); // no valid punycode
    // Labels a hostile encoder could write: "ä/evil", a right-to-left override, a zero-width space, a
    // no-break and an ideographic space, a private-use character.
    for (const hostile of ["ä/evil", "a\u202eb\u00e4", "\u00e4\u200bb", "bänk\u00a0se", "ä\u3000b", "ä\ue000"]) {
      const label = `xn--${encodeRaw(hostile)}`;
      expect(decodePunycode(label.slice(4))).toBe(hostile);
      expect(displayDomain(`${label}.se`)).toBe(`${label}.se`);
    }
  });

  it("agrees with Node's IDNA on any name Node encodes", () => {
    const label = fc.stringMatching(/^[a-zäöåüéßçñøæ\u0430-\u044f\u4e00-\u4e10\u05d0-\u05d5-]{1,20}$/);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), (labels) => {
        const ascii = domainToASCII(`${labels.join(".")}.se`);
        fc.pre(ascii !== "");
        expect(displayDomain(ascii)).toBe(domainToUnicode(ascii));
      }),
      { numRuns: 500 },
    );
  });
});

describe("displayValue", () => {
  it("shows the domain of a URL's host and of an e-mail address in Unicode, nothing else", () => {
    expect(displayValue("url", "https://user@xn--bcher-kva.de:8443/xn--path?q=xn--a")).toBe(
      "https://user@bücher.de:8443/xn--path?q=xn--a",
    );
    expect(displayValue("url", "http://[2001:db8::1]/x")).toBe("http://[2001:db8::1]/x");
    expect(displayValue("email", "xn--user@xn--mnchen-3ya.de")).toBe("xn--user@münchen.de");
    expect(displayValue("filename", "xn--bcher-kva.pdf")).toBe("xn--bcher-kva.pdf");
    expect(displayValue("domain", "xn--p1ai")).toBe("рф");
  });
});

/** RFC 3492 §6.3, written plainly here to build labels Node's IDNA refuses to encode. */
function encodeRaw(input: string): string {
  const points = [...input].map((c) => c.codePointAt(0) ?? 0);
  let output = points
    .filter((p) => p < 0x80)
    .map((p) => String.fromCharCode(p))
    .join("");
  const basic = output.length;
  let handled = basic;
  if (basic > 0) output += "-";
  let n = 128;
  let delta = 0;
  let bias = 72;
  const digit = (d: number) => String.fromCharCode(d < 26 ? 97 + d : 22 + d);
  const adapt = (d0: number, count: number, first: boolean) => {
    let d = first ? Math.floor(d0 / 700) : d0 >> 1;
    d += Math.floor(d / count);
    let k = 0;
    while (d > 455) {
      d = Math.floor(d / 35);
      k += 36;
    }
    return k + Math.floor((36 * d) / (d + 38));
  };
  while (handled < points.length) {
    const m = Math.min(...points.filter((p) => p >= n));
    delta += (m - n) * (handled + 1);
    n = m;
    for (const p of points) {
      if (p < n) delta++;
      if (p === n) {
        let q = delta;
        for (let k = 36; ; k += 36) {
          const t = k <= bias ? 1 : k >= bias + 26 ? 26 : k - bias;
          if (q < t) break;
          output += digit(t + ((q - t) % (36 - t)));
          q = Math.floor((q - t) / (36 - t));
        }
        output += digit(q);
        bias = adapt(delta, handled + 1, handled === basic);
        delta = 0;
        handled++;
      }
    }
    delta++;
    n++;
  }
  return output;
}
