import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";

// The whole registry as the owner index needs it: one read per table, in one snapshot.

export interface RegistrySnapshot {
  organisations: { id: string; name: string }[];
  /** IPv4 ends as numbers (no text to parse for 400,000 rows), IPv6 ends as text. */
  networks: {
    id: string;
    organisation_id: string;
    first4: number | null;
    last4: number | null;
    first6: string | null;
    last6: string | null;
    label: string;
  }[];
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

/**
 * Reads everything the index holds, or only what `organisations` hold (an index's delta); `db` should be
 * a transaction (repeatable read) so the parts agree.
 */
export async function readRegistrySnapshot(db: Db, organisations?: readonly string[]): Promise<RegistrySnapshot> {
  const only = organisations === undefined ? null : [...organisations];
  if (only !== null && only.length === 0)
    return { organisations: [], networks: [], asns: [], domains: [], urlPrefixes: [], inhibitions: [] };
  const orgs = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .$if(only !== null, (q) => q.where("id", "in", only ?? []))
    .execute();
  const networks = await db
    .selectFrom("organisation_networks")
    .select([
      "id",
      "organisation_id",
      sql<number | null>`case when family(first_address) = 4 then first_address - '0.0.0.0'::inet end`.as("first4"),
      sql<number | null>`case when family(first_address) = 4 then last_address - '0.0.0.0'::inet end`.as("last4"),
      sql<string | null>`case when family(first_address) = 6 then host(first_address) end`.as("first6"),
      sql<string | null>`case when family(first_address) = 6 then host(last_address) end`.as("last6"),
      "label",
    ])
    .$if(only !== null, (q) => q.where("organisation_id", "in", only ?? []))
    .execute();
  const asns = await db
    .selectFrom("organisation_asns")
    .select(["organisation_id", "asn"])
    .$if(only !== null, (q) => q.where("organisation_id", "in", only ?? []))
    .execute();
  const domains = await db
    .selectFrom("organisation_domains")
    .select(["organisation_id", "domain"])
    .$if(only !== null, (q) => q.where("organisation_id", "in", only ?? []))
    .execute();
  const urlPrefixes = await db
    .selectFrom("organisation_url_prefixes")
    .select(["organisation_id", "prefix"])
    .$if(only !== null, (q) => q.where("organisation_id", "in", only ?? []))
    .execute();
  const inhibitions = await db
    .selectFrom("constituency_inhibitions")
    .select(["id", "organisation_id", "network_id", "classification_types", "expires_at"])
    .$if(only !== null, (q) => q.where("organisation_id", "in", only ?? []))
    .execute();
  return { organisations: orgs, networks, asns, domains, urlPrefixes, inhibitions };
}
