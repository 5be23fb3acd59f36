/** Why a message must not get an automatic answer. */
export type AutomatedReason =
  "auto-submitted" | "precedence" | "mailing-list" | "bounce" | "response-suppressed" | "no-sender";

export interface AutomatedCheckInput {
  /** Lower-case header name → value (repeated fields joined by newlines). */
  headers: Record<string, string>;
  /** The reporter's address from From, or null. */
  fromAddress: string | null;
  /** SMTP envelope sender when known ("" for the null sender <>). */
  envelopeFrom?: string | null;
  /** The top-level content type, lower case. */
  contentType: string;
}

const BOUNCE_SENDERS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)$/i;

/**
 * Decides whether a message is automated, so that it never gets an acknowledgement
 * (RFC 3834 §2 and §3.1, plus the de-facto list, bounce and Microsoft headers).
 */
export function automatedReason(input: AutomatedCheckInput): AutomatedReason | null {
  const h = input.headers;
  const autoSubmitted = h["auto-submitted"]?.split(";")[0]?.trim().toLowerCase();
  // RFC 3834 §5: any value other than "no" marks an automatic message.
  if (autoSubmitted !== undefined && autoSubmitted !== "" && autoSubmitted !== "no") return "auto-submitted";
  if (h["x-autoreply"] !== undefined || h["x-autorespond"] !== undefined || h["x-auto-reply"] !== undefined)
    return "auto-submitted";
  const precedence = h["precedence"]?.trim().toLowerCase();
  if (precedence && ["bulk", "list", "junk", "auto_reply"].includes(precedence)) return "precedence";
  if (h["list-id"] !== undefined || h["list-unsubscribe"] !== undefined || h["list-post"] !== undefined)
    return "mailing-list";
  if (input.envelopeFrom === "") return "bounce";
  const returnPath = h["return-path"]?.trim();
  if (returnPath !== undefined && /^<\s*>$/.test(returnPath)) return "bounce";
  if (input.contentType === "multipart/report") return "bounce";
  const suppress = h["x-auto-response-suppress"]?.trim().toLowerCase();
  if (suppress && suppress !== "none") return "response-suppressed";
  if (!input.fromAddress) return "no-sender";
  const localPart = input.fromAddress.split("@")[0] ?? "";
  if (BOUNCE_SENDERS.test(localPart)) return "bounce";
  return null;
}
