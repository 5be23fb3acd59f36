import { createHash } from "node:crypto";
import type { FeedFetchResult } from "../../../../contract/feeds.js";
import { systemActor } from "../../../platform/auth/actor.js";
import type { Clock } from "../../../platform/clock.js";
import type { Db } from "../../../platform/db/connect.js";
import type { BlobStore } from "../../../platform/files/blobs.js";
import type { Logger } from "../../../platform/log.js";
import { type AttachmentSink, parseInboundMail } from "../../intake/service.js";
import { queueFetchedFile } from "../accept-feed-file.js";
import { type FeedSourceRow, selectSourceByMailAddress, updateSource } from "../sources-store.js";
import { storeFeedFile } from "../store-feed-file.js";

// A mailed report (Shadowserver and others mail theirs as attachments), from the source's IMAP folder
// or the inbound SMTP listener (routed by recipient address): each feed file attached (.csv, .json,
// .gz, .zip) becomes a run of the source, keyed by the mail's Message-ID and the attachment's place,
// so a mail delivered twice — a retry, a copy in two folders — imports nothing twice. The mail is read
// by intake's MIME reader; only the attachments are kept (the feed file is the record).

const FEED_FILE = /\.(csv|json|jsonl|ndjson|txt|gz|zip)$/i;

export interface FeedMailContext {
  db: Db;
  clock: Clock;
  blobs: BlobStore;
  logger: Logger;
  maxBytes: number;
}

/** Takes one mail for `source`; answers the runs it queued and the attachments already read. */
export async function takeFeedMail(ctx: FeedMailContext, source: FeedSourceRow, raw: Buffer): Promise<FeedFetchResult> {
  const refused: string[] = [];
  const sink: AttachmentSink = async ({ filename, contentType, content }) => {
    if (!FEED_FILE.test(filename)) {
      content.resume();
      return null;
    }
    try {
      const stored = await storeFeedFile(ctx.blobs, content, ctx.maxBytes);
      return { filename, contentType, sha256: stored.sha256, size: stored.size };
    } catch (err) {
      // The MIME reader would take a failing sink for a broken message: the refusal is said, not thrown.
      content.resume();
      refused.push(`${filename}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  };
  const mail = await parseInboundMail(raw, { storeAttachment: sink });
  const id = mail.messageId ?? `sha256:${createHash("sha256").update(raw).digest("hex")}`;
  const actor = systemActor(`feed-mail:${source.name}`);
  const result: FeedFetchResult = { runs: [], skipped: 0, error: null };
  for (const [index, file] of mail.attachments.entries()) {
    const run = await queueFetchedFile({ db: ctx.db, clock: ctx.clock, actor }, source, {
      fileName: file.filename,
      via: "mail",
      originKey: `mail:${id}:${index}`,
      raw: { sha256: file.sha256, size: file.size },
    });
    if (run) result.runs.push(run.id);
    else result.skipped += 1;
  }
  const error =
    refused.length > 0
      ? `Attachments refused in ${id}: ${refused.join("; ")}`.slice(0, 1000)
      : mail.attachments.length === 0
        ? `The mail ${id} (${mail.subject.slice(0, 100)}) has no feed file attached`
        : null;
  if (error) ctx.logger.warn({ source: source.name, messageId: id }, error);
  await updateSource(ctx.db, source.id, { last_fetch_at: ctx.clock.now(), last_fetch_error: error });
  return { ...result, error };
}

/**
 * The inbound SMTP listener's route to feeds: the taker of a mail addressed to a mailbox source, or
 * null when no recipient is one (the mail is a report for intake).
 */
export function feedMailRoute(ctx: FeedMailContext) {
  return async (recipients: readonly string[]): Promise<((raw: Buffer) => Promise<unknown>) | null> => {
    for (const address of recipients) {
      const source = await selectSourceByMailAddress(ctx.db, address);
      if (source) return (raw) => takeFeedMail(ctx, source, raw);
    }
    return null;
  };
}
