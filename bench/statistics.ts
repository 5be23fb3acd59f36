import { sql } from "kysely";
import type { StatisticsGroupBy } from "../contract/statistics.js";
import { refreshStatistics } from "../server/features/statistics/refresh.js";
import { readStatistics } from "../server/features/statistics/statistics.js";
import type { UserActor } from "../server/platform/auth/actor.js";
import { systemClock } from "../server/platform/clock.js";
import { type Db, type DatabaseHandle, openDatabase } from "../server/platform/db/connect.js";
import { withCopySession } from "../server/platform/db/copy.js";
import { migrate } from "../server/platform/db/migrate.js";
import { scratchDatabase, tempDataDir } from "./lib/server.js";
import { percentile } from "./lib/stats.js";

// Statistics for a year (issue 18: "a year of 100,000 incidents and 50,000,000 events p95 < 500 ms").
// Seeded: 100,000 incidents (1 % TLP:RED, each with a linked report, so an observer's hidden set is
// real) with their facts and 150,000 reports' facts (5 % NIS2, with deadlines) spread over 2026; the
// 50,000,000 feed events as their daily counts by type (365 days × 40 types) from 5,000 counted runs,
// plus one run still running with its events stored (200,000 on PostgreSQL, written with COPY; 50,000
// on PGlite), which every answer counts live; 20,000 notification deliveries. Then: the full answer
// (`readStatistics`, the route's service: catch-up check, totals, groups, breakdowns, NIS2, events,
// notifications) as an observer, for each grouping, alone and compared with 2025; and the refresh
// pass catching up on 2,500 incidents' histories (5,000 audit entries).
// `npm run bench operations-statistics`; FYR_BENCH_DATABASE_URL names the PostgreSQL server;
// FYR_BENCH_PGLITE=0 skips the PGlite run.

const INCIDENTS = 100_000;
const REPORTS = 150_000;
const HISTORIES = 2_500;
const ROUNDS = 5;

const observer: UserActor = {
  kind: "user",
  userId: "00000000-0000-4000-8000-0000000000aa",
  email: "observer@bench.example",
  name: "Observer",
  userKind: "staff",
  organisationId: null,
  roles: ["observer"],
  via: "token",
  tokenId: null,
};

const CLASSES =
  "'abusive-content','malicious-code','information-gathering','intrusion-attempts','intrusions','availability','information-content-security','fraud','vulnerable','other','test'";
const SECTORS =
  "'energy','transport','banking','financial','health','drinking-water','digital-infrastructure','ict-services','public-administration','manufacturing','digital-providers','research'";

