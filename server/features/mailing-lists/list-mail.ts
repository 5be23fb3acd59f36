import { createHash, randomBytes } from "node:crypto";
import type { ListLanguage } from "../../../contract/mailing-lists.js";

// The words and headers of the mail lists send: the opt-in mail, and the footer and headers every list
// mail carries (RFC 2369 List-Id/List-Unsubscribe, RFC 8058 one-click). Links carry a 256-bit token;
// only its SHA-256 is stored, and it appears in the mail and the outbox alone.

/** A new link token and the hash that is stored. */
export function newListToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashListToken(token) };
}

export const hashListToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A token as links carry it (base64url of 32 bytes); anything else is no link of ours. */
export const looksLikeToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export const listLinks = (publicUrl: string, token: string) => ({
  confirm: `${publicUrl}/lists/confirm/${token}`,
  unsubscribe: `${publicUrl}/lists/unsubscribe/${token}`,
  preferences: `${publicUrl}/lists/preferences/${token}`,
});

/** The opt-in mail: what was asked for, and the link whose page confirms it. */
export function confirmationMail(m: { language: ListLanguage; listNames: string[]; url: string; signature: string }): {
  subject: string;
  text: string;
} {
  const lists = m.listNames.map((n) => `  - ${n}`).join("\n");
  if (m.language === "sv")
    return {
      subject: "Bekräfta din prenumeration",
      text: [
        "Hej!",
        "",
        "Någon, förhoppningsvis du, har bett att få våra utskick till den här adressen:",
        lists,
        "",
        "Öppna länken och bekräfta med knappen på sidan (länken gäller i 72 timmar):",
        m.url,
        "",
        "Har du inte bett om det behöver du inte göra något: utan bekräftelse skickar vi ingenting.",
        "",
        m.signature,
      ].join("\n"),
    };
  return {
    subject: "Confirm your subscription",
    text: [
      "Hello,",
      "",
      "Someone, hopefully you, asked for our mailings to this address:",
      lists,
      "",
      "Open the link and confirm with the button on the page (the link works for 72 hours):",
      m.url,
      "",
      "If you did not ask for this, do nothing: without a confirmation we send nothing.",
      "",
      m.signature,
    ].join("\n"),
  };
}

/** The footer below a list mail's text (outside any OpenPGP signature: it differs per recipient). */
export function listFooter(
  language: ListLanguage,
  listName: string,
  links: { unsubscribe: string; preferences: string },
) {
  if (language === "sv")
    return [
      "",
      "-- ",
      `Du får det här brevet eftersom du prenumererar på ${listName}.`,
      `Avsluta prenumerationen: ${links.unsubscribe}`,
      `Ändra språk eller listor: ${links.preferences}`,
    ].join("\n");
  return [
    "",
    "-- ",
    `You receive this because you subscribe to ${listName}.`,
    `Unsubscribe: ${links.unsubscribe}`,
    `Change language or lists: ${links.preferences}`,
  ].join("\n");
}

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

/** RFC 4648 base32 in lower case, unpadded: survives the case-folding mail addresses go through. */
function toBase32(bytes: Buffer): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string): Buffer | null {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text.toLowerCase()) {
    const i = BASE32.indexOf(ch);
    if (i < 0) return null;
    value = ((value << 5) | i) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/**
 * The address a mail client writes to for a mailto: unsubscribe (RFC 2369): the link's token in the
 * local part, base32 because relays (and our own listener) may fold an address's case, and short
 * enough for the 64-octet local part. The inbound SMTP listener (unsubscribe-mail.ts) needs nothing else.
 */
export const unsubscribeAddress = (mailDomain: string, token: string) =>
  `unsub+${toBase32(Buffer.from(token, "base64url"))}@${mailDomain}`;

/** The link token of an unsubscribe address (any case), or null when the address is not one of ours. */
export function tokenOfUnsubscribeAddress(address: string, mailDomain: string): string | null {
  const m = /^<?unsub\+([a-z2-7]{52})@([a-z0-9.-]+)>?$/i.exec(address.trim());
  if (!m?.[1] || m[2]?.toLowerCase() !== mailDomain.toLowerCase()) return null;
  const bytes = fromBase32(m[1]);
  return bytes && bytes.length === 32 ? bytes.toString("base64url") : null;
}

/**
 * The headers of a list mail (RFC 2369, RFC 2919, RFC 8058): List-Unsubscribe offers the mailto: and the
 * https: ways — clients that cannot POST (RFC 8058 one-click) or open links write to the address instead.
 */
export function listHeaders(
  listId: string,
  mailDomain: string,
  unsubscribeUrl: string,
  token: string,
): Record<string, string> {
  return {
    "List-Id": `<${listId}.lists.${mailDomain}>`,
    "List-Unsubscribe": `<mailto:${unsubscribeAddress(mailDomain, token)}?subject=unsubscribe>, <${unsubscribeUrl}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    Precedence: "bulk",
    "X-Fyr-List": listId,
  };
}

/** The domain of an address such as FYR_MAIL_FROM (`CERT <cert@cert.example>` → cert.example). */
export function domainOf(address: string): string {
  return /@([A-Za-z0-9.-]+)/.exec(address)?.[1]?.toLowerCase() ?? "localhost";
}

/** An address as the audit trail shows it: personal data, so only its first letter and domain. */
export function maskAddress(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "…";
  return `${email.slice(0, 1)}…${email.slice(at)}`;
}
