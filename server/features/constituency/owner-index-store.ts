import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";

// The whole registry as the owner index needs it: one read per table, in one snapshot.

export interface RegistrySnapshot {
  organisations: { id: string; name: string }[];
  networks: { id: string; organisation_id: string; first: string; last: string; label: string }[];
  asns: { organisation_id: string; asn: number }[];
  domains: { organisation_id: string; domain: string }[];
  urlPrefixes: { organisation_id: string; prefix: string }[];
  inhibitions: {
    id: string;
    organisation_id: string;
    network_id: string | null;
    classification_types: string[];
    expires_at: Date | null;
  }[];
}

/** Reads everything the index holds; `db` should be a transaction (repeatable read) so the parts agree. */
export async function readRegistrySnapshot(db: Db): Promise<RegistrySnapshot> {
  const organisations = await db.selectFrom("organisations").select(["id", "name"]).execute();
  const networks = await db
    .selectFrom("organisation_networks")
    .select([
      "id",
      "organisation_id",
      sql<string>`host(first_address)`.as("first"),
      sql<string>`host(last_address)`.as("last"),
      "label",
    ])
    .execute();
  const asns = await db.selectFrom("organisation_asns").select(["organisation_id", "asn"]).execute();
  const domains = await db.selectFrom("organisation_domains").select(["organisation_id", "domain"]).execute();
  const urlPrefixes = await db.selectFrom("organisation_url_prefixes").select(["organisation_id", "prefix"]).execute();
  const inhibitions = await db
    .selectFrom("constituency_inhibitions")
    .select(["id", "organisation_id", "network_id", "classification_types", "expires_at"])
    .execute();
  return { organisations, networks, asns, domains, urlPrefixes, inhibitions };
}