async function seed(db: Db, liveEvents: number, copy: boolean): Promise<void> {
  await sql
    .raw(
      `
    insert into incidents (id, reference, title, severity, tlp, sectors, created_at, updated_at)
      select md5('inc' || g)::uuid, 'FYR-INC-B-' || g, 'Bench', (array['critical','high','medium','low'])[1 + g % 4],
        case when g % 100 = 0 then 'TLP:RED' else 'TLP:AMBER' end, '{}',
        timestamptz '2026-01-01' + (g % 365) * interval '1 day', timestamptz '2026-01-01' + (g % 365) * interval '1 day'
      from generate_series(1, ${INCIDENTS}) g;
    insert into reports (id, reference, channel, what_happened, follow_up_token_hash, received_at)
      select md5('rep' || g)::uuid, 'FYR-B-' || g, 'web', 'Bench', md5('t' || g), timestamptz '2026-01-01' + (g % 365) * interval '1 day'
      from generate_series(100, ${INCIDENTS}, 100) g;
    insert into incident_reports (incident_id, report_id, linked_at)
      select md5('inc' || g)::uuid, md5('rep' || g)::uuid, now() from generate_series(100, ${INCIDENTS}, 100) g;
    insert into statistics_case_facts (case_id, kind, started_at, severity, rsit_class, rsit_version, sectors, nis2,
        ack_seconds, first_response_seconds, containment_seconds, resolution_seconds, nis2_deadlines, refreshed_at)
      select md5('inc' || g)::uuid, 'incident', timestamptz '2026-01-01' + (g % 365) * interval '1 day' + (g % 86400) * interval '1 second',
        (array['critical','high','medium','low'])[1 + g % 4], (array[${CLASSES}])[1 + g % 11], case when g % 365 < 200 then 1003 else 1004 end,
        case when g % 7 = 0 then '{}'::text[] else array[(array[${SECTORS}])[1 + g % 12]] end, g % 20 = 0,
        (g * 37) % 3600, (g * 53) % 86400, case when g % 3 = 0 then null else (g * 71) % 604800 end,
        case when g % 5 = 0 then null else (g * 97) % 2592000 end, '[]', now()
      from generate_series(1, ${INCIDENTS}) g;
    insert into statistics_case_facts (case_id, kind, started_at, channel, severity, rsit_class, sectors, nis2, ack_seconds,
        first_response_seconds, nis2_deadlines, refreshed_at)
      select case when g % 100 = 0 and g <= ${INCIDENTS} then md5('rep' || g)::uuid else md5('fact-rep' || g)::uuid end,
        'report', timestamptz '2026-01-01' + (g % 365) * interval '1 day' + (g % 86400) * interval '1 second',
        (array['web','email','api','phone'])[1 + g % 4], (array['critical','high','medium','low'])[1 + g % 4],
        (array[${CLASSES}])[1 + g % 11], array[(array[${SECTORS}])[1 + g % 12]], g % 20 = 0, (g * 13) % 7200, (g * 29) % 86400,
        case when g % 20 = 0 then jsonb_build_array(
          jsonb_build_object('kind', 'early-warning', 'party', 'reporter', 'dueAt', '2026-06-02T00:00:00Z', 'metAt', '2026-06-01T10:00:00Z'),
          jsonb_build_object('kind', 'cert-initial-feedback', 'party', 'cert', 'dueAt', '2026-06-02T10:00:00Z',
            'metAt', case when g % 40 = 0 then '2026-06-03T00:00:00Z' else '2026-06-01T11:00:00Z' end),
          jsonb_build_object('kind', 'notification', 'party', 'reporter', 'dueAt', '2026-06-04T00:00:00Z', 'metAt', null))
        else '[]'::jsonb end, now()
      from generate_series(1, ${REPORTS}) g;
    insert into feed_sources (id, name, format) values ('00000000-0000-4000-8000-000000000001', 'bench', 'intelmq');
    insert into feed_runs (id, source_id, file_name, received_via, status, finished_at)
      select md5('run' || g)::uuid, '00000000-0000-4000-8000-000000000001', 'r.json', 'cli', 'done', now() from generate_series(1, 5000) g;
    insert into statistics_counted_runs (run_id, counted_at) select md5('run' || g)::uuid, now() from generate_series(1, 5000) g;
    insert into statistics_daily_events (day, event_type, events)
      select date '2026-01-01' + d, 'type-' || t, 3425 from generate_series(0, 364) d, generate_series(1, 40) t;
    insert into feed_runs (id, source_id, file_name, received_via, status)
      values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'live.json', 'cli', 'running');
    insert into organisations (id, name) values ('00000000-0000-4000-8000-000000000003', 'Bench');
    insert into notifications (id, reference, organisation_id, interval, language, subject, body, csv, event_count, first_event_at, last_event_at)
      select md5('n' || g)::uuid, 'N-' || g, '00000000-0000-4000-8000-000000000003', 'daily', 'sv', 's', 'b', 'c', 1, now(), now()
      from generate_series(1, 20000) g;
    insert into notification_deliveries (notification_id, recipients, created_at, bounced_at)
      select md5('n' || g)::uuid, array['abuse@example.se'], timestamptz '2026-01-01' + (g % 365) * interval '1 day',
        case when g % 50 = 0 then now() end
      from generate_series(1, 20000) g;
    -- Histories for the refresh pass: opened, resolved a day later, each step in the audit trail.
    insert into incident_events (incident_id, kind, occurred_at, recorded_at, data)
      select md5('inc' || g)::uuid, 'created', timestamptz '2026-03-01', timestamptz '2026-03-01', '{"severity":"high"}'::jsonb
      from generate_series(1, ${HISTORIES}) g
      union all
      select md5('inc' || g)::uuid, 'status', timestamptz '2026-03-02', timestamptz '2026-03-02', '{"from":"open","to":"resolved"}'::jsonb
      from generate_series(1, ${HISTORIES}) g;
    insert into audit_log (at, actor, action, target_type, target_id, diff)
      select now(), 'bench', a, 'incident', 'FYR-INC-B-' || g, '{}' from generate_series(1, ${HISTORIES}) g,
        unnest(array['incident.created', 'incident.updated']) a;
    analyze;`,
    )
    .execute(db);
  const line = (n: number) =>
    `2026-12-${String(1 + (n % 28)).padStart(2, "0")} 10:00:00+00\t00000000-0000-4000-8000-000000000002\t00000000-0000-4000-8000-000000000001\tvulnerable\tlive-${n % 12}\t{}\n`;
  const copied =
    copy &&
    (await withCopySession(db, (s) =>
      s.copyIn(
        "copy feed_events (time_source, run_id, source_id, classification_taxonomy, classification_type, fields) from stdin",
        Array.from({ length: liveEvents }, (_, n) => line(n)).join(""),
      ),
    ));
  if (!copied)
    await sql
      .raw(
        `insert into feed_events (time_source, run_id, source_id, classification_taxonomy, classification_type, fields)
       select timestamptz '2026-12-01 10:00:00+00' + (g % 28) * interval '1 day', '00000000-0000-4000-8000-000000000002',
         '00000000-0000-4000-8000-000000000001', 'vulnerable', 'live-' || (g % 12), '{}' from generate_series(1, ${liveEvents}) g;
       analyze feed_events;`,
      )
      .execute(db);
}

