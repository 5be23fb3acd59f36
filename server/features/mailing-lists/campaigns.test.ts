import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp-peer.js";
import { waitFor } from "../../../test/support/wait.js";
import { fixedClock } from "../../platform/clock.js";
import { type AnyJobDefinition, createWorker } from "../../platform/jobs/index.js";
import { createLogger } from "../../platform/log.js";
import { type MailTransport, createMailSendJob, createMailTransport } from "../../platform/mail/index.js";
import { createMetrics } from "../../platform/metrics.js";
import { TICK_MS, createListDispatchJob } from "./dispatch.js";
import { getCampaign, sendToList } from "./index.js";
import { confirmedSubscribers, makeList, system } from "./test-fixtures.js";

// Sending to many: the throttle (on the settable clock), a crash in the middle and the resume (each
// recipient exactly once, counted at a real SMTP peer), flash alerts first, and an admin's pause.

const clock = fixedClock(new Date("2030-06-01T09:00:00Z"));
const app = useTestApp({ FYR_MAIL_FROM: "CERT <cert@cert.example>" }, clock);
let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer.close();
});

const message = (tag: string) => ({ sv: { subject: `Meddelande ${tag}`, text: `Text ${tag}` } });

function workerWith(transport: MailTransport, perMinute: number, workerId: string) {
  const config = { ...app().fyr.deps.config, listSendPerMinute: perMinute };
  const jobs: AnyJobDefinition[] = [
    createMailSendJob(transport),
    createListDispatchJob({ config, certKey: async () => null }),
  ];
  return createWorker({
    db: app().fyr.deps.db,
    clock,
    logger: createLogger("silent"),
    metrics: createMetrics(),
    jobs,
    concurrency: 1,
    workerId,
    retryDelay: () => 0,
    idleMs: 5,
    leaseMs: 60_000,
    yieldLagMs: 0,
  });
}
const keep = () => createMailTransport({ smtpUrl: undefined, mailFrom: "cert@cert.example" });

async function releasedOf(campaignId: string): Promise<number> {
  const row = await app()
    .fyr.deps.db.selectFrom("list_deliveries")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("campaign_id", "=", campaignId)
    .where("status", "=", "released")
    .executeTakeFirstOrThrow();
  return row.n;
}

