import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp-peer.js";
import { fixedClock } from "../../platform/clock.js";
import { createWorker } from "../../platform/jobs/index.js";
import { createLogger } from "../../platform/log.js";
import { createMailSendJob, createMailTransport } from "../../platform/mail/index.js";
import { createMetrics } from "../../platform/metrics.js";
import { webhookSignature } from "./channels.js";
import { takePageReply } from "./mail-reply.js";
import { createOncallPageJob } from "./page-job.js";
import { type Person, person, startRecorder, submitReport } from "./test-fixtures.js";
import { escalationTick } from "./tick.js";

// Escalation end to end: an overdue report starts the policy, each step pages once by SMS (a local
// gateway), mail (a local SMTP peer) or webhook (a local receiver, HMAC-checked), a dead gateway falls
// back to mail, and the one-time link, a mailed "ack" or the console acknowledge and stop it.

const SECRET = "webhook-secret-0123456789";
const clock = fixedClock(new Date("2027-02-01T09:00:00Z"));
let gateway: Awaited<ReturnType<typeof startRecorder>>;
let hook: Awaited<ReturnType<typeof startRecorder>>;
let peer: SmtpPeer;
const env: Record<string, string> = { FYR_PUBLIC_URL: "https://cert.example", FYR_ONCALL_WEBHOOK_SECRET: SECRET };
beforeAll(async () => {
  [gateway, hook, peer] = await Promise.all([startRecorder(), startRecorder(), startSmtpPeer()]);
  env.FYR_ONCALL_SMS_URL = `${gateway.url}/cgi-bin/sendsms?user=fyr&pass=x&to={number}&text={text}`;
  env.FYR_ONCALL_WEBHOOK_URL = `${hook.url}/hooks/duty`;
});
afterAll(async () => {
  await Promise.all([gateway.close(), hook.close(), peer.close()]);
});
const app = useTestApp(env, clock);

/** The tick, then every job it queued (pages, their mail) through the local servers. */
async function tickAndSend(): Promise<void> {
  const deps = app().fyr.deps;
  await escalationTick(deps);
  const transport = createMailTransport({ smtpUrl: peer.url, mailFrom: "CERT <cert@cert.example>" });
  const worker = createWorker({
    db: deps.db,
    clock,
    logger: createLogger("silent"),
    metrics: createMetrics(),
    jobs: [createMailSendJob(transport), createOncallPageJob(deps.config)],
    concurrency: 1,
    workerId: "oncall-test",
    retryDelay: () => 0,
  });
  try {
    await worker.drain();
  } finally {
    transport.close();
  }
}

async function call(method: "GET" | "POST" | "PUT", url: string, auth: { authorization: string }, payload?: object) {
  return app().fyr.http.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
}

let admin: Person;
let primary: Person;
let backup: Person;
let phone = "";

/** A rota with a primary (with a phone) and a backup on duty now, and the policy under test. */
async function setUp(policy: object): Promise<void> {
  admin = await person(app(), ["admin"]);
  primary = await person(app());
  backup = await person(app());
  const now = clock.now().getTime();
  for (const [who, role] of [
    [primary, "primary"],
    [backup, "backup"],
  ] as const)
    expect(
      (
        await call("POST", "/api/v1/oncall/shifts", admin.auth, {
          userId: who.id,
          role,
          startsAt: new Date(now - 3_600_000).toISOString(),
          endsAt: new Date(now + 24 * 3_600_000).toISOString(),
        })
      ).statusCode,
    ).toBe(201);
  phone = `+4670${String(Math.floor(Math.random() * 1e7)).padStart(7, "0")}`;
  expect((await call("PUT", `/api/v1/oncall/officers/${primary.id}`, admin.auth, { phone })).statusCode).toBe(204);
  const saved = await call("PUT", "/api/v1/oncall/escalation", admin.auth, policy);
  expect(saved.statusCode, saved.body).toBe(200);
}

const smsTo = (number: string) =>
  gateway.received.filter((r) => new URL(r.url, "http://x").searchParams.get("to") === number);
/** Pages (not the reporter's receipt) about `reference`, to `email` when given. */
const pageMails = (reference: string, email?: string) =>
  peer.received.filter(
    (m) =>
      /\] (Jour|Duty):/.test(m.headers.subject ?? "") &&
      m.headers.subject?.includes(reference) &&
      (!email || m.to.includes(email)),
  );
const linkIn = (text: string) => /\/oncall\/ack\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? "";

