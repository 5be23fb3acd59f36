import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { loadavg } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import nodemailer from "nodemailer";
import { createListDispatchJob, getCampaign, sendToList } from "../server/features/mailing-lists/index.js";
import { systemActor } from "../server/platform/auth/actor.js";
import { systemClock } from "../server/platform/clock.js";
import { loadConfig } from "../server/platform/config.js";
import { type Db, openDatabase } from "../server/platform/db/connect.js";
import { migrate } from "../server/platform/db/migrate.js";
import { createWorker } from "../server/platform/jobs/index.js";
import { createLogger } from "../server/platform/log.js";
import { createMailSendJob, createMailTransport } from "../server/platform/mail/index.js";
import { createMetrics } from "../server/platform/metrics.js";
import { ROOT, scratchDatabase } from "./lib/server.js";

// Issue 16: a list mail to BENCH_LISTS_SUBSCRIBERS (10,000) confirmed subscribers on PostgreSQL, into a
// local SMTP sink (its own process): the time to queue the campaign (sendToList: one delivery row per
// recipient), then the send, unthrottled (FYR_LIST_SEND_PER_MINUTE at its maximum) through the dispatcher
// and the outbox's mail.send jobs, msgs/s; beside it, in the same run, the ceiling: nodemailer's pool
// straight to the same sink with the same connections. Then the throttle: a second campaign at
// BENCH_LISTS_RATE a minute, watched for BENCH_LISTS_WATCH_SECONDS, its release rate against the setting.

const SUBSCRIBERS = Number(process.env.BENCH_LISTS_SUBSCRIBERS ?? 10_000);
const RATE = Number(process.env.BENCH_LISTS_RATE ?? 1200);
const WATCH_SECONDS = Number(process.env.BENCH_LISTS_WATCH_SECONDS ?? 30);
const CONCURRENCY = Number(process.env.BENCH_LISTS_CONCURRENCY ?? 4);

async function startSink(): Promise<{ url: string; port: number; received(): Promise<number>; stop(): Promise<void> }> {
  const child: ChildProcess = fork(join(ROOT, "bench/lib/smtp-sink.ts"), { execArgv: ["--import", "tsx"] });
  const [ready] = (await once(child, "message")) as [{ port: number }];
  return {
    url: `smtp://127.0.0.1:${ready.port}`,
    port: ready.port,
    async received() {
      child.send("count");
      const [m] = (await once(child, "message")) as [{ received: number }];
      return m.received;
    },
    async stop() {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

async function seedSubscribers(db: Db, n: number): Promise<void> {
  await sql`
    insert into list_subscribers (email, language, confirmed_at)
    select 'bench-' || i || '@bench.example', case when i % 5 = 0 then 'en' else 'sv' end, now()
      from generate_series(1, ${n}) i`.execute(db);
  await sql`
    insert into list_memberships (list_id, subscriber_id)
    select 'weekly', id from list_subscribers`.execute(db);
}

/** nodemailer's pool straight to the sink: what sending costs without Fyr around it. */
async function ceiling(url: string, n: number): Promise<number> {
  const transport = nodemailer.createTransport({ url, pool: true, maxConnections: 4, maxMessages: 500 });
  const started = performance.now();
  let next = 0;
  const sender = async () => {
    while (next < n) {
      const i = next++;
      await transport.sendMail({
        from: "cert@cert.example",
        to: `ceiling-${i}@bench.example`,
        subject: "Veckobrev",
        text: "Veckans nyheter. ".repeat(60),
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, sender));
  transport.close();
  return n / ((performance.now() - started) / 1000);
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function listsBench(): Promise<unknown> {
  const scratch = await scratchDatabase();
  const sink = await startSink();
  const handle = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 8 });
  const logger = createLogger("warn");
  try {
    await migrate(handle);
    const db = handle.db;
    await seedSubscribers(db, SUBSCRIBERS);
    const ctx = { db, clock: systemClock, actor: systemActor("bench") };
    const message = { sv: { subject: "Veckobrev 49", text: "Veckans nyheter. ".repeat(60) } };
    const loadBefore = load();

    const ceilingRate = await ceiling(sink.url, SUBSCRIBERS);

    const run = async (perMinute: number) => {
      const config = loadConfig({
        DATABASE_URL: scratch.url,
        FYR_SMTP_URL: sink.url,
        FYR_MAIL_FROM: "CERT <cert@cert.example>",
        FYR_PUBLIC_URL: "https://cert.example",
        FYR_LIST_SEND_PER_MINUTE: String(perMinute),
        FYR_LOG_LEVEL: "warn",
      });
      const transport = createMailTransport(config);
      const worker = createWorker({
        db,
        clock: systemClock,
        logger,
        metrics: createMetrics(),
        jobs: [createMailSendJob(transport), createListDispatchJob({ config, certKey: async () => null })],
        concurrency: CONCURRENCY,
        workerId: `bench-${perMinute}`,
        idleMs: 20,
        yieldLagMs: 0,
      });
      const queued = performance.now();
      const campaign = await db
        .transaction()
        .execute((tx) => sendToList({ ...ctx, db: tx }, { list: "weekly", messages: message }));
      const queueMs = performance.now() - queued;
      return { config, transport, worker, campaign, queueMs };
    };

    // Unthrottled: the most the setting allows.
    const fast = await run(100_000);
    const before = await sink.received();
    const started = performance.now();
    fast.worker.start();
    await until(async () => (await getCampaign(ctx, fast.campaign.campaignId)).remaining === 0, 30 * 60_000);
    const seconds = (performance.now() - started) / 1000;
    await fast.worker.stop(5000);
    fast.transport.close();
    const delivered = (await sink.received()) - before;
    const rate = SUBSCRIBERS / seconds;
    const loadDuring = load();

    // Throttled: released per second, watched.
    const slow = await run(RATE);
    const watchStart = Date.now();
    slow.worker.start();
    await new Promise((r) => setTimeout(r, WATCH_SECONDS * 1000));
    const progress = await getCampaign(ctx, slow.campaign.campaignId);
    const watched = (Date.now() - watchStart) / 1000;
    await slow.worker.stop(5000);
    slow.transport.close();
    const released = await sql<{ n: number }>`
      select count(*)::int as n from list_deliveries where campaign_id = ${slow.campaign.campaignId} and status = 'released'`.execute(
      db,
    );

    console.log(`\nlists: one list mail to ${SUBSCRIBERS} subscribers (PostgreSQL), SMTP sink in its own process`);
    console.table({
      queue_campaign_ms: Math.round(fast.queueMs),
      send_seconds: Number(seconds.toFixed(1)),
      msgs_per_s: Number(rate.toFixed(0)),
      ceiling_nodemailer_msgs_per_s: Number(ceilingRate.toFixed(0)),
      ratio_to_ceiling: Number((rate / ceilingRate).toFixed(2)),
      delivered_at_sink: delivered,
      worker_concurrency: CONCURRENCY,
    });
    console.log(`throttle at ${RATE}/min (${(RATE / 60).toFixed(1)}/s), watched ${watched.toFixed(0)} s:`);
    console.table({
      released: released.rows[0]?.n ?? 0,
      released_per_s: Number(((released.rows[0]?.n ?? 0) / watched).toFixed(1)),
      allowed_per_s: Number((RATE / 60).toFixed(1)),
      sent: progress.sent,
    });
    console.log(`load average before: ${loadBefore}; after the unthrottled send: ${loadDuring}; now: ${load()}`);
    return { queueMs: fast.queueMs, rate, ceilingRate };
  } finally {
    await handle.close();
    await sink.stop();
    await scratch.drop();
  }
}
