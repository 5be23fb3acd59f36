import { sql } from "kysely";
import type { Db } from "../db/connect.js";

export interface CountIncrement {
  bucket: string;
  windowStart: Date;
  amount: number;
  expiresAt: Date;
}

/** Adds this node's increments to its own rows: one statement for the whole batch. */
export async function addNodeCounts(db: Db, node: string, increments: readonly CountIncrement[]): Promise<void> {
  if (increments.length === 0) return;
  await sql`
    insert into shared_counts (bucket, window_start, node, count, expires_at)
    select b, w, ${node}, n, e
      from unnest(${increments.map((i) => i.bucket)}::text[], ${increments.map((i) => i.windowStart.toISOString())}::timestamptz[],
                  ${increments.map((i) => i.amount)}::int8[], ${increments.map((i) => i.expiresAt.toISOString())}::timestamptz[]) as t(b, w, n, e)
    on conflict (bucket, window_start, node) do update set count = shared_counts.count + excluded.count`.execute(db);
}

/** What the other nodes counted for these (bucket, window) pairs; pairs nobody else counted are absent. */
export async function otherNodesCounts(
  db: Db,
  node: string,
  keys: readonly { bucket: string; windowStart: Date }[],
): Promise<{ bucket: string; windowStart: Date; count: number }[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<{ bucket: string; window_start: Date; count: number }>`
    select c.bucket, c.window_start, sum(c.count)::int8 as count
      from unnest(${keys.map((k) => k.bucket)}::text[], ${keys.map((k) => k.windowStart.toISOString())}::timestamptz[]) as k(b, w)
      join shared_counts c on c.bucket = k.b and c.window_start = k.w and c.node <> ${node}
     group by c.bucket, c.window_start`.execute(db);
  return rows.map((r) => ({ bucket: r.bucket, windowStart: r.window_start, count: r.count }));
}

/** Drops rows of windows that have ended (any node may: the rows are no one's any more). */
export async function deleteExpiredCounts(db: Db, now: Date): Promise<void> {
  await db.deleteFrom("shared_counts").where("expires_at", "<", now).execute();
}
