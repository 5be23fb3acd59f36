import type { ObservableType, TypedValue } from "../../../../contract/observables.js";
import { MAX_TOKEN_LENGTH } from "./characters.js";
import { normaliseDomain } from "./domain.js";
import { parseAsn, parseCve, parseEmail, parseHash } from "./identifiers.js";
import { parseCidr, parseIp } from "./ip.js";
import { refang } from "./refang.js";
import { parseUrl } from "./url.js";

// A value typed by hand is taken as meant: the whole input is one value, and the guesses the
// scanner makes about running text (is `readme.md` a file?) do not apply.

function parseAs(text: string, type: ObservableType): TypedValue | null {
  switch (type) {
    case "ipv4":
    case "ipv6": {
      const ip = parseIp(text);
      return ip?.type === type ? ip : null;
    }
    case "cidr":
      // A /32 or /128 is an address: it comes back as one.
      return parseCidr(text);
    case "domain": {
      const domain = normaliseDomain(text);
      return domain ? { type, value: domain } : null;
    }
    case "url": {
      const url = parseUrl(text);
      return url ? { type, value: url.url } : null;
    }
    case "email": {
      const email = parseEmail(text);
      return email ? { type, value: email.email } : null;
    }
    case "md5":
    case "sha1":
    case "sha256": {
      const hash = parseHash(text);
      return hash?.type === type ? hash : null;
    }
    case "cve":
      return parseCve(text);
    case "asn":
      return parseAsn(text, true);
  }
}

// Without a type the kinds are tried from the most to the least specific shape.
const GUESS_ORDER: readonly ObservableType[] = [
  "url",
  "email",
  "cidr",
  "ipv4",
  "ipv6",
  "md5",
  "sha1",
  "sha256",
  "cve",
  "asn",
  "domain",
];

/** One value typed by hand (manual add, lookup): refanged, validated and normalised; with `type` only that type is tried. null when it is no valid observable. */
export function parseObservable(raw: string, type?: ObservableType): TypedValue | null {
  const text = refang(raw.trim());
  if (text.length === 0 || text.length > MAX_TOKEN_LENGTH) return null;
  if (type) return parseAs(text, type);
  for (const candidate of GUESS_ORDER) {
    const value = parseAs(text, candidate);
    if (value) return value;
  }
  return null;
}
