import type { RawBuilder, Selectable, SqlBool } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { IncidentOrganisationsTable, IncidentsTable } from "../../platform/db/tables/incidents.js";

// The registry organisations linked to an incident, and the suggestions dismissed on it (migration 0045).
// The organisation's name is read with the row (one join on the registry's table, as user names are
// read from the users table): the link is the incident's, the name the registry's, always current.

export interface IncidentOrganisationRow {
  organisation_id: string;
  organisation_name: string;
  source: IncidentOrganisationsTable["source"];
  accepted: boolean;
  added_by: string | null;
  added_at: Date;
}

export type OrganisationIncidentRow = Pick<
  Selectable<IncidentsTable>,
  "reference" | "title" | "status" | "severity" | "tlp"
> & {
  updated_at: Date;
  source: IncidentOrganisationsTable["source"];
};

/** Every link and dismissal on the incident, by the organisation's name. */
export async function selectIncidentOrganisations(db: Db, incidentId: string): Promise<IncidentOrganisationRow[]> {
  return db
    .selectFrom("incident_organisations as io")
    .innerJoin("organisations as o", "o.id", "io.organisation_id")
    .select([
      "io.organisation_id",
      "o.name as organisation_name",
      "io.source",
      "io.accepted",
      "io.added_by",
      "io.added_at",
    ])
    .where("io.incident_id", "=", incidentId)
    .orderBy("o.name")
    .orderBy("io.organisation_id")
    .execute();
}

/** The incident's row for one organisation, locked for the caller's transaction. */
export async function selectIncidentOrganisationForUpdate(
  db: Db,
  incidentId: string,
  organisationId: string,
): Promise<Pick<IncidentOrganisationRow, "source" | "accepted"> | undefined> {
  return db
    .selectFrom("incident_organisations")
    .select(["source", "accepted"])
    .where("incident_id", "=", incidentId)
    .where("organisation_id", "=", organisationId)
    .forUpdate()
    .executeTakeFirst();
}

/** The organisation's name, or undefined when the registry has no such organisation. */
export async function selectOrganisationName(db: Db, organisationId: string): Promise<string | undefined> {
  const row = await db.selectFrom("organisations").select("name").where("id", "=", organisationId).executeTakeFirst();
  return row?.name;
}

/** Writes the incident's row for the organisation (a link or a dismissal), replacing one there was. */
export async function upsertIncidentOrganisation(
  db: Db,
  row: {
    incidentId: string;
    organisationId: string;
    source: "suggested" | "manual";
    accepted: boolean;
    by: string | null;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto("incident_organisations")
    .values({
      incident_id: row.incidentId,
      organisation_id: row.organisationId,
      source: row.source,
      accepted: row.accepted,
      added_by: row.by,
      added_at: row.at,
    })
    .onConflict((oc) =>
      oc.columns(["incident_id", "organisation_id"]).doUpdateSet({
        source: row.source,
        accepted: row.accepted,
        added_by: row.by,
        added_at: row.at,
      }),
    )
    .execute();
}

/** Removes the incident's row for the organisation; answers whether there was one. */
export async function deleteIncidentOrganisation(db: Db, incidentId: string, organisationId: string): Promise<boolean> {
  const result = await db
    .deleteFrom("incident_organisations")
    .where("incident_id", "=", incidentId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * The incidents linked to the organisation (accepted links, not dismissals) that pass `visible` (the
 * TLP policy's condition on `i`), newest change first, and how many there are in all.
 */
export async function selectOrganisationIncidents(
  db: Db,
  organisationId: string,
  visible: RawBuilder<SqlBool>,
  limit: number,
): Promise<{ rows: OrganisationIncidentRow[]; total: number }> {
  const linked = db
    .selectFrom("incident_organisations as io")
    .innerJoin("incidents as i", "i.id", "io.incident_id")
    .where("io.organisation_id", "=", organisationId)
    .where("io.accepted", "=", true)
    .where(visible);
  const [rows, count] = await Promise.all([
    linked
      .select(["i.reference", "i.title", "i.status", "i.severity", "i.tlp", "i.updated_at", "io.source"])
      .orderBy("i.updated_at", "desc")
      .orderBy("i.id", "desc")
      .limit(limit)
      .execute(),
    linked.select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
