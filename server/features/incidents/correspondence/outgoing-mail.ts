import type { Clock } from "../../../platform/clock.js";
import type { Db } from "../../../platform/db/connect.js";
import { queueMail } from "../../../platform/mail/index.js";

/** One incident mail as queued: the subject already carries the incident reference. */
export interface IncidentMail {
  incidentReference: string;
  to: string[];
  cc: string[];
  subject: string;
  text: string;
  /** The Message-ID this answers (the counterpart's last mail), so clients thread it. */
  inReplyTo: string | null;
}

/** Queues the mail in the caller's transaction (outbox row + delivery job); returns the outbox id. */
export async function queueIncidentMail(db: Db, clock: Clock, mail: IncidentMail): Promise<string> {
  // Written by a person: replies, out-of-office notices and bounces are welcome (RFC 3834).
  const headers: Record<string, string> = { "X-Fyr-Reference": mail.incidentReference, "Auto-Submitted": "no" };
  const parent = mail.inReplyTo?.trim();
  if (parent && /^<[^<>\s]+>$/.test(parent)) {
    headers["In-Reply-To"] = parent;
    headers.References = parent;
  }
  return queueMail(db, clock, {
    to: mail.to,
    ...(mail.cc.length > 0 ? { cc: mail.cc } : {}),
    subject: mail.subject,
    text: mail.text,
    headers,
  });
}
