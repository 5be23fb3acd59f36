import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { type TaxiiContext, envelope, readPage } from "../server/features/exchange/taxii/taxii-read.js";
import { createSecretBox } from "../server/platform/auth/secret-box.js";
import { systemClock } from "../server/platform/clock.js";
import type { DatabaseHandle, Db } from "../server/platform/db/connect.js";
import { migrate } from "../server/platform/db/migrate.js";
import { onEachDatabase } from "./lib/server.js";
import { percentile } from "./lib/stats.js";

// Issue 17: "a TAXII collection of 1,000,000 objects pages at p95 < 50 ms per page of 1,000". Seeded: one
// partner collection of 1,000,000 object versions from 1,000 incidents (1,000 values each; 1 % of the
// incidents TLP:RED, so the sharing decision really withholds), added over a year. Measured: the
// service a GET …/objects/?limit=1000 runs (keyset page, every object through the sharing decision,
// the envelope serialised), walking 100 consecutive pages from the start and 100 pages from random
// added_after points. `FYR_BENCH_PGLITE=0` skips PGlite, `FYR_BENCH_POSTGRES=0` PostgreSQL; `FYR_BENCH_TAXII_OBJECTS` shrinks the seed.

const OBJECTS = Number(process.env.FYR_BENCH_TAXII_OBJECTS ?? 1_000_000);
const PER_INCIDENT = 1_000;
const ORG = "00000000-0000-4000-8000-0000000000c1";
const COLLECTION = "00000000-0000-4000-8000-0000000000c2";

async function seed(db: Db): Promise<void> {
  const incidents = Math.ceil(OBJECTS / PER_INCIDENT);
  const script = `
    insert into organisations (id, name) values ('${ORG}', 'Partner-CERT');
    insert into exchange_partners (organisation_id, max_tlp, created_at) values ('${ORG}', 'TLP:GREEN', now());
    insert into taxii_collections (id, title, audience_kind, max_tlp, created_at)
      values ('${COLLECTION}', 'Bench', 'partner', 'TLP:GREEN', now());
    insert into taxii_collection_access values ('${COLLECTION}', '${ORG}', true, false);
    insert into incidents (id, reference, title, severity, tlp, pap, created_at, updated_at)
      select md5('inc' || g)::uuid, 'FYR-INC-2026-' || lpad(g::text, 6, '0'), 'Bench', 'high',
        case when g % 100 = 0 then 'TLP:RED' else 'TLP:GREEN' end, 'PAP:GREEN', now(), now()
      from generate_series(1, ${incidents}) g;
    insert into taxii_objects (collection_id, object_id, version, date_added, type, incident_id, share_material, observable_id, body)
      select '${COLLECTION}', 'ipv4-addr--' || md5('o' || g)::uuid, timestamptz '2026-01-01',
        timestamptz '2026-01-01' + (g / ${PER_INCIDENT}) * interval '8 hours' + (g % ${PER_INCIDENT}) * interval '1 ms',
        'ipv4-addr', md5('inc' || (1 + g / ${PER_INCIDENT}))::uuid, 'value', g,
        jsonb_build_object('type', 'ipv4-addr', 'spec_version', '2.1', 'id', 'ipv4-addr--' || md5('o' || g)::uuid,
          'value', '10.' || (g >> 16) % 256 || '.' || (g >> 8) % 256 || '.' || g % 256,
          'object_marking_refs', jsonb_build_array('marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb'))
      from generate_series(0, ${OBJECTS - 1}) g;
    analyze taxii_objects;
    analyze incidents;`;
  // One statement at a time: PGlite takes no multi-statement query.
  for (const statement of script
    .split(/;\s*\n|;\s*$/)
    .map((t) => t.trim())
    .filter(Boolean))
    await sql.raw(statement).execute(db);
}

async function measure(label: string, handle: DatabaseHandle): Promise<void> {
  await migrate(handle);
  const started = performance.now();
  await seed(handle.db);
  console.log(`${label}: seeded ${OBJECTS} TAXII objects in ${Math.round(performance.now() - started)} ms`);
  const ctx: TaxiiContext = {
    db: handle.db,
    secrets: createSecretBox([randomBytes(32)]),
    clock: systemClock,
    actor: {
      kind: "user",
      userId: "00000000-0000-4000-8000-0000000000c3",
      email: "taxii@partner.example",
      name: "Partner",
      userKind: "member",
      organisationId: ORG,
      roles: ["member"],
      via: "token",
      tokenId: null,
    },
  };
  const page = async (query: { next?: string; added_after?: string }) => {
    const t = performance.now();
    const p = await readPage(ctx, COLLECTION, { limit: 1000, ...query });
    envelope(p);
    return { ms: performance.now() - t, next: p.next, n: p.rows.length };
  };
  await page({}); // warm
  const times: number[] = [];
  let next: string | undefined;
  let served = 0;
  for (let i = 0; i < 100; i++) {
    const r = await page(next ? { next } : {});
    times.push(r.ms);
    served += r.n;
    next = r.next;
  }
  const randomTimes: number[] = [];
  for (let i = 0; i < 100; i++) {
    const at = new Date(
      Date.UTC(2026, 0, 1) + Math.floor((((i * 7919) % 1000) / 1000) * (OBJECTS / PER_INCIDENT)) * 8 * 3600_000,
    );
    const r = await page({ added_after: at.toISOString() });
    randomTimes.push(r.ms);
  }
  for (const [name, t] of [
    ["consecutive", times],
    ["from added_after", randomTimes],
  ] as const) {
    t.sort((a, b) => a - b);
    console.log(
      `${label}: ${name} pages of 1,000 (${t.length}): p50 ${percentile(t, 0.5)} ms, p95 ${percentile(t, 0.95)} ms, max ${percentile(t, 1)} ms`,
    );
  }
  console.log(
    `${label}: ${served} objects served in the first 100 pages (RED incidents' withheld); load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
}

export async function taxiiPagesBench(): Promise<void> {
  console.log(
    `\nTAXII object pages (${OBJECTS} objects); load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  await onEachDatabase(measure);
}
