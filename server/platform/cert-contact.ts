import type { Config } from "./config.js";

// How the public reaches the CERT (FYR_CERT_NAME, _PHONE, _EMAIL, _WEB): one place for the
// signature under receipts and advice, and the contact lines of server-rendered pages.

export type CertContact = Config["cert"];
type Language = "sv" | "en";

/** The `tel:` URI of a number as written ("010-240 40 40" → "tel:0102404040"): config's cert.phoneUri. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+0-9]/g, "")}`;
}

/** The web address as people read it: no scheme, no trailing slash. */
export function webDisplay(web: string): string {
  return web.replace(/^https?:\/\//, "").replace(/\/+$/, "");
}

/** The CERT's signature lines (name, telephone around the clock, web), in the reader's language. */
export function signatureLines(cert: CertContact, language: Language): string[] {
  const phone =
    language === "sv" ? `Telefon (dygnet runt): ${cert.phone}` : `Telephone (around the clock): ${cert.phone}`;
  return [cert.name, phone, webDisplay(cert.web)];
}

/** A mail signature: the RFC 3676 separator ("-- "), then the signature lines. */
export function mailSignature(cert: CertContact, language: Language): string {
  return ["-- ", ...signatureLines(cert, language)].join("\n");
}
