import { z } from "zod";
import { MAX_TEXT, ReportLanguage } from "./intake.js";

// Correspondence from an incident (api-v1.md: /api/v1/incidents/{reference}/messages): the reporter's
// thread is the linked report's conversation (shown on their follow-up page); every other counterpart
// gets a third-party thread of its own (RTIR's investigations). Also the recipients' OpenPGP keys.

const Address = z.email().max(254);
const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !/[\r\n]/.test(v), "must be one line");

export const MessageInput = z.object({
  /** Recipients. May be empty only when `report` names the reporter's thread. */
  to: z.array(Address).max(50).default([]),
  cc: z.array(Address).max(50).default([]),
  subject: oneLine(300),
  body: z
    .string()
    .trim()
    .min(1)
    .max(MAX_TEXT * 5),
  /** The advice template the text started from, for the record. */
  template: z.object({ key: z.string().min(1).max(100), language: ReportLanguage }).optional(),
  /** A linked report's reference: write in that reporter's thread. */
  report: z.string().min(1).max(40).optional(),
  /** Refuse to send unless every recipient's key is known (else: encrypt when possible). */
  requireEncryption: z.boolean().default(false),
});
export type MessageInput = z.infer<typeof MessageInput>;
export type MessageDraft = z.input<typeof MessageInput>;

export const ThreadKind = z.enum(["reporter", "third-party"]);
export type ThreadKind = z.infer<typeof ThreadKind>;

/** Outbound: the outbox status ("none": not mailed, e.g. no address); inbound: "received". */
export const DeliveryStatus = z.enum(["queued", "sent", "kept", "failed", "none", "received"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** Set when a linked report said its information may not be shared with third parties. */
export const ConsentWarning = z.object({
  code: z.literal("sharing_information_none"),
  reports: z.array(z.string()),
});
export type ConsentWarning = z.infer<typeof ConsentWarning>;

export const MessageReceipt = z.object({
  id: z.string(),
  thread: z.object({ id: z.string(), kind: ThreadKind }),
  status: DeliveryStatus,
  encrypted: z.boolean(),
  signed: z.boolean(),
  consentWarning: ConsentWarning.nullable(),
});
export type MessageReceipt = z.infer<typeof MessageReceipt>;

export const ThreadMessage = z.object({
  id: z.string(),
  direction: z.enum(["out", "in"]),
  from: z.string().nullable(),
  to: z.array(z.string()),
  subject: z.string().nullable(),
  body: z.string(),
  sentAt: z.string(),
  deliveryStatus: DeliveryStatus,
  encrypted: z.boolean(),
  signed: z.boolean(),
  /** How a reporter-thread message came: the follow-up page, e-mail or the console. */
  via: z.enum(["web", "email", "console"]).nullable(),
  /** An inbound mail: SPF/DKIM/DMARC from a trusted MTA (FYR_MAIL_AUTHSERV_ID), else null. */
  auth: z
    .object({
      authservId: z.string(),
      spf: z.string().nullable(),
      dkim: z.string().nullable(),
      dmarc: z.string().nullable(),
    })
    .nullable(),
  /** An inbound mail: what tied it to this thread (our reply token, or the participant's address). */
  verifiedBy: z.enum(["token", "sender"]).nullable(),
});
export type ThreadMessage = z.infer<typeof ThreadMessage>;

export const Thread = z.object({
  /** A third-party thread's id, or the linked report's reference for a reporter thread. */
  id: z.string(),
  kind: ThreadKind,
  counterpart: z.string(),
  addresses: z.array(z.string()),
  report: z.string().nullable(),
  messages: z.array(ThreadMessage),
});
export type Thread = z.infer<typeof Thread>;

export const ThreadsView = z.object({ threads: z.array(Thread) });
export type ThreadsView = z.infer<typeof ThreadsView>;

// Recipients' OpenPGP public keys (admin).

export const PgpKeyInput = z.object({
  armoredKey: z.string().min(1).max(200_000),
  /** The address the key is for; default the key's only e-mail user id. */
  email: Address.optional(),
});
export type PgpKeyInput = z.infer<typeof PgpKeyInput>;

export const PgpKeyView = z.object({
  id: z.string(),
  email: z.string(),
  fingerprint: z.string(),
  userIds: z.array(z.string()),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
});
export type PgpKeyView = z.infer<typeof PgpKeyView>;

export const PgpKeyList = z.object({ items: z.array(PgpKeyView) });
export const PgpKeyParams = z.object({ id: z.uuid() });
