import { z } from "zod";
import { PageOf } from "./page.js";

// Console "Operations" API: audit trail, outbox, jobs (admin only). See the console API contract.

const Limit = z.coerce.number().int().min(1).max(500).default(50);
const Cursor = z.string().max(200).optional();
/** An ISO time with offset, or "" (the console sends empty filter fields). */
const OptionalTime = z.union([z.literal(""), z.iso.datetime({ offset: true })]).optional();
const OptionalText = z.string().max(200).optional();
const Time = z.iso.datetime({ offset: true });

export const AuditQuery = z.object({
  /** A user id, or the start of the actor label (e-mail, "system:…"); case-insensitive. */
  actor: OptionalText,
  /** An action, e.g. "user.created"; a trailing "*" matches a prefix ("user.*"). */
  action: OptionalText,
  targetType: OptionalText,
  targetId: OptionalText,
  /** Inclusive lower bound on the entry time. */
  from: OptionalTime,
  /** Exclusive upper bound on the entry time. */
  to: OptionalTime,
  limit: Limit,
  cursor: Cursor,
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: Time,
  actor: z.string(),
  actorId: z.string().nullable(),
  /** The acting user's name (null: the system, a reporter, or a user since deleted). */
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  /** A user target's name. */
  targetName: z.string().nullable(),
  diff: z.unknown(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = PageOf(AuditEntry);
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerification = z.object({
  ok: z.boolean(),
  /** Sealed entries checked. */
  entries: z.number().int(),
  /** Entries not sealed yet (their transaction may still be open; sealing runs every second). */
  unsealed: z.number().int(),
  /** The sealed head's signature with the anchor key: valid, not checked, or none yet (empty trail). */
  signature: z.enum(["valid", "unchecked", "none"]).optional(),
  /** Id of the first entry whose link, contents or position do not add up. */
  brokenAt: z.number().int().optional(),
  reason: z
    .enum([
      "prev_hash_mismatch",
      "hash_mismatch",
      "order_mismatch",
      "head_mismatch",
      "head_unsigned",
      "head_other_key",
      "head_signature_invalid",
      "anchor_invalid",
      "anchor_mismatch",
      "unsealed",
    ])
    .optional(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

export const MailStatus = z.enum(["queued", "sent", "kept", "failed"]);
export type MailStatus = z.infer<typeof MailStatus>;

export const OutboxQuery = z.object({ limit: Limit, cursor: Cursor });
export type OutboxQuery = z.infer<typeof OutboxQuery>;

export const OutboxMessage = z.object({
  id: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  status: MailStatus,
  error: z.string().nullable(),
  createdAt: Time,
  sentAt: Time.nullable(),
});
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxPage = PageOf(OutboxMessage);
export type OutboxPage = z.infer<typeof OutboxPage>;

export const JobStatus = z.enum(["queued", "running", "done", "failed"]);
export type JobStatus = z.infer<typeof JobStatus>;

export const JobsQuery = z.object({ status: JobStatus.optional(), limit: Limit, cursor: Cursor });
export type JobsQuery = z.infer<typeof JobsQuery>;

export const JobSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  status: JobStatus,
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable(),
  runAt: Time,
  createdAt: Time,
  updatedAt: Time,
});
export type JobSummary = z.infer<typeof JobSummary>;

export const JobsPage = PageOf(JobSummary);
export type JobsPage = z.infer<typeof JobsPage>;

export const JobIdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
export type JobIdParams = z.infer<typeof JobIdParams>;
