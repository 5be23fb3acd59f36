import type { MailAuthVerdict } from "../../../platform/db/tables/intake.js";

// Authentication-Results (RFC 8601) as the receiving MTA wrote it: "mx.cert.example; spf=pass
// smtp.mailfrom=example.se; dkim=pass header.d=example.se; dmarc=pass header.from=example.se".
// Anyone can put such a header in a message, so only an authserv-id named in FYR_MAIL_AUTHSERV_ID is
// believed, and of those only the topmost (the receiving MTA prepends its own; RFC 8601 §5 has it
// remove any copy that claims its id, so a forged one below never wins).

const METHODS = ["spf", "dkim", "dmarc"] as const;
const RESULT = /^[a-z]{2,16}$/;

/** Removes RFC 5322 comments ("(sender IP is 192.0.2.1)"), nested ones included. */
function withoutComments(value: string): string {
  let out = "";
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i] ?? "";
    if (c === "\\" && (quoted || depth > 0)) {
      if (depth === 0) out += c + (value[i + 1] ?? "");
      i++;
    } else if (c === '"' && depth === 0) {
      quoted = !quoted;
      out += c;
    } else if (c === "(" && !quoted) depth++;
    else if (c === ")" && !quoted && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}

/** One header value, or null when it is not an Authentication-Results value at all. */
export function readAuthenticationResults(value: string): MailAuthVerdict | null {
  const [head, ...resinfos] = withoutComments(value).split(";");
  // authserv-id, optionally followed by a version number.
  const authservId = head?.trim().split(/\s+/)[0]?.toLowerCase();
  if (!authservId) return null;
  const verdict: MailAuthVerdict = { authservId, spf: null, dkim: null, dmarc: null };
  for (const resinfo of resinfos) {
    const m = /^\s*([a-z0-9-]+)(?:\/\d+)?\s*=\s*([a-z]+)/i.exec(resinfo);
    const method = m?.[1]?.toLowerCase();
    const result = m?.[2]?.toLowerCase();
    if (!method || !result || !RESULT.test(result)) continue;
    for (const known of METHODS) {
      if (method !== known) continue;
      // Several DKIM signatures: one that verifies is what counts (DMARC reads it the same way).
      if (verdict[known] === null || result === "pass") verdict[known] = result;
    }
  }
  return verdict;
}

/**
 * The verdict of the first Authentication-Results header whose authserv-id is trusted, or null (none
 * trusted configured, none present, or only forged ones). `headers` joins repeated fields by newlines.
 */
export function trustedAuthenticationResults(
  headers: Record<string, string>,
  trustedIds: readonly string[],
): MailAuthVerdict | null {
  const field = headers["authentication-results"];
  if (!field || trustedIds.length === 0) return null;
  for (const value of field.split("\n")) {
    const verdict = readAuthenticationResults(value);
    if (verdict && trustedIds.includes(verdict.authservId)) return verdict;
  }
  return null;
}

/**
 * Whether the trusted verdict says the From address is not the sender's to use: DMARC failed, or
 * without DMARC, SPF failed and no DKIM signature verified. Such mail never threads by sender alone.
 */
export function senderDisproved(verdict: MailAuthVerdict | null): boolean {
  if (!verdict) return false;
  if (verdict.dmarc === "fail") return true;
  return verdict.dmarc === null && verdict.spf === "fail" && verdict.dkim !== "pass";
}
