import type { OutboxPage, OutboxQuery } from "../../../contract/operations.js";
import type { ServiceContext } from "../../platform/deps.js";
import { decodeTimeCursor, encodeTimeCursor } from "./cursor.js";
import { assertMayOperate } from "./policy.js";
import { selectOutbox } from "./store.js";

/** One page of outgoing mail, newest first: kept, queued, sent and failed messages with their errors. */
export async function listOutbox(ctx: ServiceContext, query: OutboxQuery): Promise<OutboxPage> {
  assertMayOperate(ctx.actor);
  const rows = await selectOutbox(ctx.db, decodeTimeCursor(query.cursor), query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      id: row.id,
      to: row.recipients,
      subject: row.subject,
      body: row.text_body,
      status: row.status,
      error: row.error,
      createdAt: row.created_at.toISOString(),
      sentAt: row.sent_at?.toISOString() ?? null,
    })),
    nextCursor: rows.length > query.limit && last ? encodeTimeCursor(last.created_at, last.id) : null,
  };
}
