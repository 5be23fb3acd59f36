import { sql } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { tagVisibleSql } from "../../platform/tlp.js";

// SQL for tags on values. Every read filters through the TLP policy (tagVisibleSql): a tag is seen only
// by whoever sees one of the cases it was given on. Fyr itself, tagging on its own behalf, sees them all
// (`viewer` null), so it replaces and keeps tags as they are.

/** Who a read is for: an actor (through the policy), or null for Fyr itself (every tag). */
export type TagViewer = Actor | null;

const seenBy = (viewer: TagViewer) => (viewer === null ? sql<boolean>`true` : tagVisibleSql(viewer, "t"));

/** The tags on these values the actor may see, each value's sorted; values without any are absent. */
export async function selectTagNames(db: Db, actor: Actor, ids: readonly number[]): Promise<Map<number, string[]>> {
  const byValue = new Map<number, string[]>();
  if (ids.length === 0) return byValue;
  const rows = await sql<{ id: number; tags: string[] }>`select t.observable_id as id,
      array_agg(t.tag order by t.tag) as tags
    from observable_tags t
    where t.observable_id = any(${ids}::int8[]) and ${tagVisibleSql(actor, "t")}
    group by t.observable_id`.execute(db);
  for (const r of rows.rows) byValue.set(Number(r.id), r.tags);
  return byValue;
}

export interface ValueTagRow {
  tag: string;
  added_at: Date;
  user_name: string | null;
  added_by_system: string | null;
}

/** The tags on one value the actor may see, with who added each (a person's name, or what in Fyr). */
export async function selectValueTags(db: Db, actor: Actor, id: number): Promise<ValueTagRow[]> {
  const rows = await sql<ValueTagRow>`select t.tag, t.added_at, u.name as user_name, t.added_by_system
    from observable_tags t left join users u on u.id = t.added_by
    where t.observable_id = ${id} and ${tagVisibleSql(actor, "t")}
    order by t.tag`.execute(db);
  return rows.rows;
}

/** The tag on the value: absent, or present and whether the actor may see it. */
export async function selectTagState(
  db: Db,
  viewer: TagViewer,
  id: number,
  tag: string,
): Promise<"absent" | "seen" | "hidden"> {
  const rows = await sql<{ seen: boolean }>`select ${seenBy(viewer)} as seen
    from observable_tags t where t.observable_id = ${id} and t.tag = ${tag}`.execute(db);
  const row = rows.rows[0];
  return row === undefined ? "absent" : row.seen ? "seen" : "hidden";
}

/** The tags on the value starting with `prefix` (a taxonomy's, `tlp:`) that the viewer may see. */
export async function selectSeenTagsLike(db: Db, viewer: TagViewer, id: number, prefix: string): Promise<string[]> {
  const rows = await sql<{ tag: string }>`select t.tag from observable_tags t
    where t.observable_id = ${id} and starts_with(t.tag, ${prefix}) and ${seenBy(viewer)}
    order by t.tag`.execute(db);
  return rows.rows.map((r) => r.tag);
}

export interface TagWrite {
  id: number;
  tag: string;
  by: { userId: string } | { system: string };
  at: Date;
  /** Make it the writer's (author and time), as if new: it was absent, or hidden from them. */
  asNew: boolean;
}

/** Stores the tag (as new, or keeping who gave it first) without touching its cases. */
export async function upsertTag(db: Db, w: TagWrite): Promise<void> {
  const [userId, system] = "userId" in w.by ? [w.by.userId, null] : [null, w.by.system];
  const update = w.asNew
    ? sql`do update set added_by = excluded.added_by, added_by_system = excluded.added_by_system,
          added_at = excluded.added_at`
    : sql`do nothing`;
  await sql`insert into observable_tags (observable_id, tag, added_by, added_by_system, added_at)
    values (${w.id}, ${w.tag}, ${userId}::uuid, ${system}, ${w.at})
    on conflict (observable_id, tag) ${update}`.execute(db);
}

/**
 * Adds cases to those the tag was given on: `caseIds` as named, or else every case holding the value
 * now (like a verdict's, whoever may see them: the tag is theirs too).
 */
export async function addTagCases(db: Db, id: number, tag: string, caseIds?: readonly string[]): Promise<void> {
  const cases =
    caseIds === undefined
      ? sql`select distinct s.case_id from sightings s where s.observable_id = ${id}`
      : sql`select distinct unnest(${caseIds}::uuid[])`;
  await sql`insert into observable_tag_cases (observable_id, tag, case_id)
    select ${id}, ${tag}, c.case_id from (${cases}) as c(case_id)
    on conflict do nothing`.execute(db);
}

/** Removes tags from the value, with their cases. */
export async function deleteTags(db: Db, id: number, tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  await db.deleteFrom("observable_tags").where("observable_id", "=", id).where("tag", "in", tags).execute();
}
