import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { buildMispFeed, partnerMispFeed } from "../server/features/exchange/misp-feed.js";
import type { Audience } from "../server/features/sharing/index.js";
import type { DatabaseHandle, Db } from "../server/platform/db/connect.js";
import { migrate } from "../server/platform/db/migrate.js";
import { onEachDatabase } from "./lib/server.js";
import { percentile } from "./lib/stats.js";

// Issue 17: "the MISP feed manifest for 10,000 events < 200 ms (cached, invalidated on change)". Seeded:
// 10,000 incidents (1 % TLP:RED, so the decision withholds) with 5 values each. Measured: the manifest
// as the route serves it — cold (the cache just invalidated by a change: the whole feed through the
// sharing decision, then serialised) and cached (the change counter read, the serialised manifest
// returned). `FYR_BENCH_PGLITE=0` skips PGlite, `FYR_BENCH_POSTGRES=0` PostgreSQL.

const EVENTS = Number(process.env.FYR_BENCH_MISP_EVENTS ?? 10_000);
const VALUES = 5;
const ORG = "00000000-0000-4000-8000-0000000000d1";
const audience: Audience = { kind: "partner", organisationId: ORG, maxTlp: "TLP:GREEN" };

async function seed(db: Db): Promise<void> {
  const script = `
    insert into organisations (id, name) values ('${ORG}', 'Partner-CERT');
    insert into exchange_partners (organisation_id, max_tlp, created_at) values ('${ORG}', 'TLP:GREEN', now());
    insert into incidents (id, reference, title, severity, tlp, pap, created_at, updated_at)
      select md5('inc' || g)::uuid, 'FYR-INC-2026-' || lpad(g::text, 6, '0'), 'Bench ' || g, 'high',
        case when g % 100 = 0 then 'TLP:RED' else 'TLP:GREEN' end, 'PAP:GREEN',
        timestamptz '2026-01-01' + g * interval '1 minute', now()
      from generate_series(1, ${EVENTS}) g;
    insert into observables (type, value)
      select 'ipv4', '10.' || (g >> 16) % 256 || '.' || (g >> 8) % 256 || '.' || g % 256
      from generate_series(0, ${EVENTS * VALUES - 1}) g;
    insert into sightings (observable_id, case_kind, case_id, origin, origin_id, seen_at)
      select o.id, 'incident', md5('inc' || (1 + (o.id - 1) / ${VALUES}))::uuid, 'manual',
        md5('inc' || (1 + (o.id - 1) / ${VALUES}))::uuid, now()
      from observables o;
    analyze`;
  for (const statement of script
    .split(/;\s*\n|;\s*$/)
    .map((t) => t.trim())
    .filter(Boolean))
    await sql.raw(statement).execute(db);
}

async function measure(label: string, handle: DatabaseHandle): Promise<void> {
  await migrate(handle);
  const db = handle.db;
  await seed(db);
  const producer = "cert.example";
  const manifest = async () => (await partnerMispFeed(db, audience, producer)).text("manifest");
  const entries = Object.keys(JSON.parse(await manifest()) as object).length;
  const cold: number[] = [];
  const cached: number[] = [];
  for (let run = 0; run < 10; run++) {
    // A change (one incident's TLP) invalidates the cache: the next manifest is built afresh.
    await sql`update incidents set tlp = ${run % 2 === 0 ? "TLP:AMBER" : "TLP:GREEN"}
      where id = md5('inc1')::uuid`.execute(db);
    let t = performance.now();
    await manifest();
    cold.push(performance.now() - t);
    for (let i = 0; i < 20; i++) {
      t = performance.now();
      await manifest();
      cached.push(performance.now() - t);
    }
  }
  const t = performance.now();
  await buildMispFeed(db, audience, producer);
  const buildOnly = Math.round(performance.now() - t);
  for (const [name, times] of [
    ["cold (after a change)", cold],
    ["cached", cached],
  ] as const) {
    times.sort((a, b) => a - b);
    console.log(
      `${label}: manifest of ${entries} events, ${name} (${times.length}): p50 ${percentile(times, 0.5)} ms, p95 ${percentile(times, 0.95)} ms, max ${percentile(times, 1)} ms`,
    );
  }
  console.log(
    `${label}: the feed built without serialising ${buildOnly} ms; load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
}

export async function mispFeedBench(): Promise<void> {
  console.log(`\nMISP feed manifest (${EVENTS} incidents × ${VALUES} values)`);
  await onEachDatabase(measure);
}
