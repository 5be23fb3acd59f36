import type { ObservableType, TypedValue } from "../../../../contract/observables.js";
import { MAX_TOKEN_LENGTH } from "./characters.js";
import { normaliseDomain } from "./domain.js";
import { parseFileName } from "./file-name.js";
import { parseJa4, parseMac, parseSsdeep } from "./fingerprints.js";
import { parseAsn, parseCve, parseEmail, parseHash } from "./identifiers.js";
import { parseCidr, parseIp } from "./ip.js";
import { parsePath } from "./path.js";
import { refang } from "./refang.js";
import { parseWrittenUrl } from "./url.js";
import { parseWallet } from "./wallet.js";

// A value typed by hand is taken as meant: the whole input is one value, and the guesses the
// scanner makes about running text (is `readme.md` a file?) do not apply.

const JA3 = /^[0-9a-f]{32}$/i;

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
      const url = parseWrittenUrl(text);
      return url ? { type, value: url.url } : null;
    }
    case "email": {
      const email = parseEmail(text);
      return email ? { type, value: email.email } : null;
    }
    case "md5":
    case "sha1":
    case "sha256":
    case "sha512":
    case "tlsh": {
      const hash = parseHash(text);
      return hash?.type === type ? hash : null;
    }
    case "ja3":
      // The same shape as an MD5: only a value typed as a JA3 is one.
      return JA3.test(text) ? { type, value: text.toLowerCase() } : null;
    case "ja4":
      return parseJa4(text, true);
    case "ssdeep":
      return parseSsdeep(text);
    case "cve":
      return parseCve(text);
    case "asn":
      return parseAsn(text, true);
    case "btc":
    case "xmr": {
      const wallet = parseWallet(text);
      return wallet?.type === type ? wallet : null;
    }
    case "mac":
      return parseMac(text);
    case "regkey":
    case "filepath": {
      const path = parsePath(text);
      return path?.type === type ? path : null;
    }
    case "filename":
      return parseFileName(text);
  }
}

// Without a type the kinds are tried from the most to the least specific shape; a name is a domain
// before it is a file name (typed by hand, `readme.md` is the site).
const GUESS_ORDER: readonly ObservableType[] = [
  "url",
  "email",
  "cidr",
  "ipv4",
  "ipv6",
  "md5",
  "sha1",
  "sha256",
  "sha512",
  "tlsh",
  "ssdeep",
  "ja4",
  "mac",
  "btc",
  "xmr",
  "cve",
  "asn",
  "regkey",
  "filepath",
  "domain",
  "filename",
];

/** One value typed by hand (manual add, lookup): refanged, validated and normalised; with `type` only that type is tried. null when it is no valid observable. */
export function parseObservable(raw: string, type?: ObservableType): TypedValue | null {
  const trimmed = raw.trim();
  // Paths and keys are taken as written: refanging would read "[.]" inside a key as a dot.
  const text = type === "regkey" || type === "filepath" || type === "filename" ? trimmed : refang(trimmed);
  if (text.length === 0 || text.length > MAX_TOKEN_LENGTH) return null;
  if (type) return parseAs(text, type);
  for (const candidate of GUESS_ORDER) {
    const value = parseAs(candidate === "regkey" || candidate === "filepath" ? trimmed : text, candidate);
    if (value) return value;
  }
  return null;
}
