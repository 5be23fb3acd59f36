import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";

// Organisations' declared products, the products the imported data names (the picker), the match of a
// KEV entry's products against the declarations, and the notices already sent.

export interface OrganisationProductRow {
  id: string;
  organisation_id: string;
  vendor: string;
  product: string;
  cpe: string | null;
  created_at: Date;
}

export function selectOrganisationProducts(db: Db, organisationId: string): Promise<OrganisationProductRow[]> {
  return db
    .selectFrom("organisation_products")
    .select(["id", "organisation_id", "vendor", "product", "cpe", "created_at"])
    .where("organisation_id", "=", organisationId)
    .orderBy("vendor_key")
    .orderBy("product_key")
    .execute();
}

/** Inserts a declaration; undefined when the organisation declares that product already. */
export async function insertOrganisationProduct(
  db: Db,
  row: {
    organisationId: string;
    vendor: string;
    product: string;
    cpe: string | null;
    vendorKey: string;
    productKey: string;
    createdBy: string | null;
  },
): Promise<OrganisationProductRow | undefined> {
  return db
    .insertInto("organisation_products")
    .values({
      organisation_id: row.organisationId,
      vendor: row.vendor,
      product: row.product,
      cpe: row.cpe,
      vendor_key: row.vendorKey,
      product_key: row.productKey,
      created_by: row.createdBy,
    })
    .onConflict((oc) => oc.columns(["organisation_id", "vendor_key", "product_key"]).doNothing())
    .returning(["id", "organisation_id", "vendor", "product", "cpe", "created_at"])
    .executeTakeFirst();
}

export function deleteOrganisationProduct(
  db: Db,
  organisationId: string,
  id: string,
): Promise<OrganisationProductRow | undefined> {
  return db
    .deleteFrom("organisation_products")
    .where("organisation_id", "=", organisationId)
    .where("id", "=", id)
    .returning(["id", "organisation_id", "vendor", "product", "cpe", "created_at"])
    .executeTakeFirst();
}

export interface KnownProductRow {
  vendor: string;
  product: string;
  cpe: string | null;
}

/** Picker: products whose vendor or product key starts with the folded words (each word must match). */
export async function searchKnownProducts(db: Db, words: readonly string[], limit: number): Promise<KnownProductRow[]> {
  let q = db.selectFrom("known_products").select(["vendor", "product", "cpe"]);
  for (const w of words) {
    const prefix = `${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const inside = `%\\_${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb("vendor_key", "like", prefix),
        eb("product_key", "like", prefix),
        eb("vendor_key", "like", inside),
        eb("product_key", "like", inside),
      ]),
    );
  }
  return q.orderBy("vendor_key").orderBy("product_key").limit(limit).execute();
}

/** A product a KEV entry (or its CVE record) names, by CVE. */
export interface NamedProduct {
  cve: string;
  vendorKey: string;
  productKey: string;
}

export interface ProductMatchRow {
  organisation_id: string;
  cve: string;
  declared: string[];
}

/**
 * The organisations declaring a product one of these CVEs names (a declaration of product "*" covers
 * the vendor's every product), leaving out those already told about that CVE.
 */
export async function selectProductMatches(db: Db, named: readonly NamedProduct[]): Promise<ProductMatchRow[]> {
  if (named.length === 0) return [];
  const rows = await sql<ProductMatchRow>`
    select op.organisation_id, n.cve, array_agg(distinct op.vendor || ' ' || op.product) as declared
    from unnest(${named.map((n) => n.cve)}::text[], ${named.map((n) => n.vendorKey)}::text[],
      ${named.map((n) => n.productKey)}::text[]) as n(cve, vendor_key, product_key)
    join organisation_products op on op.vendor_key = n.vendor_key
      and (op.product_key = n.product_key or op.product_key = '*')
    where not exists (select 1 from product_notices pn where pn.organisation_id = op.organisation_id and pn.cve = n.cve)
    group by op.organisation_id, n.cve
    order by n.cve, op.organisation_id`.execute(db);
  return rows.rows;
}

