import { type Selectable, sql } from "kysely";
import type { Db } from "../../../platform/db/connect.js";
import type { ShareMaterial, TaxiiCollectionsTable, TaxiiStatusTable } from "../../../platform/db/tables/exchange.js";

// SQL only: TAXII collections, who may read and write each, their objects in pages, and POST statuses.

export type CollectionRow = Selectable<TaxiiCollectionsTable>;
export type StatusRow = Selectable<TaxiiStatusTable>;

/** A collection with the caller's organisation's grant on it (null: no row). */
export interface CollectionWithGrant extends CollectionRow {
  can_read: boolean | null;
  can_write: boolean | null;
}

/**
 * The collections an organisation has a grant on or is the audience of — its own, and those of the
 * forums and coordination cases it takes part in (audienceIds) — oldest first.
 */
export async function selectCollectionsFor(
  db: Db,
  organisationId: string,
  id?: string,
  audienceIds: readonly string[] = [],
): Promise<CollectionWithGrant[]> {
  let q = db
    .selectFrom("taxii_collections as c")
    .leftJoin("taxii_collection_access as a", (j) =>
      j.onRef("a.collection_id", "=", "c.id").on("a.organisation_id", "=", organisationId),
    )
    .selectAll("c")
    .select(["a.can_read", "a.can_write"])
    .where((eb) =>
      eb.or([
        eb("a.organisation_id", "is not", null),
        eb("c.organisation_id", "=", organisationId),
        ...(audienceIds.length === 0
          ? []
          : [
              eb.and([
                eb("c.audience_kind", "in", ["forum", "coordination-case"]),
                eb("c.audience_id", "in", [...audienceIds]),
              ]),
            ]),
      ]),
    )
    .orderBy("c.created_at")
    .orderBy("c.id");
  if (id !== undefined) q = q.where("c.id", "=", id);
  return q.execute();
}

/** The version filter of a request (TAXII 2.1 §3.4.2 `match[version]`). */
export type VersionMatch = { kind: "last" } | { kind: "first" } | { kind: "all" } | { kind: "at"; versions: Date[] };

export interface ObjectFilter {
  collectionId: string;
  addedAfter?: Date | undefined;
  ids?: readonly string[] | undefined;
  types?: readonly string[] | undefined;
  specVersions?: readonly string[] | undefined;
  version: VersionMatch;
}

/** Where a page starts: after this object version, in date-added order. */
export interface PageKey {
  dateAdded: string;
  objectId: string;
  version: string;
}

export interface ObjectRow {
  object_id: string;
  version: Date;
  date_added: Date;
  type: string;
  spec_version: string;
  incident_id: string | null;
  share_material: ShareMaterial | null;
  observable_id: number | null;
  added_by_organisation: string | null;
  /** The object as stored, as JSON text: served as it is, never parsed and written again. */
  body: string;
}

/**
 * Object versions matching the filter in date-added order (then id, version), after `after`, at most
 * `limit`: one keyset range on taxii_objects_page_idx, whatever the collection's size.
 */
export async function selectObjectPage(
  db: Db,
  f: ObjectFilter,
  after: PageKey | undefined,
  limit: number,
): Promise<ObjectRow[]> {
  let q = db
    .selectFrom("taxii_objects as o")
    .select([
      "o.object_id",
      "o.version",
      "o.date_added",
      "o.type",
      "o.spec_version",
      "o.incident_id",
      "o.share_material",
      "o.observable_id",
      "o.added_by_organisation",
      sql<string>`o.body::text`.as("body"),
    ])
    .where("o.collection_id", "=", f.collectionId);
  if (f.addedAfter) q = q.where("o.date_added", ">", f.addedAfter);
  if (f.ids && f.ids.length > 0) q = q.where("o.object_id", "in", [...f.ids]);
  if (f.types && f.types.length > 0) q = q.where("o.type", "in", [...f.types]);
  if (f.specVersions && f.specVersions.length > 0) q = q.where("o.spec_version", "in", [...f.specVersions]);
  const v = f.version;
  if (v.kind === "at") q = q.where("o.version", "in", v.versions);
  else if (v.kind === "last") q = q.where("o.superseded", "=", false);
  else if (v.kind === "first") {
    q = q.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("taxii_objects as n")
            .select(sql`1`.as("one"))
            .whereRef("n.collection_id", "=", "o.collection_id")
            .whereRef("n.object_id", "=", "o.object_id")
            .whereRef("n.version", "<", "o.version"),
        ),
      ),
    );
  }
  if (after)
    q = q.where(
      sql<boolean>`(o.date_added, o.object_id, o.version) > (${new Date(after.dateAdded)}, ${after.objectId}, ${new Date(after.version)})`,
    );
  return q.orderBy("o.date_added").orderBy("o.object_id").orderBy("o.version").limit(limit).execute();
}

