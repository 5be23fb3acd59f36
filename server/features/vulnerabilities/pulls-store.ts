import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { PullKind } from "../../platform/db/tables/vulnerabilities.js";

/**
 * Claims a configured pull when it is due (never fetched, or last fetched `everyMs` ago) and no other
 * process holds it; answers the validators of the last answer, or undefined when not due or held.
 */
export async function claimDuePull(
  db: Db,
  kind: PullKind,
  url: string,
  now: Date,
  everyMs: number,
  leaseMs: number,
): Promise<{ etag: string | null; last_modified: string | null } | undefined> {
  // A changed URL is a new source: its validators are the old one's no longer.
  await sql`insert into vulnerability_pulls (kind, url) values (${kind}, ${url})
    on conflict (kind) do update set url = excluded.url, etag = null, last_modified = null
    where vulnerability_pulls.url <> excluded.url`.execute(db);
  const row = await sql<{ etag: string | null; last_modified: string | null }>`
    update vulnerability_pulls set claimed_until = ${new Date(now.getTime() + leaseMs)}
    where kind = ${kind} and (claimed_until is null or claimed_until < ${now})
      and (last_fetch_at is null or last_fetch_at <= ${new Date(now.getTime() - everyMs)})
    returning etag, last_modified`.execute(db);
  return row.rows[0];
}

/** Records how a pull went and lets it go. */
export async function finishPull(
  db: Db,
  kind: PullKind,
  now: Date,
  outcome: { status: number | null; error: string | null; etag?: string | null; lastModified?: string | null },
): Promise<void> {
  await db
    .updateTable("vulnerability_pulls")
    .set({
      last_fetch_at: now,
      last_status: outcome.status,
      last_error: outcome.error,
      claimed_until: null,
      ...(outcome.error === null ? { last_success_at: now } : {}),
      ...(outcome.etag !== undefined ? { etag: outcome.etag } : {}),
      ...(outcome.lastModified !== undefined ? { last_modified: outcome.lastModified } : {}),
    })
    .where("kind", "=", kind)
    .execute();
}

export function selectPulls(db: Db) {
  return db.selectFrom("vulnerability_pulls").selectAll().orderBy("kind").execute();
}
