import { z } from "zod";
import { MAX_SHORT_TEXT, MAX_WHAT_HAPPENED, ReportSubmission } from "../../../../contract/intake.js";
import { guessLanguage } from "./guess-language.js";
import type { ParsedInboundMail } from "./parse.js";

/** The longest text a threaded reply keeps (the raw message holds all of it). */
export const MAX_MESSAGE_BODY = MAX_WHAT_HAPPENED;

const Email = z.email().max(254);
// The public schema demands a way to reach the reporter; a mailed report always has one (the raw
// message with its headers), so the sender address is taken when it is valid and left out otherwise.
const MailedSubmission = z.object(ReportSubmission.shape);
const TRUNCATED = "\n\n[…]";

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - TRUNCATED.length)}${TRUNCATED}`;
}

function reachableAddress(candidates: (string | null | undefined)[]): string | null {
  for (const c of candidates) if (c && Email.safeParse(c).success) return c;
  return null;
}

/** Turns a parsed message into the report a reporter would have submitted: subject → summary, text → what happened. */
export function mailToSubmission(mail: ParsedInboundMail, envelopeFrom: string | null): ReportSubmission {
  const subject = mail.subject.trim();
  const text = mail.text.trim();
  return MailedSubmission.parse({
    language: guessLanguage(`${subject}\n${text}`),
    reporter: {
      name: mail.from?.name ? clip(mail.from.name, MAX_SHORT_TEXT) : null,
      email: reachableAddress([mail.from?.address, envelopeFrom]),
    },
    summary: subject ? clip(subject, MAX_SHORT_TEXT) : null,
    // An empty body still makes a report: the subject, or a dash, stands for what happened.
    whatHappened: clip(text || subject || "-", MAX_WHAT_HAPPENED),
  });
}
