import { sql } from "kysely";
import * as openpgp from "openpgp";
import { runDueNotifications } from "../server/features/notifications/run-notifications.js";
import { systemActor } from "../server/platform/auth/actor.js";
import { systemClock } from "../server/platform/clock.js";
import { openDatabase } from "../server/platform/db/connect.js";
import { migrate } from "../server/platform/db/migrate.js";
import { scratchDatabase } from "./lib/server.js";

// Digests for 10,000 organisations (issue 15: "built in < 60 s") on PostgreSQL: each organisation holds
// a /24 and an abuse contact (a tenth with an OpenPGP key, so those digests are encrypted); a finished
// feed run holds 5 events per organisation (50,000). One pass collects the run, decides (send now: every
// interval due) and makes every digest — numbered, CSV written, signed with an Ed25519 CERT key (and
// encrypted where a key is known), queued in the outbox with its job and audit entry. Sending itself is
// the mail job's, not measured here. Ceiling, in the same run: 10,000 one-row transactions (begin,
// insert, commit) on the same pool — the round trips a digest per transaction cannot avoid.
// `npm run bench notifications`; FYR_BENCH_DATABASE_URL names the PostgreSQL server.

const ORGS = Number(process.env.BENCH_ORGS ?? 10_000);
const EVENTS_PER_ORG = 5;
const KEYED_EVERY = 10;

export async function notificationsBench(): Promise<void> {
  const scratch = await scratchDatabase();
  const handle = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 5 });
  try {
    await migrate(handle);
    const db = handle.db;
    const date = new Date(Date.now() - 86_400_000);
    const [cert, contactKey] = await Promise.all([
      openpgp.generateKey({ userIDs: [{ name: "CERT", email: "cert@bench.example" }], format: "object", date }),
      openpgp.generateKey({ userIDs: [{ name: "Abuse", email: "abuse@bench.example" }], format: "object", date }),
    ]);
    console.log(`\nnotifications: seeding ${ORGS} organisations, ${ORGS * EVENTS_PER_ORG} events`);
    const seeded = performance.now();
    await sql
      .raw(
        `
      insert into organisations (id, name, language, notification_interval)
        select md5('org' || g)::uuid, 'Bench organisation ' || g, case when g % 3 = 0 then 'en' else 'sv' end, 'daily'
        from generate_series(1, ${ORGS}) g;
      insert into organisation_networks (organisation_id, first_address, last_address, label)
        select md5('org' || g)::uuid, '0.0.0.0'::inet + (268435456 + g * 256)::bigint,
          '0.0.0.0'::inet + (268435456 + g * 256 + 255)::bigint, host('0.0.0.0'::inet + (268435456 + g * 256)::bigint) || '/24'
        from generate_series(1, ${ORGS}) g;
      update constituency_registry_version set version = version + 1, changed_at = now();
      insert into feed_sources (id, name, format, report_type) values ('00000000-0000-4000-8000-000000000001', 'bench', 'shadowserver', 'scan_rdp');
      insert into feed_runs (id, source_id, file_name, received_via, status, finished_at)
        values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'bench.csv', 'cli', 'running', null);
      insert into feed_events (time_source, run_id, source_id, line, classification_taxonomy, classification_type,
          classification_identifier, source_ip, source_port, organisation_id, matched_by, fields)
        select timestamptz '2026-12-01 10:00:00+00' + e * interval '1 second', '00000000-0000-4000-8000-000000000002',
          '00000000-0000-4000-8000-000000000001', g * 10 + e, 'vulnerable', 'vulnerable-system', 'accessible-rdp',
          '0.0.0.0'::inet + (268435456 + g * 256 + e)::bigint, 3389, md5('org' || g)::uuid, 'network',
          jsonb_build_object('time.source', to_char((timestamptz '2026-12-01 10:00:00+00' + e * interval '1 second') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            'source.ip', host('0.0.0.0'::inet + (268435456 + g * 256 + e)::bigint), 'source.port', 3389,
            'classification.taxonomy', 'vulnerable', 'classification.type', 'vulnerable-system',
            'classification.identifier', 'accessible-rdp', 'feed.name', 'bench', 'protocol.transport', 'tcp')
        from generate_series(1, ${ORGS}) g, generate_series(1, ${EVENTS_PER_ORG}) e;
      update feed_runs set status = 'done', finished_at = now() where id = '00000000-0000-4000-8000-000000000002';`,
      )
      .execute(db);
    await sql.raw("vacuum analyze").execute(db);
    // Contacts through SQL as well; every tenth with a key.
    await sql`insert into organisation_contacts (organisation_id, email, role, language, pgp_key)
      select md5('org' || g)::uuid, 'abuse' || g || '@bench.example', 'abuse', 'sv',
        case when g % ${KEYED_EVERY} = 0 then ${contactKey.publicKey.armor()} else null end
      from generate_series(1, ${ORGS}) g`.execute(db);
    console.log(`  seed ${Math.round(performance.now() - seeded)} ms`);

    const ctx = {
      db,
      clock: systemClock,
      actor: systemActor("bench"),
      notifier: {
        certKey: () => Promise.resolve(cert.privateKey),
        cert: {
          name: "CERT",
          phone: "010-000 00 00",
          phoneUri: "tel:0100000000",
          email: "cert@bench.example",
          web: "https://cert.example",
        },
        timeZone: "Europe/Stockholm",
        referencePrefix: "FYR",
        parallel: 4,
      },
    };
    const rss = process.memoryUsage().rss;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await runDueNotifications(ctx, { force: true });
    const seconds = (performance.now() - started) / 1000;
    // CPU seconds of this process: what the pass costs whatever else the machine runs.
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const rssGrowth = Math.round((process.memoryUsage().rss - rss) / 2 ** 20);
    const queued = await sql<{ n: number }>`select count(*)::int as n from mail_messages`.execute(db);

    await sql`create table bench_ceiling (id int primary key, payload text)`.execute(db);
    const ceilingStarted = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (;;) {
          const i = next++;
          if (i >= ORGS) return;
          await db.transaction().execute(async (tx) => {
            await sql`insert into bench_ceiling values (${i}, ${"x".repeat(2000)})`.execute(tx);
          });
        }
      }),
    );
    const ceilingSeconds = (performance.now() - ceilingStarted) / 1000;
    console.table([
      {
        name: `${result.notifications} digests to ${result.organisations} organisations (${queued.rows[0]?.n ?? 0} mails queued)`,
        result: `${seconds.toFixed(1)} s (${Math.round(result.notifications / seconds)}/s), ${cpuSeconds.toFixed(1)} CPU-s, RSS +${rssGrowth} MB`,
        "vs ceiling": `${((ceilingSeconds / seconds) * 100).toFixed(1)} %`,
        target: "< 60 s",
        ok: seconds < 60 && result.notifications === ORGS ? "yes" : "NO",
      },
      {
        name: `ceiling: ${ORGS} one-row transactions, 4 connections`,
        result: `${ceilingSeconds.toFixed(1)} s`,
        "vs ceiling": "100 %",
        target: "",
        ok: "",
      },
    ]);
  } finally {
    await handle.close();
    await scratch.drop();
  }
}
