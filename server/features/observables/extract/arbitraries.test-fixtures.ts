import fc from "fast-check";

// Generators for the property tests: text that looks like what the extractor meets, and values it
// must find.

const digit = fc.integer({ min: 0, max: 9 }).map(String);
const letters = (min: number, max: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789"), minLength: min, maxLength: max });
const hex = (length: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF"), minLength: length, maxLength: length });

/** Any UTF-16 code unit, lone surrogates included. */
export const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Fragments that make the scanner work: separators, defang markers, scheme and value parts. */
const fragment = fc.oneof(
  fc.constantFrom(
    ".",
    ":",
    "::",
    "/",
    "@",
    " ",
    "\n",
    ",",
    '"',
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    "-",
    "_",
    "%",
    "[.]",
    "(.)",
    "[dot]",
    "[:]",
    "[@]",
    "(at)",
    "[://]",
    "hxxp://",
    "hxxps[://]",
    "http://",
    "ftp://",
    "AS",
    "ASN ",
    "CVE-",
    "xn--",
    "www.",
    ".com",
    ".se",
    ".md",
    ".co.uk",
    "ä",
    "ö",
    "é",
    "\u3002",
    "\u00a0",
    "255",
    "256",
    "010",
    "0",
    "1",
    "ff",
    "ffff",
    "/24",
    "/128",
    "#",
    "?",
    "=",
    "&",
    "'",
  ),
  letters(1, 6),
  hex(32),
  digit,
  anyCodeUnit,
);

/** Text built from fragments that look like indicators, separators and noise. */
export const scannerText = fc.array(fragment, { maxLength: 80 }).map((parts) => parts.join(""));

/** Random text in any script, lone surrogates included. */
export const noiseText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: anyCodeUnit, maxLength: 200 }),
);

const domainName = fc
  .tuple(
    fc.array(letters(1, 12), { minLength: 1, maxLength: 3 }),
    fc.constantFrom("com", "se", "net", "org", "co.uk", "nu", "xn--p1ai"),
  )
  .map(([labels, tld]) => `${labels.join(".")}.${tld}`);
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((o) => o.join("."));

/** An indicator as an analyst might write it (any case, defanged or not); its normal form comes from parseObservable. */
export const indicator = fc.oneof(
  ipv4,
  fc.mixedCase(fc.ipV6()),
  fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([ip, p]) => `${ip}/${p}`),
  domainName,
  fc.mixedCase(domainName).map((d) => `http://${d}/`),
  domainName.map((d) => d.replaceAll(".", "[.]")),
  fc
    .tuple(fc.constantFrom("http", "https", "hxxps", "ftp"), domainName, letters(0, 10))
    .map(([s, d, p]) => `${s}://${d}/${p}`),
  fc.tuple(letters(1, 10), domainName).map(([local, d]) => `${local}@${d}`),
  fc.constantFrom(32, 40, 64).chain((n) => hex(n)),
  fc
    .tuple(fc.integer({ min: 1999, max: 2030 }), fc.integer({ min: 1, max: 9_999_999 }))
    .map(([y, n]) => `CVE-${y}-${String(n).padStart(4, "0")}`),
  fc.integer({ min: 1, max: 4_294_967_295 }).map((n) => `AS${n}`),
);

/** A URL followed by what often sits after one: brackets, punctuation, percent signs, other scripts. */
export const urlInText = fc
  .tuple(
    fc.constantFrom(
      "http://example.com",
      "https://[2001:db8::1]:8443",
      "ftp://a.b.example.se.",
      "hxxp://ex[.]com",
      "http://1.2.3.4",
    ),
    fc.string({ unit: fc.constantFrom(..."()[]{}.,;:!?*/%#&=+-_~'aZ09@$^|\\`ä€ \t\"<>"), maxLength: 30 }),
  )
  .map(([head, tail]) => head + tail);
