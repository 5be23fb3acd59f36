import { type Insertable, type Selectable, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type {
  ConstituencyInhibitionsTable,
  OrganisationAsnsTable,
  OrganisationDomainsTable,
  OrganisationNetworksTable,
  OrganisationUrlPrefixesTable,
} from "../../platform/db/tables/constituency.js";

// SQL for what an organisation owns (networks, AS numbers, domains, URL prefixes) and its inhibitions.

export type NetworkRow = Selectable<OrganisationNetworksTable>;
export type AsnRow = Selectable<OrganisationAsnsTable>;
export type DomainRow = Selectable<OrganisationDomainsTable>;
export type UrlPrefixRow = Selectable<OrganisationUrlPrefixesTable>;
export type InhibitionRow = Selectable<ConstituencyInhibitionsTable> & {
  network_label: string | null;
  created_by_name: string | null;
};

/** The holding tables, by the kind a route names. */
export const HOLDING_TABLES = {
  network: "organisation_networks",
  asn: "organisation_asns",
  domain: "organisation_domains",
  urlPrefix: "organisation_url_prefixes",
} as const;
export type HoldingKind = keyof typeof HOLDING_TABLES;

function networks(db: Db) {
  // host(): the address without its /32 or /128, the same text on pg and PGlite.
  return db
    .selectFrom("organisation_networks as n")
    .select([
      "n.id",
      "n.organisation_id",
      "n.label",
      "n.origin",
      "n.source",
      "n.source_key",
      "n.imported_at",
      "n.edited_at",
      "n.created_at",
      sql<string>`host(n.first_address)`.as("first_address"),
      sql<string>`host(n.last_address)`.as("last_address"),
    ]);
}

export async function selectNetworks(db: Db, organisationId: string): Promise<NetworkRow[]> {
  return networks(db)
    .where("n.organisation_id", "=", organisationId)
    .orderBy(sql`n.first_address`)
    .orderBy(sql`n.last_address`)
    .execute();
}

/** Inserts the networks the organisation does not hold yet (same range); answers those inserted. */
export async function insertNetworks(db: Db, rows: Insertable<OrganisationNetworksTable>[]): Promise<NetworkRow[]> {
  if (rows.length === 0) return [];
  const inserted: NetworkRow[] = [];
  for (const row of rows) {
    const held = await db
      .selectFrom("organisation_networks")
      .select("id")
      .where("organisation_id", "=", row.organisation_id)
      .where(sql<boolean>`first_address = ${row.first_address}::inet and last_address = ${row.last_address}::inet`)
      .executeTakeFirst();
    if (held) continue;
    const { id } = await db.insertInto("organisation_networks").values(row).returning("id").executeTakeFirstOrThrow();
    const stored = await networks(db).where("n.id", "=", id).executeTakeFirstOrThrow();
    inserted.push(stored);
  }
  return inserted;
}

/** Other organisations holding exactly these ranges: network id → claimants. */
export async function selectOtherClaims(
  db: Db,
  organisationId: string,
): Promise<Map<string, { id: string; name: string }[]>> {
  const rows = await db
    .selectFrom("organisation_networks as mine")
    .innerJoin("organisation_networks as other", (j) =>
      j
        .onRef("other.first_address", "=", "mine.first_address")
        .onRef("other.last_address", "=", "mine.last_address")
        .onRef("other.organisation_id", "<>", "mine.organisation_id"),
    )
    .innerJoin("organisations as o", "o.id", "other.organisation_id")
    .select(["mine.id as network_id", "o.id", "o.name"])
    .where("mine.organisation_id", "=", organisationId)
    .orderBy("o.name")
    .execute();
  const out = new Map<string, { id: string; name: string }[]>();
  for (const r of rows) out.set(r.network_id, [...(out.get(r.network_id) ?? []), { id: r.id, name: r.name }]);
  return out;
}

export async function selectAsns(db: Db, organisationId: string): Promise<AsnRow[]> {
  return db
    .selectFrom("organisation_asns")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("asn")
    .execute();
}

export async function selectDomains(db: Db, organisationId: string): Promise<DomainRow[]> {
  return db
    .selectFrom("organisation_domains")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("domain")
    .execute();
}

export async function selectUrlPrefixes(db: Db, organisationId: string): Promise<UrlPrefixRow[]> {
  return db
    .selectFrom("organisation_url_prefixes")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("prefix")
    .execute();
}

/** Inserts AS numbers the organisation does not hold yet; answers those inserted. */
export async function insertAsns(db: Db, rows: Insertable<OrganisationAsnsTable>[]): Promise<AsnRow[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto("organisation_asns")
    .values(rows)
    .onConflict((oc) => oc.columns(["organisation_id", "asn"]).doNothing())
    .returningAll()
    .execute();
}

export async function insertDomains(db: Db, rows: Insertable<OrganisationDomainsTable>[]): Promise<DomainRow[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto("organisation_domains")
    .values(rows)
    .onConflict((oc) => oc.columns(["organisation_id", "domain"]).doNothing())
    .returningAll()
    .execute();
}

export async function insertUrlPrefixes(
  db: Db,
  rows: Insertable<OrganisationUrlPrefixesTable>[],
): Promise<UrlPrefixRow[]> {
  if (rows.length === 0) return [];
  return db
    .insertInto("organisation_url_prefixes")
    .values(rows)
    .onConflict((oc) => oc.columns(["organisation_id", "prefix"]).doNothing())
    .returningAll()
    .execute();
}

/** Deletes one holding of the organisation; answers what it was (undefined: none such). */
export async function deleteHolding(
  db: Db,
  kind: HoldingKind,
  organisationId: string,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  return db
    .deleteFrom(HOLDING_TABLES[kind])
    .where("organisation_id", "=", organisationId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

function inhibitions(db: Db) {
  return db
    .selectFrom("constituency_inhibitions as i")
    .leftJoin("organisation_networks as n", "n.id", "i.network_id")
    .leftJoin("users as u", "u.id", "i.created_by")
    .selectAll("i")
    .select(["n.label as network_label", "u.name as created_by_name"]);
}

export async function selectInhibitions(db: Db, organisationId: string): Promise<InhibitionRow[]> {
  return inhibitions(db)
    .where("i.organisation_id", "=", organisationId)
    .orderBy("i.created_at")
    .orderBy("i.id")
    .execute();
}

export async function insertInhibition(db: Db, row: Insertable<ConstituencyInhibitionsTable>): Promise<InhibitionRow> {
  const { id } = await db.insertInto("constituency_inhibitions").values(row).returning("id").executeTakeFirstOrThrow();
  return inhibitions(db).where("i.id", "=", id).executeTakeFirstOrThrow();
}

export async function deleteInhibition(db: Db, organisationId: string, id: string): Promise<boolean> {
  const row = await db
    .deleteFrom("constituency_inhibitions")
    .where("organisation_id", "=", organisationId)
    .where("id", "=", id)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export interface DoubleClaimRow {
  first_address: string;
  last_address: string;
  label: string;
  claims: { networkId: string; organisationId: string; name: string; origin: "manual" | "automatic" }[];
}

/** Ranges held exactly by two or more organisations, in address order after `after`. */
export async function selectDoubleClaims(
  db: Db,
  after: { f: string; l: string } | undefined,
  limit: number,
): Promise<DoubleClaimRow[]> {
  const afterSql = after ? sql`where (n.first_address, n.last_address) > (${after.f}::inet, ${after.l}::inet)` : sql``;
  const result = await sql<DoubleClaimRow>`
    select host(n.first_address) as first_address, host(n.last_address) as last_address, min(n.label) as label,
      json_agg(json_build_object('networkId', n.id, 'organisationId', o.id, 'name', o.name, 'origin', n.origin)
        order by o.name, o.id) as claims
    from organisation_networks n join organisations o on o.id = n.organisation_id
    ${afterSql}
    group by n.first_address, n.last_address
    having count(distinct n.organisation_id) > 1
    order by n.first_address, n.last_address
    limit ${limit}`.execute(db);
  return result.rows.map((r) => ({
    ...r,
    claims: typeof r.claims === "string" ? (JSON.parse(r.claims) as DoubleClaimRow["claims"]) : r.claims,
  }));
}
