import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditPage } from "../../../contract/operations.js";
import type { EscalationList, EscalationPolicy } from "../../../contract/oncall.js";
import { useTestApp } from "../../../test/support/app.js";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp-peer.js";
import { fixedClock } from "../../platform/clock.js";
import { createWorker } from "../../platform/jobs/index.js";
import { createLogger } from "../../platform/log.js";
import { createMailSendJob, createMailTransport } from "../../platform/mail/index.js";
import { createMetrics } from "../../platform/metrics.js";
import { createOncallPageJob } from "./page-job.js";
import { type Person, person, submitReport } from "./test-fixtures.js";
import { escalationTick } from "./tick.js";
import { raiseDeadMansAlarms, raiseOncallAlarm } from "./triggers.js";

// A fresh install pages someone for every trigger (migration 0111): a silent node, a late feed, a
// critical feed finding and the CERT's own NIS2 deadline each start an escalation of their default
// policy, which mails the primary duty officer at once; an admin edits the defaults. And acknowledging
// a page shows on the report: who took it, and how (the link, in the report's audit trail).

const clock = fixedClock(new Date("2027-03-01T09:00:00Z"));
let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer.close();
});
const app = useTestApp({ FYR_PUBLIC_URL: "https://cert.example" }, clock);

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
    workerId: "default-policies-test",
    retryDelay: () => 0,
  });
  try {
    await worker.drain();
  } finally {
    transport.close();
  }
}

const call = (method: "GET" | "POST" | "PUT", url: string, auth: { authorization: string }, payload?: object) =>
  app().fyr.http.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });

/** A quoted-printable mail body as text. */
const decoded = (body: string) =>
  Buffer.from(
    body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    "latin1",
  ).toString("utf8");

/** Duty pages (mails with an acknowledgement link) mentioning `text`, to `email`, decoded. */
const pages = (text: string, email: string) =>
  peer.received
    .filter((m) => m.to.includes(email))
    .map((m) => decoded(m.body))
    .filter((body) => body.includes("/oncall/ack/") && body.includes(text));

let admin: Person;
let primary: Person;
beforeAll(async () => {
  admin = await person(app(), ["admin"]);
  primary = await person(app());
  const now = clock.now().getTime();
  const shift = await call("POST", "/api/v1/oncall/shifts", admin.auth, {
    userId: primary.id,
    role: "primary",
    startsAt: new Date(now - 3_600_000).toISOString(),
    endsAt: new Date(now + 7 * 24 * 3_600_000).toISOString(),
  });
  expect(shift.statusCode, shift.body).toBe(201);
});

describe("default escalation policies", () => {
  it("exist for every trigger on a fresh install, and an admin edits them", async () => {
    const list = (await call("GET", "/api/v1/oncall/escalation", admin.auth)).json<{ items: EscalationPolicy[] }>();
    const triggers = new Set(list.items.map((p) => p.trigger));
    expect([...triggers].sort()).toEqual(["critical-feed", "nis2-deadline", "operations-alarm", "report-overdue"]);
    for (const p of list.items) expect(p.steps[0]).toMatchObject({ afterMinutes: 0, notify: "primary" });

    const edited = await call("PUT", "/api/v1/oncall/escalation", admin.auth, {
      id: "nis2-deadline",
      trigger: "nis2-deadline",
      steps: [{ afterMinutes: 0, notify: "all-duty", channels: ["email"] }],
      loops: 3,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const again = (await call("GET", "/api/v1/oncall/escalation", admin.auth)).json<{ items: EscalationPolicy[] }>();
    expect(again.items.find((p) => p.id === "nis2-deadline")).toMatchObject({
      loops: 3,
      steps: [{ notify: "all-duty" }],
    });
  });

  it("page the primary duty officer for a silent node, a critical feed finding and a NIS2 deadline", async () => {
    const deps = { db: app().fyr.deps.db, clock };
    await sql`insert into nodes (id, roles, version, database_kind, last_tick_at, silent_noticed_at)
      values ('node-quiet', '{worker}', '0.1.0', 'postgres', ${new Date(clock.now().getTime() - 600_000)}, ${clock.now()})`.execute(
      deps.db,
    );
    await raiseDeadMansAlarms(deps);
    await raiseOncallAlarm(deps, {
      trigger: "critical-feed",
      key: "run-1:org-1",
      reference: "Kraftbolaget AB",
      title: "3 compromised systems at Kraftbolaget AB",
      essential: true,
    });
    await raiseOncallAlarm(deps, {
      trigger: "nis2-deadline",
      key: "FYR-TEST-1:initial-feedback",
      reference: "FYR-TEST-1",
      title: "initial-feedback soon",
      essential: true,
    });
    await tickAndSend();

    const list = (await call("GET", "/api/v1/oncall/escalations", admin.auth)).json<EscalationList>().items;
    for (const [trigger, subject, policy] of [
      ["operations-alarm", "node node-quiet", "operations-alarm"],
      ["critical-feed", "Kraftbolaget AB", "critical-feed"],
      ["nis2-deadline", "FYR-TEST-1", "nis2-deadline"],
    ] as const) {
      const e = list.find((x) => x.trigger === trigger && x.subject === subject);
      expect(e?.policyId).toBe(policy);
      expect(e?.deliveries.some((d) => d.channel === "email" && d.status === "sent")).toBe(true);
    }
    expect(pages("node-quiet", primary.email)).toHaveLength(1);
    expect(pages("Kraftbolaget AB", primary.email)).toHaveLength(1);
    expect(pages("FYR-TEST-1", primary.email)).toHaveLength(1);
  });
});

describe("acknowledging a page", () => {
  it("shows on the report who took it and how", async () => {
    const reference = await submitReport(app(), true, "Intrång i styrsystem");
    clock.advance(16 * 60_000); // past the NIS2 acknowledgement target
    await tickAndSend();
    const mail = pages(reference, primary.email)[0];
    const token = /\/oncall\/ack\/([A-Za-z0-9_-]+)/.exec(mail ?? "")?.[1] ?? "";
    expect(token).not.toBe("");
    const ack = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/oncall/ack", payload: { token } });
    expect(ack.statusCode, ack.body).toBe(200);

    const report = await call("GET", `/api/v1/reports/${reference}`, admin.auth);
    expect(report.json()).toMatchObject({ status: "acknowledged", acknowledged: { by: { id: primary.id } } });
    const trail = await call("GET", `/api/v1/audit?targetType=report&targetId=${reference}`, admin.auth);
    expect(trail.statusCode, trail.body).toBe(200);
    const entry = trail.json<AuditPage>().items.find((x) => x.action === "oncall.acknowledged");
    expect(entry).toMatchObject({ actorId: primary.id, diff: { method: "link", trigger: "report-overdue" } });
    // The report's page asks for its own escalations: only this one, with who and how.
    const own = await call("GET", `/api/v1/oncall/escalations?subject=${reference}`, admin.auth);
    const items = own.json<EscalationList>().items;
    expect(items.map((e) => e.subject)).toEqual([reference]);
    const escalation = items[0];
    expect(escalation?.acknowledged).toMatchObject({ method: "link", by: { id: primary.id } });
  });
});