async function measure(label: string, handle: DatabaseHandle, liveEvents: number): Promise<void> {
  const db = handle.db;
  await migrate(handle);
  // Everything before the seed is history the pass has read (the seeded histories come after).
  await refreshStatistics(db, systemClock);
  let started = performance.now();
  await seed(db, liveEvents, handle.kind === "postgres");
  console.log(`${label}: seeded in ${Math.round(performance.now() - started)} ms`);

  started = performance.now();
  const read = await refreshStatistics(db, systemClock);
  const catchUp = performance.now() - started;
  console.log(
    `${label}: refresh caught up on ${read} audit entries (${HISTORIES} incidents) in ${Math.round(catchUp)} ms`,
  );

  const ctx = { db, clock: systemClock, actor: observer };
  const groupings: StatisticsGroupBy[] = ["month", "class", "sector", "severity"];
  for (const compare of ["none", "previous"] as const) {
    const times: number[] = [];
    let sample = { incidents: 0, events: 0, reports: 0 };
    for (let round = 0; round < ROUNDS; round++)
      for (const groupBy of groupings) {
        const t = performance.now();
        sample = await readStatistics(ctx, { from: "2026-01-01", to: "2027-01-01", groupBy, compare, format: "json" });
        times.push(performance.now() - t);
      }
    times.sort((a, b) => a - b);
    console.log(
      `${label}: a year, compare=${compare}, ${times.length} answers: p50 ${percentile(times, 0.5)} ms, p95 ${percentile(times, 0.95)} ms, max ${percentile(times, 1)} ms (observer sees ${sample.incidents} incidents, ${sample.reports} reports, ${sample.events} events)`,
    );
  }
}

export async function statisticsBench(): Promise<void> {
  console.log("\noperations-statistics");
  const scratch = await scratchDatabase();
  const pg = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 8 });
  try {
    await measure("PostgreSQL", pg, 200_000);
  } finally {
    await pg.close();
    await scratch.drop();
  }
  if (process.env.FYR_BENCH_PGLITE === "0") return;
  const lite = await openDatabase({ kind: "pglite", dataDir: tempDataDir() });
  try {
    await measure("PGlite", lite, 50_000);
  } finally {
    await lite.close();
  }
}