describe("sending a list mail", () => {
  // The send budget is global: a minute after the last test's releases, this test's budget is whole.
  beforeEach(() => clock.advance(61_000));

  it("releases at most the configured messages per minute, evenly, and finishes", async () => {
    const list = await makeList(app());
    await confirmedSubscribers(app(), list, 45);
    const { campaignId, recipients } = await sendToList(system(app()), { list, messages: message("throttle") });
    expect(recipients).toBe(45);
    const worker = workerWith(keep(), 30, "throttle");
    const perStep: number[] = [];
    let before = 0;
    for (let step = 0; step < 40 && before < 45; step++) {
      await worker.drain();
      const now = await releasedOf(campaignId);
      perStep.push(now - before);
      before = now;
      clock.advance(TICK_MS);
    }
    expect(before).toBe(45);
    // 30 a minute in 5-second ticks: at most 3 a tick, and never more than 30 in any 12 ticks (60 s).
    expect(Math.max(...perStep)).toBeLessThanOrEqual(3);
    for (let i = 0; i + 12 <= perStep.length; i++)
      expect(perStep.slice(i, i + 12).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(30);
    // 45 at 30 a minute cannot finish within the first minute.
    expect(perStep.length).toBeGreaterThan(12);
    await worker.drain();
    expect(await getCampaign(system(app()), campaignId)).toMatchObject({
      status: "done",
      recipients: 45,
      sent: 45,
      failed: 0,
      remaining: 0,
    });
  });

  it("resumes after a crash mid-campaign and sends each recipient exactly once", async () => {
    const list = await makeList(app());
    const emails = await confirmedSubscribers(app(), list, 40);
    const { campaignId } = await sendToList(system(app()), { list, messages: message("crash") });
    const db = app().fyr.deps.db;
    // The first dispatcher dies mid-tick: its job is left running under a worker that is gone.
    await db
      .updateTable("jobs")
      .set({
        status: "running",
        attempts: 1,
        locked_by: "dead-worker",
        locked_at: new Date(clock.now().getTime() - 3_600_000),
      })
      .where("name", "=", "lists.dispatch")
      .where(sql<boolean>`payload->>'campaignId' = ${campaignId}`)
      .execute();

    // A worker that stops answering after 15 messages (its 16th SMTP hand-over never returns).
    const real = createMailTransport({ smtpUrl: peer.url, mailFrom: "cert@cert.example" });
    let sends = 0;
    const stalling: MailTransport = {
      ...real,
      send: (mail) => (++sends > 15 ? new Promise(() => undefined) : real.send(mail)),
    };
    const first = workerWith(stalling, 600, "first");
    first.start(); // its maintenance reaps the dead dispatcher's job; the rest follows
    const mine = () => peer.received.filter((m) => m.headers.subject === "Meddelande crash");
    await waitFor(async () => (mine().length >= 15 && sends > 15 ? true : undefined), { timeoutMs: 20_000 });
    await first.stop(0);
    expect(mine()).toHaveLength(15);

    // The finished dispatcher's job runs again (as after a crash before it was marked done): a stale chain.
    await db
      .updateTable("jobs")
      .set({ status: "queued", run_at: clock.now() })
      .where("name", "=", "lists.dispatch")
      .where(sql<boolean>`payload->>'campaignId' = ${campaignId}`)
      .execute();
    const second = workerWith(createMailTransport({ smtpUrl: peer.url, mailFrom: "cert@cert.example" }), 600, "second");
    for (let i = 0; i < 5; i++) {
      await second.drain();
      clock.advance(TICK_MS);
    }
    real.close();
    const perRecipient = new Map<string, number>();
    for (const m of mine()) for (const to of m.to) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
    expect([...perRecipient.keys()].sort()).toEqual([...emails].sort());
    expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    expect(await getCampaign(system(app()), campaignId)).toMatchObject({ sent: 40, remaining: 0, status: "done" });
  }, 30_000);

  it("releases a flash alert before a weekly letter already waiting", async () => {
    const slow = await makeList(app());
    const flash = await makeList(app(), { priority: 10 });
    await confirmedSubscribers(app(), slow, 12);
    await confirmedSubscribers(app(), flash, 3);
    const weekly = await sendToList(system(app()), { list: slow, messages: message("weekly") });
    const alert = await sendToList(system(app()), { list: flash, messages: message("flash") });
    const worker = workerWith(keep(), 36, "priority"); // 3 a tick
    await worker.drain();
    expect(await releasedOf(alert.campaignId)).toBe(3);
    expect(await releasedOf(weekly.campaignId)).toBe(0);
    for (let i = 0; i < 10; i++) {
      clock.advance(TICK_MS);
      await worker.drain();
    }
    expect(await releasedOf(weekly.campaignId)).toBe(12);
  });

  it("lets an admin pause and resume a campaign; others may not", async () => {
    const list = await makeList(app());
    await confirmedSubscribers(app(), list, 9);
    const { campaignId } = await sendToList(system(app()), { list, messages: message("pause") });
    const worker = workerWith(keep(), 36, "pause");
    await worker.drain();
    expect(await releasedOf(campaignId)).toBe(3);
    const admin = await createTokenFor(app(), { roles: ["admin"] });
    const publisher = await createTokenFor(app(), { roles: ["publisher"] });
    const post = (token: string, what: string) =>
      app().fyr.http.inject({
        method: "POST",
        url: `/api/v1/lists/campaigns/${campaignId}/${what}`,
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await post(publisher.token, "pause")).statusCode).toBe(403);
    const paused = await post(admin.token, "pause");
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ status: "paused", recipients: 9, remaining: 6 });
    expect((await post(admin.token, "pause")).statusCode).toBe(409);
    for (let i = 0; i < 3; i++) {
      clock.advance(TICK_MS);
      await worker.drain();
    }
    expect(await releasedOf(campaignId)).toBe(3);
    expect((await post(admin.token, "resume")).json()).toMatchObject({ status: "sending" });
    for (let i = 0; i < 4; i++) {
      await worker.drain();
      clock.advance(TICK_MS);
    }
    expect(await releasedOf(campaignId)).toBe(9);
    const seen = await app().fyr.http.inject({
      method: "GET",
      url: `/api/v1/lists/campaigns?list=${list}`,
      headers: { authorization: `Bearer ${publisher.token}` },
    });
    expect(seen.json().items).toEqual([
      expect.objectContaining({ id: campaignId, sent: 9, remaining: 0, status: "done" }),
    ]);
  });
});