export interface NewObjectRow {
  collection_id: string;
  object_id: string;
  version: Date;
  date_added: Date;
  type: string;
  spec_version: string;
  incident_id: string | null;
  share_material: ShareMaterial | null;
  observable_id: number | null;
  added_by_organisation: string | null;
  body: Record<string, unknown>;
}

/**
 * Stores object versions; a version already in the collection is left as it was. How many were new.
 * Run in the caller's transaction: it also marks which versions are now superseded.
 */
export async function insertObjects(db: Db, rows: readonly NewObjectRow[]): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 1000) {
    const slice = rows.slice(i, i + 1000);
    const chunk = slice.map((r) => ({ ...r, body: JSON.stringify(r.body) }));
    const res = await db
      .insertInto("taxii_objects")
      .values(chunk)
      .onConflict((oc) => oc.columns(["collection_id", "object_id", "version"]).doNothing())
      .executeTakeFirst();
    added += Number(res.numInsertedOrUpdatedRows ?? 0);
    const byCollection = new Map<string, Set<string>>();
    for (const r of slice)
      byCollection.set(r.collection_id, (byCollection.get(r.collection_id) ?? new Set()).add(r.object_id));
    for (const [collectionId, ids] of byCollection) await refreshSuperseded(db, collectionId, [...ids]);
  }
  return added;
}

/** Sets `superseded` on every version of these objects: whether a newer one is in the collection. */
export async function refreshSuperseded(db: Db, collectionId: string, objectIds: readonly string[]): Promise<void> {
  if (objectIds.length === 0) return;
  await sql`
    update taxii_objects o set superseded = exists (
      select 1 from taxii_objects n
      where n.collection_id = o.collection_id and n.object_id = o.object_id and n.version > o.version)
    where o.collection_id = ${collectionId} and o.object_id in (${sql.join(objectIds.map((id) => sql`${id}`))})`.execute(
    db,
  );
}

/** Deletes the versions of one object an organisation contributed (all, or these); how many went. */
export async function deleteContributedVersions(
  db: Db,
  collectionId: string,
  objectId: string,
  organisationId: string,
  versions: Date[] | null,
): Promise<number> {
  let q = db
    .deleteFrom("taxii_objects")
    .where("collection_id", "=", collectionId)
    .where("object_id", "=", objectId)
    .where("added_by_organisation", "=", organisationId)
    .where("incident_id", "is", null);
  if (versions) q = q.where("version", "in", versions);
  const res = await q.executeTakeFirst();
  await refreshSuperseded(db, collectionId, [objectId]);
  return Number(res.numDeletedRows);
}

export async function insertStatus(
  db: Db,
  row: Omit<StatusRow, "successes" | "failures"> & {
    successes: StatusRow["successes"];
    failures: StatusRow["failures"];
  },
): Promise<void> {
  await db
    .insertInto("taxii_status")
    .values({ ...row, successes: JSON.stringify(row.successes), failures: JSON.stringify(row.failures) })
    .execute();
}

/** A status of this organisation's, or undefined (another's is the same as none). */
export async function selectStatus(db: Db, id: string, organisationId: string): Promise<StatusRow | undefined> {
  return db
    .selectFrom("taxii_status")
    .selectAll()
    .where("id", "=", id)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}
