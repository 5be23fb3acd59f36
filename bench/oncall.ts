import { loadavg } from "node:os";
import { sql } from "kysely";
import { escalationTick } from "../server/features/oncall/index.js";
import { systemClock } from "../server/platform/clock.js";
import { loadConfig } from "../server/platform/config.js";
import { openDatabase } from "../server/platform/db/connect.js";
import { migrate } from "../server/platform/db/migrate.js";
import { scratchDatabase } from "./lib/server.js";
import { percentile } from "./lib/stats.js";

// Issue 18: the escalation tick with BENCH_ONCALL_REPORTS (10,000) open reports past their target and
// 100 policies (99 for sectors, one general), on PostgreSQL. First the tick that starts all 10,000
// escalations at once (and queues their first pages); then the steady tick — every escalation open,
// BENCH_ONCALL_DUE (20) of them due each time — which is what runs every FYR_ONCALL_TICK_SECONDS.
//   npm run bench oncall (or operations-escalation; `operations` runs this and the statistics bench)

const REPORTS = Number(process.env.BENCH_ONCALL_REPORTS ?? 10_000);
const DUE = Number(process.env.BENCH_ONCALL_DUE ?? 20);
const ROUNDS = Number(process.env.BENCH_ONCALL_ROUNDS ?? 30);
const SECTORS = ["energy", "transport", "banking", "health", "drinking-water", "digital-infrastructure", "other"];

export async function oncallBench(): Promise<Record<string, number>> {
  const scratch = await scratchDatabase();
  const handle = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 4 });
  try {
    await migrate(handle);
    const db = handle.db;
    await sql`insert into reports (reference, channel, what_happened, follow_up_token_hash, received_at, tlp,
                                   organisation_sector, nis2_applies, summary)
              select 'BENCH-R-' || g, 'web', 'Bench report ' || g, md5('bench-token-' || g),
                     now() - interval '2 hours', 'TLP:AMBER', (${sql.val(SECTORS)}::text[])[1 + g % ${SECTORS.length}],
                     g % 4 = 0, 'Bench ' || g
              from generate_series(1, ${REPORTS}) g`.execute(db);
    await sql`insert into oncall_policies (id, trigger, sectors, steps, loops)
              select 'bench-' || g, 'report-overdue', array[(${sql.val(SECTORS)}::text[])[1 + g % ${SECTORS.length}] || case when g > 7 then '-' || g else '' end],
                     '[{"afterMinutes":0,"notify":"primary","channels":["email"]},{"afterMinutes":10,"notify":"backup","channels":["email"]}]', 2
              from generate_series(1, 99) g`.execute(db);
    const config = loadConfig({ FYR_LOG_LEVEL: "silent" });
    const deps = { db, clock: systemClock, config };

    let t = performance.now();
    const first = await escalationTick(deps);
    const firstMs = performance.now() - t;
    await sql`delete from jobs where name = 'oncall.page'`.execute(db);

    // Everything waits on a later step; each round DUE escalations fall due, as between two ticks in a
    // busy hour. Statistics as autovacuum keeps them (the first tick made 10,000 rows at once).
    await sql`update oncall_escalations set next_at = now() + interval '1 hour'`.execute(db);
    await sql`vacuum analyze`.execute(db);
    const times: number[] = [];
    let paged = 0;
    for (let i = 0; i < ROUNDS; i++) {
      await sql`update oncall_escalations set next_at = now() - interval '1 second'
                where id in (select id from oncall_escalations where next_at is not null
                             order by random() limit ${DUE})`.execute(db);
      t = performance.now();
      const tick = await escalationTick(deps);
      times.push(performance.now() - t);
      paged += tick.paged;
    }
    times.sort((a, b) => a - b);
    const result = {
      reports: REPORTS,
      policies: 100,
      firstTickMs: Math.round(firstMs),
      firstTickStarted: first.started,
      steadyTickP50Ms: percentile(times, 0.5),
      steadyTickP95Ms: percentile(times, 0.95),
      dueEachTick: DUE,
      pagedPerTick: paged / ROUNDS,
      load1: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    };
    console.log(JSON.stringify(result));
    return result;
  } finally {
    await handle.close();
    await scratch.drop();
  }
}
