import type { NotificationInterval } from "../../../contract/constituency.js";
import { appendAudit } from "../../platform/audit.js";
import type { CertContact } from "../../platform/cert-contact.js";
import type { Config } from "../../platform/config.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import { WriteBatch } from "../../platform/db/write-together.js";
import { timeOrderedId } from "../../platform/db/time-ordered-id.js";
import { allocateYearlyNumber, yearIn } from "../../platform/db/yearly-number.js";
import type { ServiceContext } from "../../platform/deps.js";
import { queueMail } from "../../platform/mail/index.js";
import type { CertKeySource } from "../incidents/correspondence/seal.js";
import { type NotificationTarget, matchOwnersBatch } from "../constituency/index.js";
import { matchValueOf } from "../feeds/registry-owners.js";
import { type AdviceEntry, type DigestEvent, type Language, composeDigestText, digestCsv } from "./compose-digest.js";
import { deliveryWrite, notificationWrites } from "./notifications-store.js";
import { type TakenEvent, claimPending, peekPending } from "./pending-store.js";
import { type ChosenRecipients, type KnownAddresses, chooseRecipientGroups } from "./recipients.js";
import { sealDigest } from "./seal-digest.js";

// One digest: an organisation's waiting events of one interval read, those an inhibition covers dropped,
// then in one transaction taken off the list (only those still on it: a concurrent pass took the rest),
// numbered, written, sealed and queued as one mail — one digest per language its contacts read, each
// with its own reference — so a crash leaves either the events waiting or the digests with their mail
// in the outbox (sent at least once, with one Message-ID, by the mail job), never the same events told
// twice in one language.

/** What the notifier needs beside the database. */
export interface Notifier {
  certKey: CertKeySource;
  cert: CertContact;
  timeZone: Config["timeZone"];
  referencePrefix: string;
  /** Digests made at once: 1 on PGlite (one connection), a few on PostgreSQL's pool. */
  parallel: number;
}

export interface NotifyContext extends ServiceContext {
  notifier: Notifier;
}

/** Events in one digest at most; more wait for the next (the CSV stays below the outbox's 20 MB). */
export const DIGEST_MAX_EVENTS = 5_000;

/** FYR-N-2026-000123: the prefix, the year where the CERT works, a number per year. */
export function notificationReference(prefix: string, year: number, n: number): string {
  return `${prefix}-N-${year}-${String(n).padStart(6, "0")}`;
}

/** One digest made: its reference and language, and how many addresses its mail went to. */
export interface MadeDigest {
  id: string;
  reference: string;
  language: Language;
  recipients: number;
}

/** A made outcome has one digest per language the organisation's contacts read. */
export type DigestOutcome =
  { made: true; digests: MadeDigest[]; inhibited: number } | { made: false; inhibited: number };

/** The events an inhibition keeps from their owner (the registry's rule: the type, or `*`). */
export async function dropInhibited(ctx: ServiceContext, organisationId: string, events: TakenEvent[]) {
  const answers = await matchOwnersBatch(
    ctx,
    events.map((e) => matchValueOf({ fields: e.fields, extra: {} })),
  );
  return events.filter((e, i) => {
    const mine = answers[i]?.find((m) => m.organisation.id === organisationId);
    return !mine?.inhibitions.some(
      (inh) => inh.classificationTypes.includes("*") || inh.classificationTypes.includes(e.classification_type),
    );
  });
}

/** Makes and queues the digest of `types` for `target`, if any of its events are left to tell. */
export async function makeDigest(
  ctx: NotifyContext,
  target: NotificationTarget,
  interval: NotificationInterval,
  types: readonly string[],
  advice: ReadonlyMap<string, AdviceEntry>,
  known?: KnownAddresses,
): Promise<DigestOutcome> {
  const certKey = await ctx.notifier.certKey();
  // Read and matched before the transaction: the owner match may rebuild its index, which reads the
  // registry in a transaction of its own (and PGlite has one connection).
  const peeked = await peekPending(ctx.db, target.id, types, DIGEST_MAX_EVENTS);
  if (peeked.length === 0) return { made: false, inhibited: 0 };
  const kept = new Set(
    (target.hasInhibitions ? await dropInhibited(ctx, target.id, peeked) : peeked).map((e) => e.event_id),
  );
  return inTransaction(ctx.db, async (tx: Db) => {
    const claimed = await claimPending(tx, target.id, peeked);
    const taken = peeked.filter((e) => claimed.has(e.event_id));
    const told = taken.filter((e) => kept.has(e.event_id));
    const inhibited = taken.length - told.length;
    if (told.length === 0) return { made: false, inhibited };
    const now = ctx.clock.now();
    const year = yearIn(now, ctx.notifier.timeZone);
    const groups = await chooseRecipientGroups(tx, target, now, known);
    const references: string[] = [];
    for (let i = 0; i < groups.length; i++)
      references.push(
        notificationReference(ctx.notifier.referencePrefix, year, await allocateYearlyNumber(tx, "notification", year)),
      );
    const batch = new WriteBatch(tx);
    const digests = await addDigests(batch, ctx, {
      target,
      interval,
      told,
      inhibited,
      groups,
      references,
      advice,
      certKey,
    });
    await batch.run();
    return { made: true, digests, inhibited };
  });
}