/** The affected products of CVE records already imported, for the match. */
export async function selectAffectedOf(
  db: Db,
  cves: readonly string[],
): Promise<{ cve: string; vendor: string; product: string; cpes: string[] }[]> {
  if (cves.length === 0) return [];
  const rows = await sql<{ cve: string; vendor: string | null; product: string | null; cpes: string[] | null }>`
    select v.cve, a->>'vendor' as vendor, a->>'product' as product,
      array(select jsonb_array_elements_text(coalesce(a->'cpes', '[]'::jsonb))) as cpes
    from vulnerabilities v cross join lateral jsonb_array_elements(v.affected) a
    where v.cve = any(${[...cves]}::text[])`.execute(db);
  return rows.rows.map((r) => ({ cve: r.cve, vendor: r.vendor ?? "", product: r.product ?? "", cpes: r.cpes ?? [] }));
}

/** Records that the organisation was told about the CVE; false when it already was (another process). */
export async function insertProductNotice(
  db: Db,
  organisationId: string,
  cve: string,
  mailId: string | null,
): Promise<boolean> {
  const row = await db
    .insertInto("product_notices")
    .values({ organisation_id: organisationId, cve, mail_id: mailId })
    .onConflict((oc) => oc.columns(["organisation_id", "cve"]).doNothing())
    .returning("cve")
    .executeTakeFirst();
  return row !== undefined;
}

/** The first mail that carried the notice (the outbox row says whether it went). */
export async function setProductNoticeMail(db: Db, organisationId: string, cve: string, mailId: string): Promise<void> {
  await db
    .updateTable("product_notices")
    .set({ mail_id: mailId })
    .where("organisation_id", "=", organisationId)
    .where("cve", "=", cve)
    .where("mail_id", "is", null)
    .execute();
}

export function selectNoticesOf(db: Db, organisationId: string): Promise<{ cve: string; sent_at: Date }[]> {
  return db
    .selectFrom("product_notices")
    .select(["cve", "sent_at"])
    .where("organisation_id", "=", organisationId)
    .orderBy("sent_at", "desc")
    .limit(50)
    .execute();
}

/** The organisations declaring a product an advisory names, with what they declared (one row each). */
export async function selectAdvisoryMatches(
  db: Db,
  named: readonly ProductKeysOf[],
): Promise<{ organisation_id: string; declared: string[] }[]> {
  if (named.length === 0) return [];
  const rows = await sql<{ organisation_id: string; declared: string[] }>`
    select op.organisation_id, array_agg(distinct op.vendor || ' ' || op.product) as declared
    from unnest(${named.map((n) => n.vendorKey)}::text[], ${named.map((n) => n.productKey)}::text[])
      as n(vendor_key, product_key)
    join organisation_products op on op.vendor_key = n.vendor_key
      and (op.product_key = n.product_key or op.product_key = '*')
    group by op.organisation_id
    order by op.organisation_id`.execute(db);
  return rows.rows;
}
type ProductKeysOf = Omit<NamedProduct, "cve">;

/** Records that the organisation was told about this revision; false when it already was. */
export async function insertAdvisoryNotice(
  db: Db,
  key: { organisationId: string; advisoryId: string; revision: number },
): Promise<boolean> {
  const row = await db
    .insertInto("advisory_product_notices")
    .values({ organisation_id: key.organisationId, advisory_id: key.advisoryId, revision: key.revision })
    .onConflict((oc) => oc.columns(["organisation_id", "advisory_id", "revision"]).doNothing())
    .returning("revision")
    .executeTakeFirst();
  return row !== undefined;
}

export async function setAdvisoryNoticeMail(
  db: Db,
  key: { organisationId: string; advisoryId: string; revision: number },
  mailId: string,
): Promise<void> {
  await db
    .updateTable("advisory_product_notices")
    .set({ mail_id: mailId })
    .where("organisation_id", "=", key.organisationId)
    .where("advisory_id", "=", key.advisoryId)
    .where("revision", "=", key.revision)
    .where("mail_id", "is", null)
    .execute();
}
