import type { Insertable, Updateable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { MispFeedSourcesTable } from "../../platform/db/tables/misp.js";

// SQL only: the partner MISP feeds Fyr pulls.

export interface MispFeedSourceRow {
  id: string;
  name: string;
  url: string;
  incident_id: string;
  reference: string;
  organisation_id: string | null;
  enabled: boolean;
  last_pulled_at: Date | null;
  last_error: string | null;
}

const sources = (db: Db) =>
  db
    .selectFrom("misp_feed_sources as s")
    .innerJoin("incidents as i", "i.id", "s.incident_id")
    .select([
      "s.id",
      "s.name",
      "s.url",
      "s.incident_id",
      "i.reference",
      "s.organisation_id",
      "s.enabled",
      "s.last_pulled_at",
      "s.last_error",
    ]);

export async function insertSource(db: Db, row: Insertable<MispFeedSourcesTable>): Promise<void> {
  await db.insertInto("misp_feed_sources").values(row).execute();
}

export async function selectSources(db: Db): Promise<MispFeedSourceRow[]> {
  return sources(db).orderBy("s.created_at").execute();
}

export async function selectSource(db: Db, id: string): Promise<MispFeedSourceRow | undefined> {
  return sources(db).where("s.id", "=", id).executeTakeFirst();
}

export async function selectEnabledSources(db: Db): Promise<MispFeedSourceRow[]> {
  return sources(db).where("s.enabled", "=", true).orderBy("s.created_at").execute();
}

export async function updateSource(db: Db, id: string, set: Updateable<MispFeedSourcesTable>): Promise<void> {
  await db.updateTable("misp_feed_sources").set(set).where("id", "=", id).execute();
}