/** What one organisation's digests are written from: its events taken, and a reference per language group. */
export interface DigestWriting {
  target: NotificationTarget;
  interval: NotificationInterval;
  told: readonly TakenEvent[];
  inhibited: number;
  groups: readonly ChosenRecipients[];
  /** One per group, drawn in the caller's transaction. */
  references: readonly string[];
  advice: ReadonlyMap<string, AdviceEntry>;
  certKey: Parameters<typeof sealDigest>[3];
}

/**
 * Adds an organisation's digests to the batch: one per language the contacts read (the same events),
 * each with its events, its sealed mail in the outbox and its audit entry.
 */
export async function addDigests(batch: WriteBatch, ctx: NotifyContext, w: DigestWriting): Promise<MadeDigest[]> {
  const { target, told, inhibited } = w;
  const now = ctx.clock.now();
  const events: DigestEvent[] = told.map((e) => ({
    fields: e.fields,
    extra: e.extra,
    classificationType: e.classification_type,
  }));
  // The same file in every language: written once.
  const csv = digestCsv(events);
  const digests: MadeDigest[] = [];
  for (const [i, recipients] of w.groups.entries()) {
    const reference = w.references[i];
    if (reference === undefined) throw new Error("a digest without its reference");
    const digest = composeDigestText({
      reference,
      organisationName: target.name,
      language: recipients.language,
      events,
      advice: w.advice,
      cert: ctx.notifier.cert,
      timeZone: ctx.notifier.timeZone,
    });
    // Time-ordered, so digests made in the same millisecond still list newest first.
    const id = timeOrderedId(now.getTime());
    batch.add(
      ...notificationWrites(
        batch.db,
        {
          id,
          reference,
          organisation_id: target.id,
          interval: w.interval,
          language: recipients.language,
          subject: digest.subject,
          body: digest.body,
          csv,
          event_count: told.length,
          inhibited_count: inhibited,
          first_event_at: told[0]?.event_time ?? now,
          last_event_at: told.at(-1)?.event_time ?? now,
          created_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
          created_at: now,
        },
        told.map((e) => ({
          event_time: e.event_time,
          event_id: e.event_id,
          classification_type: e.classification_type,
        })),
      ),
    );
    const delivery = await queueDelivery(batch, ctx, {
      notificationId: id,
      reference,
      subject: digest.subject,
      body: digest.body,
      csv,
      to: recipients.to,
      keys: recipients.keys,
      certKey: w.certKey,
    });
    await appendAudit(batch, ctx.clock, {
      actor: ctx.actor,
      action: "notification.sent",
      target: { type: "notification", id: reference },
      diff: {
        reference,
        organisation: target.name,
        interval: w.interval,
        language: recipients.language,
        events: told.length,
        inhibited,
        recipients: recipients.to,
        encrypted: delivery.encrypted,
      },
      ip: ctx.ip ?? null,
    });
    digests.push({ id, reference, language: recipients.language, recipients: recipients.to.length });
  }
  return digests;
}

/**
 * Adds one delivery of a digest to the batch: its mail sealed for these recipients and queued (none when
 * nobody can be written to), and the delivery row naming the outbox message.
 */
export async function queueDelivery(
  batch: WriteBatch,
  ctx: ServiceContext,
  mail: {
    notificationId: string;
    reference: string;
    subject: string;
    body: string;
    csv: string;
    to: string[];
    keys: Parameters<typeof sealDigest>[2];
    certKey: Parameters<typeof sealDigest>[3];
  },
): Promise<{ encrypted: boolean; signed: boolean; outboxId: string | null }> {
  let outboxId: string | null = null;
  let sealed = { encrypted: false, signed: false };
  if (mail.to.length > 0) {
    const s = await sealDigest(mail.body, mail.csv, mail.keys, mail.certKey);
    sealed = s;
    outboxId = await queueMail(batch, ctx.clock, {
      to: mail.to,
      subject: mail.subject,
      text: s.text,
      attachments: s.attachments,
      headers: { "X-Fyr-Reference": mail.reference, "X-Fyr-Notification": mail.notificationId },
    });
  }
  batch.add(
    deliveryWrite(batch.db, {
      notification_id: mail.notificationId,
      outbox_id: outboxId,
      recipients: mail.to,
      encrypted: sealed.encrypted,
      signed: sealed.signed,
      created_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      created_at: ctx.clock.now(),
    }),
  );
  return { ...sealed, outboxId };
}
