import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { ContactRow } from "./contacts-store.js";
import type { OrganisationRow } from "./organisations-store.js";

// The directory export's reads: organisations in name order, a batch at a time, with their holdings'
// labels and their contacts.

export type DirectoryRow = OrganisationRow & { networks: string[]; domains: string[]; asns: number[] };

export async function selectDirectoryBatch(
  db: Db,
  after: { n: string; id: string } | undefined,
  limit: number,
): Promise<{ organisations: DirectoryRow[]; contacts: ContactRow[] }> {
  let query = db
    .selectFrom("organisations as o")
    .selectAll("o")
    .select([
      sql<
        string[]
      >`array(select n.label from organisation_networks n where n.organisation_id = o.id order by n.first_address, n.last_address)`.as(
        "networks",
      ),
      sql<
        string[]
      >`array(select d.domain from organisation_domains d where d.organisation_id = o.id order by d.domain)`.as(
        "domains",
      ),
      sql<number[]>`array(select a.asn from organisation_asns a where a.organisation_id = o.id order by a.asn)`.as(
        "asns",
      ),
    ]);
  if (after) query = query.where(sql<boolean>`(lower(o.name), o.id) > (${after.n}, ${after.id}::uuid)`);
  const organisations = await query
    .orderBy(sql`lower(o.name)`)
    .orderBy("o.id")
    .limit(limit)
    .execute();
  const contacts =
    organisations.length === 0
      ? []
      : await db
          .selectFrom("organisation_contacts")
          .selectAll()
          .where(
            "organisation_id",
            "in",
            organisations.map((o) => o.id),
          )
          .orderBy("role")
          .orderBy("email")
          .execute();
  return { organisations, contacts };
}