describe("escalation", () => {
  it("pages the primary by SMS, then the backup's webhook, once each, and a link acknowledges the report", async () => {
    await setUp({
      steps: [
        { afterMinutes: 0, notify: "primary", channels: ["sms", "email"] },
        { afterMinutes: 10, notify: "backup", channels: ["webhook"] },
      ],
      loops: 1,
    });
    const reference = await submitReport(app(), true);
    await tickAndSend();
    expect(smsTo(phone).filter((r) => decodeURIComponent(r.url).includes(reference))).toHaveLength(0);
    clock.advance(16 * 60_000); // past the 15-minute NIS2 target
    await tickAndSend();
    await tickAndSend(); // a second tick on the same moment pages nothing more
    const sms = smsTo(phone).filter((r) => new URL(r.url, "http://x").searchParams.get("text")?.includes(reference));
    expect(sms).toHaveLength(1);
    const text = new URL(sms[0]?.url ?? "", "http://x").searchParams.get("text") ?? "";
    expect(text).toContain("https://cert.example/oncall/ack/");

    clock.advance(10 * 60_000);
    await tickAndSend();
    const posts = hook.received.filter((r) => r.body.includes(reference));
    expect(posts).toHaveLength(1);
    const post = posts[0];
    expect(post?.headers["x-fyr-signature"]).toBe(webhookSignature(SECRET, post?.body ?? ""));
    expect(JSON.parse(post?.body ?? "{}")).toMatchObject({ kind: "fyr.oncall.page", subject: reference, step: 1 });

    // The link's page shows the report and asks; the GET acknowledges nothing.
    const token = linkIn(text);
    const page = await app().fyr.http.inject({ method: "GET", url: `/oncall/ack/${token}?lang=en` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(reference);
    expect(page.body).toContain('method="post"');
    const before = await call("GET", `/api/v1/reports/${reference}`, admin.auth);
    expect(before.json<{ status: string }>().status).toBe("new");

    const ack = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/oncall/ack", payload: { token } });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ subject: reference, already: false });
    const report = await call("GET", `/api/v1/reports/${reference}`, admin.auth);
    expect(report.json()).toMatchObject({ status: "acknowledged", acknowledged: { by: { id: primary.id } } });
    // One time only; and the escalation lists who and how.
    expect(
      (await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/oncall/ack", payload: { token } }))
        .statusCode,
    ).toBe(404);
    const list = await call("GET", "/api/v1/oncall/escalations", admin.auth);
    const mine = list
      .json<{ items: { subject: string; acknowledged: { method: string; by: { id: string } } | null }[] }>()
      .items.find((e) => e.subject === reference);
    expect(mine?.acknowledged).toMatchObject({ method: "link", by: { id: primary.id } });
  });

  it("falls back to mail when the SMS gateway fails, and a reply saying ack acknowledges", async () => {
    await setUp({ steps: [{ afterMinutes: 0, notify: "primary", channels: ["sms", "email"] }], loops: 2 });
    gateway.status.code = 503;
    try {
      const reference = await submitReport(app(), true, "Överbelastningsattack");
      clock.advance(16 * 60_000);
      await tickAndSend();
      const mails = pageMails(reference, primary.email);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.body).toContain("/oncall/ack/");
      const list = await call("GET", "/api/v1/oncall/escalations", admin.auth);
      const e = list
        .json<{ items: { id: string; subject: string; deliveries: { channel: string; status: string }[] }[] }>()
        .items.find((x) => x.subject === reference);
      const primaryName = (await call("GET", "/api/v1/oncall/officers", admin.auth))
        .json<{ items: { id: string; name: string }[] }>()
        .items.find((o) => o.id === primary.id)?.name;
      expect(primaryName).toBeDefined();
      expect(e?.deliveries.filter((d) => d.channel !== "webhook").map((d) => `${d.channel}:${d.status}`)).toEqual(
        expect.arrayContaining(["email:sent", "sms:failed"]),
      );

      // The reply carries our Message-ID (the outbox id) in In-Reply-To.
      const outbox = await app()
        .fyr.deps.db.selectFrom("oncall_deliveries")
        .select("outbox_id")
        .where("channel", "=", "email")
        .where("user_id", "=", primary.id)
        .where("outbox_id", "is not", null)
        .orderBy("updated_at", "desc")
        .executeTakeFirstOrThrow();
      const taken = await takePageReply(
        { ...app().fyr.deps },
        { body: "ack\n\n> Jour: ...", answeredOutboxIds: [outbox.outbox_id ?? ""], automated: null },
      );
      expect(taken).toEqual({ reference });
      const report = await call("GET", `/api/v1/reports/${reference}`, admin.auth);
      expect(report.json<{ status: string }>().status).toBe("acknowledged");
      // The second loop does not page: the escalation stopped.
      clock.advance(30 * 60_000);
      await tickAndSend();
      expect(pageMails(reference, primary.email)).toHaveLength(1);
    } finally {
      gateway.status.code = 200;
    }
  });

  it("stops when the report is acknowledged in the console, and refuses a bad policy field by field", async () => {
    await setUp({ steps: [{ afterMinutes: 5, notify: "all-duty", channels: ["email"] }], loops: 1 });
    const reference = await submitReport(app(), false, "Nätfiske mot kommun");
    clock.advance(61 * 60_000);
    await tickAndSend(); // started; the first step waits 5 minutes
    expect((await call("POST", `/api/v1/reports/${reference}/acknowledge`, primary.auth, {})).statusCode).toBe(200);
    clock.advance(6 * 60_000);
    await tickAndSend();
    expect(pageMails(reference)).toHaveLength(0);
    const list = await call("GET", "/api/v1/oncall/escalations", admin.auth);
    const e = list
      .json<{ items: { subject: string; acknowledged: { method: string } | null }[] }>()
      .items.find((x) => x.subject === reference);
    expect(e?.acknowledged?.method).toBe("resolved");

    const bad = await call("PUT", "/api/v1/oncall/escalation", admin.auth, {
      steps: [{ afterMinutes: -1, notify: "person", channels: ["pigeon"] }],
      loops: 0,
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json<{ errors: { path: string }[] }>().errors.map((x) => x.path);
    expect(paths).toEqual(
      expect.arrayContaining(["body.steps.0.afterMinutes", "body.steps.0.channels.0", "body.loops"]),
    );
    expect((await call("PUT", "/api/v1/oncall/escalation", primary.auth, { steps: [] })).statusCode).toBe(403);
  });
});
