import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { systemActor } from "../../../platform/auth/actor.js";
import { systemClock } from "../../../platform/clock.js";
import type { Db } from "../../../platform/db/connect.js";
import type { ServiceContext } from "../../../platform/deps.js";
import { PROJECT_ROOT } from "../../../platform/paths.js";
import type { ImportFile } from "./import-files.js";

export const RIPE_FIXTURES = ["organisation", "role", "inetnum", "inet6num", "aut-num"].map((t) => `ripe.db.${t}`);

export const fixture = (name: string): Buffer =>
  readFileSync(join(PROJECT_ROOT, "server", "features", "constituency", "import", "fixtures", name));

/** A file from text or bytes, read in small chunks so every boundary case is met. */
export function fileOf(name: string, content: string | Buffer, chunk = 97): ImportFile {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return {
    name,
    async *open() {
      for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
    },
  };
}

export const ripeFixtureFiles = (replace: Record<string, string> = {}): ImportFile[] =>
  RIPE_FIXTURES.map((name) => fileOf(name, replace[name] ?? fixture(name)));

export const importCtx = (db: Db): ServiceContext => ({ db, actor: systemActor("test"), clock: systemClock });

/** What the registry holds, as short text rows, for comparing whole states. */
export async function registryOf(
  db: Db,
): Promise<{ orgs: string[]; networks: string[]; asns: string[]; contacts: string[] }> {
  const orgs = await sql<{ t: string }>`
    select o.origin || ' ' || coalesce(o.source_key, '-') || ' ' || o.name || ' ' || o.language as t
    from organisations o order by 1`.execute(db);
  const networks = await sql<{ t: string }>`
    select coalesce(o.source_key, o.name) || ' ' || n.label || ' ' || n.origin as t
    from organisation_networks n join organisations o on o.id = n.organisation_id order by 1`.execute(db);
  const asns = await sql<{ t: string }>`
    select coalesce(o.source_key, o.name) || ' AS' || a.asn || ' ' || a.origin as t
    from organisation_asns a join organisations o on o.id = a.organisation_id order by 1`.execute(db);
  const contacts = await sql<{ t: string }>`
    select coalesce(o.source_key, o.name) || ' ' || c.role || ' ' || c.email || ' ' || c.origin as t
    from organisation_contacts c join organisations o on o.id = c.organisation_id order by 1`.execute(db);
  const texts = (r: { rows: { t: string }[] }) => r.rows.map((x) => x.t);
  return { orgs: texts(orgs), networks: texts(networks), asns: texts(asns), contacts: texts(contacts) };
}
