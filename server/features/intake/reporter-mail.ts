import { z } from "zod";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import type { WriteBatch } from "../../platform/db/write-together.js";
import type { MailFileNotStored } from "../../platform/db/tables/intake.js";
import { type CertContact, mailSignature } from "../../platform/cert-contact.js";
import { queueMail } from "../../platform/mail/index.js";

// Mail to a reporter, in the report's language, the reference in the subject so replies thread
// (the mail channel matches `[FYR-2026-00042]`), signed with how to reach the CERT (FYR_CERT_*).

type Language = "sv" | "en";

export interface ReporterMailBase {
  to: string | null;
  language: Language;
  reference: string;
  timeZone: string;
  /** Who signs: the CERT's name, telephone and web (configuration). */
  cert: CertContact;
  /** The reporter's own Message-ID when the report came by mail, so our answer threads under it. */
  inReplyTo?: string | null;
}

const deliverable = z.email().max(254);

// Building an Intl.DateTimeFormat costs far more than using one; one per language and zone is kept.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function when(at: Date, language: Language, timeZone: string): string {
  const key = `${language} ${timeZone}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language === "sv" ? "sv-SE" : "en-GB", {
      dateStyle: "long",
      timeStyle: "short",
      timeZone,
    });
    dateFormats.set(key, format);
  }
  return format.format(at);
}

async function send(
  db: Db | WriteBatch,
  clock: Clock,
  base: ReporterMailBase,
  subject: string,
  text: string,
  human = false,
) {
  // An address the mail layer would refuse must not undo the report: the receipt is still on screen.
  if (!base.to || !deliverable.safeParse(base.to).success) return false;
  const headers: Record<string, string> = { "X-Fyr-Reference": base.reference };
  if (human) headers["Auto-Submitted"] = "no";
  const parent = base.inReplyTo?.trim();
  if (parent && /^<[^<>\s]+>$/.test(parent)) {
    headers["In-Reply-To"] = parent;
    headers.References = parent;
  }
  const signed = `${text}\n\n${mailSignature(base.cert, base.language)}`;
  await queueMail(db, clock, { to: base.to, subject: `[${base.reference}] ${subject}`, text: signed, headers });
  return true;
}

function megabytes(bytes: number, language: Language): string {
  const mb = Math.max(0.1, Math.round(bytes / 100_000) / 10);
  return `${mb.toLocaleString(language === "sv" ? "sv-SE" : "en-GB")} MB`;
}

/** The receipt's paragraph naming files of a mailed report that were not stored, and why; [] when none. */
export function notStoredParagraph(files: readonly MailFileNotStored[], language: Language): string[] {
  if (files.length === 0) return [];
  const sv = language === "sv";
  const why = (f: MailFileNotStored) =>
    f.reason === "file_too_large"
      ? sv
        ? "större än vad vi tar emot per fil"
        : "larger than we accept per file"
      : sv
        ? "rapportens filer blev tillsammans större än vad vi tar emot"
        : "the report's files together grew larger than we accept";
  return [
    "",
    sv
      ? "Följande filer i ditt mejl sparades inte med rapporten (vi har kvar mejlet som det kom):"
      : "These files in your e-mail were not stored with the report (we keep the e-mail as it arrived):",
    ...files.map((f) => `- ${f.filename} (${megabytes(f.size, language)}): ${why(f)}`),
    sv
      ? "Behöver vi dem hör vi av oss om hur de kan skickas på annat sätt."
      : "If we need them, we will contact you about sending them another way.",
  ];
}

/** The receipt: reference, what happens next, the follow-up link. Returns whether a mail was queued. */
export async function queueReceiptMail(
  db: Db | WriteBatch,
  clock: Clock,
  mail: ReporterMailBase & {
    receivedAt: Date;
    followUpUrl: string;
    /** Files of a mailed report left out over a size limit: the receipt names them. */
    filesNotStored?: readonly MailFileNotStored[];
  },
): Promise<boolean> {
  const at = when(mail.receivedAt, mail.language, mail.timeZone);
  const notStored = notStoredParagraph(mail.filesNotStored ?? [], mail.language);
  if (mail.language === "sv") {
    return send(
      db,
      clock,
      mail,
      "Vi har tagit emot din incidentrapport",
      [
        "Hej,",
        "",
        `tack för din rapport. Vi tog emot den ${at} och den har referensen ${mail.reference}.`,
        ...notStored,
        "",
        "Vad händer nu: vår jour läser rapporten och hör av sig till dig, i första hand med e-post.",
        "Om läget förändras kan du skicka mer information eller filer via länken nedan.",
        "",
        `Följ din rapport: ${mail.followUpUrl}`,
        "",
        "Länken är personlig. Dela den bara med dem som ska följa rapporten.",
        "Du kan också svara på det här brevet; svaret hamnar i din rapport.",
      ].join("\n"),
    );
  }
  return send(
    db,
    clock,
    mail,
    "We have received your incident report",
    [
      "Hello,",
      "",
      `thank you for your report. We received it on ${at} and its reference is ${mail.reference}.`,
      ...notStored,
      "",
      "What happens next: our duty officer reads the report and contacts you, by e-mail first.",
      "If anything changes, you can send more information or files through the link below.",
      "",
      `Follow your report: ${mail.followUpUrl}`,
      "",
      "The link is personal. Share it only with those who should follow the report.",
      "You can also reply to this e-mail; your reply is added to your report.",
    ].join("\n"),
  );
}

/** Tells the reporter a duty officer has taken the report. */
export async function queueAcknowledgedMail(db: Db, clock: Clock, mail: ReporterMailBase): Promise<boolean> {
  if (mail.language === "sv") {
    return send(
      db,
      clock,
      mail,
      "Din rapport har tagits om hand",
      [
        "Hej,",
        "",
        `en handläggare har tagit sig an din rapport ${mail.reference} och hör av sig om vi behöver veta mer.`,
        "Svara på det här brevet om du vill tillägga något; svaret hamnar i din rapport.",
      ].join("\n"),
    );
  }
  return send(
    db,
    clock,
    mail,
    "Your report is being handled",
    [
      "Hello,",
      "",
      `a duty officer has taken on your report ${mail.reference} and will contact you if we need to know more.`,
      "Reply to this e-mail if you want to add something; your reply is added to your report.",
    ].join("\n"),
  );
}

/** A message a CERT officer wrote to the reporter (also shown on the follow-up page). */
export async function queueCertMessageMail(
  db: Db,
  clock: Clock,
  mail: ReporterMailBase & { body: string },
): Promise<boolean> {
  const footer =
    mail.language === "sv"
      ? `Svara på det här brevet eller använd din uppföljningslänk. Referens: ${mail.reference}`
      : `Reply to this e-mail or use your follow-up link. Reference: ${mail.reference}`;
  const subject = mail.language === "sv" ? "Meddelande om din rapport" : "A message about your report";
  return send(db, clock, mail, subject, `${mail.body}\n\n${footer}`, true);
}
