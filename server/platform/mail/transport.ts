import type { Transporter } from "nodemailer";
import type { Config } from "../config.js";
import type { MailAttachment } from "../db/tables/platform.js";

/** One message as it leaves Fyr. */
export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  /** Extra headers (In-Reply-To, References, Auto-Submitted …). */
  headers: Record<string, string>;
  /** Files sent with it (none for most mail). */
  attachments?: readonly MailAttachment[];
  messageId: string;
  date: Date;
}

export type SendOutcome = { status: "sent"; smtpMessageId: string } | { status: "kept" };

/** Where outgoing mail goes: an SMTP relay, or nowhere ("keep": it stays in the local outbox). */
export interface MailTransport {
  mode: "smtp" | "keep";
  /** The From address every message carries. */
  from: string;
  send(mail: OutgoingMail): Promise<SendOutcome>;
  close(): void;
}

/** The domain part of the From address, for Message-IDs. */
function fromDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? "localhost";
}

/** A globally unique Message-ID for the outbox row `id`; the same on every retry. */
export function messageIdFor(id: string, from: string): string {
  return `<${id}@${fromDomain(from)}>`;
}

/** Builds the transport from FYR_SMTP_URL (nodemailer) and FYR_MAIL_FROM; without a URL, mail is kept. */
export function createMailTransport(config: Pick<Config, "smtpUrl" | "mailFrom">): MailTransport {
  const from = config.mailFrom;
  if (!config.smtpUrl) {
    return { mode: "keep", from, send: async () => ({ status: "kept" }), close: () => undefined };
  }
  const smtpUrl = config.smtpUrl;
  // nodemailer is loaded with the first message: a `fyr` command or a process that sends nothing
  // does not evaluate it.
  let transport: Promise<Transporter> | undefined;
  const smtp = () =>
    (transport ??= import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: smtpUrl,
        // Connections are kept and reused: a new TCP + TLS + EHLO per receipt held a burst of reports'
        // receipts to about 24 a second (bench intake); a few pooled connections deliver in parallel.
        pool: true,
        maxConnections: 4,
        maxMessages: 500,
        // A relay that accepts the connection and then hangs must not hold a job slot for minutes.
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 60_000,
      }),
    ));
  return {
    mode: "smtp",
    from,
    async send(mail) {
      // A Cc header (queueMail) names copy recipients: nodemailer sends them as Cc, not in To.
      const { Cc: ccHeader, ...headers } = mail.headers;
      const cc = ccHeader ? ccHeader.split(",").map((a) => a.trim()) : [];
      const info = await (
        await smtp()
      ).sendMail({
        from,
        to: mail.to.filter((a) => !cc.includes(a)),
        ...(cc.length > 0 ? { cc } : {}),
        subject: mail.subject,
        text: mail.text,
        ...(mail.attachments && mail.attachments.length > 0
          ? { attachments: mail.attachments.map((a) => ({ ...a, contentDisposition: "attachment" as const })) }
          : {}),
        headers,
        messageId: mail.messageId,
        date: mail.date,
      });
      return { status: "sent", smtpMessageId: String(info.messageId ?? mail.messageId) };
    },
    close: () => void transport?.then((t) => t.close()),
  };
}
