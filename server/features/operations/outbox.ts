import type { OutboxPage, OutboxQuery } from "../../../contract/operations.js";
import type { ServiceContext } from "../../platform/deps.js";
import { readKeysetPage } from "../../platform/keyset-page.js";
import { TIME_KEYS } from "./cursor.js";
import { assertMayOperate } from "./policy.js";
import { selectOutbox } from "./store.js";

/** One page of outgoing mail, newest first: kept, queued, sent and failed messages with their errors. */
export async function listOutbox(ctx: ServiceContext, query: OutboxQuery): Promise<OutboxPage> {
  assertMayOperate(ctx.actor);
  const { rows, nextCursor } = await readKeysetPage(
    query,
    TIME_KEYS,
    ({ after, limit }) => selectOutbox(ctx.db, after && { at: new Date(after.at), id: after.id }, limit),
    (row) => ({ at: row.created_at.toISOString(), id: row.id }),
  );
  return {
    nextCursor,
    items: rows.map((row) => ({
      id: row.id,
      to: row.recipients,
      subject: row.subject,
      body: row.text_body,
      status: row.status,
      error: row.error,
      createdAt: row.created_at.toISOString(),
      sentAt: row.sent_at?.toISOString() ?? null,
    })),
  };
}
