import { type Insertable, type Selectable, type Updateable, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { OrganisationsTable } from "../../platform/db/tables/constituency.js";

// SQL for organisations: rows, parents and children, the directory's search. Rules live in the use cases.

export type OrganisationRow = Selectable<OrganisationsTable>;
export type OrganisationRef = { id: string; name: string };

export async function insertOrganisation(db: Db, row: Insertable<OrganisationsTable>): Promise<OrganisationRow> {
  return db.insertInto("organisations").values(row).returningAll().executeTakeFirstOrThrow();
}

/** One organisation; `forUpdate` locks it for the caller's transaction. */
export async function selectOrganisation(
  db: Db,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<OrganisationRow | undefined> {
  let query = db.selectFrom("organisations").selectAll().where("id", "=", id);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function selectOrganisationRefs(db: Db, ids: readonly string[]): Promise<Map<string, OrganisationRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function selectChildren(db: Db, id: string): Promise<OrganisationRef[]> {
  return db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("parent_id", "=", id)
    .orderBy(sql`lower(name)`)
    .orderBy("id")
    .execute();
}

/** The organisation and every organisation below it (children, their children …), ids only. */
export async function selectOrganisationAndDescendants(db: Db, id: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    with recursive tree (id) as (
      select id from organisations where id = ${id}::uuid
      union
      select o.id from organisations o join tree t on o.parent_id = t.id
    )
    select id from tree`.execute(db);
  return result.rows.map((r) => r.id);
}

/** Writes `changes`, moves the version on and answers the new version. */
export async function updateOrganisationRow(
  db: Db,
  id: string,
  changes: Updateable<OrganisationsTable>,
  at: Date,
): Promise<number> {
  const row = await db
    .updateTable("organisations")
    .set((eb) => ({ ...changes, version: eb("version", "+", 1), updated_at: at }))
    .where("id", "=", id)
    .returning("version")
    .executeTakeFirstOrThrow();
  return row.version;
}

export interface DirectorySearch {
  /** Words matched against name and organisation number (each word a substring). */
  words: string[];
  /** The whole query, for contacts, domains and the organisation number. */
  text: string | null;
  /** An address: organisations with a network holding it. */
  address: string | null;
  /** A domain: organisations holding it or a domain above it. */
  domainSuffixes: string[];
  asn: number | null;
}

export type OrganisationListRow = OrganisationRow & {
  parent_name: string | null;
  networks: number;
  domains: number;
  contacts: number;
};

/** One page of the directory, by name (case-insensitively) then id, after `after`. */
export async function selectOrganisationPage(
  db: Db,
  search: DirectorySearch,
  after: { n: string; id: string } | undefined,
  limit: number,
): Promise<OrganisationListRow[]> {
  let query = db
    .selectFrom("organisations as o")
    .leftJoin("organisations as p", "p.id", "o.parent_id")
    .selectAll("o")
    .select((eb) => [
      "p.name as parent_name",
      eb
        .selectFrom("organisation_networks as n")
        .select(eb.fn.countAll<number>().as("c"))
        .whereRef("n.organisation_id", "=", "o.id")
        .as("networks"),
      eb
        .selectFrom("organisation_domains as d")
        .select(eb.fn.countAll<number>().as("c"))
        .whereRef("d.organisation_id", "=", "o.id")
        .as("domains"),
      eb
        .selectFrom("organisation_contacts as c")
        .select(eb.fn.countAll<number>().as("c"))
        .whereRef("c.organisation_id", "=", "o.id")
        .as("contacts"),
    ])
    .$narrowType<{ networks: number; domains: number; contacts: number }>();
  if (search.text !== null) {
    const { text, words, address, domainSuffixes, asn } = search;
    const like = `%${text.replace(/[\\%_]/g, "\\$&")}%`;
    query = query.where((eb) => {
      const any = [
        eb.and(
          words.map((w) =>
            eb.or([
              eb(sql`lower(o.name)`, "like", `%${w.replace(/[\\%_]/g, "\\$&")}%`),
              eb(sql`lower(coalesce(o.org_number, ''))`, "like", `%${w.replace(/[\\%_]/g, "\\$&")}%`),
            ]),
          ),
        ),
        eb.exists(
          eb
            .selectFrom("organisation_contacts as c")
            .select(sql`1`.as("one"))
            .whereRef("c.organisation_id", "=", "o.id")
            .where((c) => c.or([c(sql`lower(coalesce(c.name, ''))`, "like", like), c("c.email", "like", like)])),
        ),
      ];
      if (address !== null)
        any.push(
          eb.exists(
            eb
              .selectFrom("organisation_networks as n")
              .select(sql`1`.as("one"))
              .whereRef("n.organisation_id", "=", "o.id")
              .where(sql<boolean>`n.first_address <= ${address}::inet and n.last_address >= ${address}::inet`),
          ),
        );
      if (domainSuffixes.length > 0)
        any.push(
          eb.exists(
            eb
              .selectFrom("organisation_domains as d")
              .select(sql`1`.as("one"))
              .whereRef("d.organisation_id", "=", "o.id")
              .where("d.domain", "in", domainSuffixes),
          ),
        );
      if (asn !== null)
        any.push(
          eb.exists(
            eb
              .selectFrom("organisation_asns as a")
              .select(sql`1`.as("one"))
              .whereRef("a.organisation_id", "=", "o.id")
              .where("a.asn", "=", asn),
          ),
        );
      return eb.or(any);
    });
  }
  if (after) query = query.where(sql<boolean>`(lower(o.name), o.id) > (${after.n}, ${after.id}::uuid)`);
  return query
    .orderBy(sql`lower(o.name)`)
    .orderBy("o.id")
    .limit(limit)
    .execute();
}
