import { type Selectable, sql } from "kysely";
import type { Db } from "../../../platform/db/connect.js";
import type { OsintItemStatus, OsintSourcesTable, OsintUse } from "../../../platform/db/tables/vulnerabilities.js";
import type { FeedItem } from "./parse-feed.js";

export type OsintSourceRow = Selectable<OsintSourcesTable>;

export function selectSources(db: Db): Promise<OsintSourceRow[]> {
  return db.selectFrom("osint_sources").selectAll().orderBy("name").orderBy("id").execute();
}

export function selectSource(db: Db, id: string): Promise<OsintSourceRow | undefined> {
  return db.selectFrom("osint_sources").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A new source; undefined when one with the URL exists. */
export function insertSource(db: Db, name: string, url: string): Promise<OsintSourceRow | undefined> {
  return db
    .insertInto("osint_sources")
    .values({ name, url })
    .onConflict((oc) => oc.column("url").doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function updateSource(
  db: Db,
  id: string,
  set: { name?: string; enabled?: boolean },
  now: Date,
): Promise<OsintSourceRow | undefined> {
  return db
    .updateTable("osint_sources")
    .set({ ...set, updated_at: now })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

export function deleteSource(db: Db, id: string): Promise<OsintSourceRow | undefined> {
  return db.deleteFrom("osint_sources").where("id", "=", id).returningAll().executeTakeFirst();
}

/** Claims up to `limit` enabled sources not fetched for `everyMs` and held by no other process. */
export async function claimDueSources(
  db: Db,
  now: Date,
  everyMs: number,
  leaseMs: number,
  limit: number,
): Promise<OsintSourceRow[]> {
  const rows = await sql<OsintSourceRow>`
    update osint_sources set claimed_until = ${new Date(now.getTime() + leaseMs)}
    where id in (
      select id from osint_sources
      where enabled and (claimed_until is null or claimed_until < ${now})
        and (last_fetch_at is null or last_fetch_at <= ${new Date(now.getTime() - everyMs)})
      order by last_fetch_at nulls first
      limit ${limit}
      for update skip locked)
    returning *`.execute(db);
  return rows.rows;
}

/** Claims one enabled source now, due or not (a source just added is fetched at once); undefined when held or gone. */
export async function claimSource(db: Db, id: string, now: Date, leaseMs: number): Promise<OsintSourceRow | undefined> {
  const rows = await sql<OsintSourceRow>`
    update osint_sources set claimed_until = ${new Date(now.getTime() + leaseMs)}
    where id = ${id}::uuid and enabled and (claimed_until is null or claimed_until < ${now})
    returning *`.execute(db);
  return rows.rows[0];
}

export async function finishSourceFetch(
  db: Db,
  id: string,
  now: Date,
  outcome: { error: string | null; etag?: string | null; lastModified?: string | null; added?: number },
): Promise<void> {
  await db
    .updateTable("osint_sources")
    .set((eb) => ({
      last_fetch_at: now,
      last_error: outcome.error,
      claimed_until: null,
      ...(outcome.error === null ? { last_success_at: now } : {}),
      ...(outcome.etag !== undefined ? { etag: outcome.etag } : {}),
      ...(outcome.lastModified !== undefined ? { last_modified: outcome.lastModified } : {}),
      items_total: eb("items_total", "+", outcome.added ?? 0),
    }))
    .where("id", "=", id)
    .execute();
}

/**
 * Stores the items the source has not given before — neither by id nor by content (some feeds hand
 * out a fresh GUID on every fetch) — in one statement; answers how many were new.
 */
export async function insertNewItems(db: Db, sourceId: string, items: readonly FeedItem[], now: Date): Promise<number> {
  if (items.length === 0) return 0;
  const result = await sql<{ id: string }>`
    insert into osint_items (source_id, guid, content_hash, title, link, summary, published_at, fetched_at)
    select ${sourceId}::uuid, v.guid, v.hash, v.title, v.link, v.summary, v.published::timestamptz, ${now}
    from unnest(${items.map((i) => i.guid)}::text[], ${items.map((i) => i.contentHash)}::text[],
      ${items.map((i) => i.title)}::text[], ${items.map((i) => i.link)}::text[], ${items.map((i) => i.summary)}::text[],
      ${items.map((i) => i.publishedAt?.toISOString() ?? null)}::text[]) as v(guid, hash, title, link, summary, published)
    where not exists (select 1 from osint_items o where o.source_id = ${sourceId}::uuid
      and (o.guid = v.guid or o.content_hash = v.hash))
    on conflict do nothing
    returning id`.execute(db);
  return result.rows.length;
}

export interface OsintItemRow {
  id: string;
  source_id: string;
  source_name: string;
  title: string;
  link: string | null;
  summary: string;
  published_at: Date | null;
  fetched_at: Date;
  status: OsintItemStatus;
  used_for: OsintUse | null;
  used_at: Date | null;
}

const itemColumns = sql`i.id, i.source_id, s.name as source_name, i.title, i.link, i.summary, i.published_at,
  i.fetched_at, i.status, i.used_for, i.used_at`;

export async function selectItemPage(
  db: Db,
  filter: { statuses: OsintItemStatus[]; sourceId: string | undefined },
  after: { at: string; id: string } | undefined,
  limit: number,
): Promise<OsintItemRow[]> {
  const rows = await sql<OsintItemRow>`
    select ${itemColumns} from osint_items i join osint_sources s on s.id = i.source_id
    where i.status = any(${filter.statuses}::text[])
      ${filter.sourceId ? sql`and i.source_id = ${filter.sourceId}::uuid` : sql``}
      ${after ? sql`and (i.fetched_at, i.id) < (${after.at}::timestamptz, ${after.id}::uuid)` : sql``}
    order by i.fetched_at desc, i.id desc
    limit ${limit}`.execute(db);
  return rows.rows;
}

export async function selectItem(db: Db, id: string): Promise<OsintItemRow | undefined> {
  const rows = await sql<OsintItemRow>`
    select ${itemColumns} from osint_items i join osint_sources s on s.id = i.source_id where i.id = ${id}::uuid`.execute(
    db,
  );
  return rows.rows[0];
}

export async function setItemStatus(db: Db, id: string, status: OsintItemStatus): Promise<boolean> {
  const r = await db.updateTable("osint_items").set({ status }).where("id", "=", id).returning("id").executeTakeFirst();
  return r !== undefined;
}

export async function setItemUse(db: Db, id: string, use: OsintUse, by: string | null, now: Date): Promise<boolean> {
  const r = await db
    .updateTable("osint_items")
    .set({ used_for: use, used_at: now, used_by: by, status: "read" })
    .where("id", "=", id)
    .returning("id")
    .executeTakeFirst();
  return r !== undefined;
}
