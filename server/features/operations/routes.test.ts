import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestApp, createTestApp, useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp-peer.js";
import { systemActor } from "../../platform/auth/actor.js";
import { appendAudit } from "../../platform/audit.js";
import { loadAnchorKey } from "../../platform/audit-anchor.js";
import { sealAuditTrail } from "../../platform/audit-sealer.js";
import { fixedClock } from "../../platform/clock.js";
import { queueMail } from "../../platform/mail/index.js";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("operations routes", () => {
  const app = useTestApp();
  let admin: Record<string, string>;
  beforeAll(async () => {
    admin = bearer((await createTokenFor(app(), { roles: ["admin"] })).token);
  });
  const get = (url: string, headers = admin) => app().fyr.http.inject({ method: "GET", url, headers });

  it("answers 401 without credentials and 403 to staff who are not admins", async () => {
    const analyst = bearer((await createTokenFor(app(), { roles: ["analyst", "duty"] })).token);
    for (const url of ["/api/v1/audit", "/api/v1/audit/verify", "/api/v1/outbox", "/api/v1/jobs?status=failed"]) {
      expect((await app().fyr.http.inject({ url })).statusCode).toBe(401);
      const denied = await get(url, analyst);
      expect(denied.statusCode).toBe(403);
      expect(denied.json()).toMatchObject({ code: "forbidden" });
    }
    const retry = await app().fyr.http.inject({ method: "POST", url: "/api/v1/jobs/1/retry", headers: analyst });
    expect(retry.statusCode).toBe(403);
  });

  it("browses the audit trail by action and actor, page by page", async () => {
    const tag = randomUUID().slice(0, 8);
    const { db } = app().fyr.deps;
    for (let i = 0; i < 5; i++)
      await appendAudit(db, app().clock, {
        actor: systemActor(`probe-${tag}`),
        action: `probe${tag}.ran`,
        diff: { i },
      });
    await appendAudit(db, app().clock, { actor: systemActor("other"), action: `probe${tag}.ran`, diff: { i: -1 } });

    const seen: unknown[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        `/api/v1/audit?actor=system:probe-${tag}&action=probe${tag}.ran&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json<{ items: { diff: unknown; actor: string; at: string }[]; nextCursor: string | null }>();
      seen.push(...body.items.map((i) => i.diff));
      expect(body.items.every((i) => i.actor === `system:probe-${tag}` && !Number.isNaN(Date.parse(i.at)))).toBe(true);
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([4, 3, 2, 1, 0].map((i) => ({ i })));
  });

  it("lists bad filter values as problem+json", async () => {
    const res = await get("/api/v1/audit?limit=501&from=yesterday");
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toMatch(/problem\+json/);
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths.join(" ")).toMatch(/limit/);
    expect(paths.join(" ")).toMatch(/from/);
  });

  it("verifies the audit chain and names a tampered entry", async () => {
    const { db } = app().fyr.deps;
    await appendAudit(db, app().clock, {
      actor: systemActor("test"),
      action: "verify.probe",
      diff: { roles: ["observer"] },
    });
    await sealAuditTrail(db, app().clock, loadAnchorKey(app().fyr.deps.config));
    expect((await get("/api/v1/audit/verify")).json()).toMatchObject({ ok: true, signature: "valid" });
    const victim = await db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "verify.probe")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    await db.updateTable("audit_log").set({ actor: "someone-else" }).where("id", "=", victim.id).execute();
    try {
      expect((await get("/api/v1/audit/verify")).json()).toEqual({
        ok: false,
        entries: expect.any(Number),
        unsealed: expect.any(Number),
        brokenAt: victim.id,
        reason: "hash_mismatch",
      });
    } finally {
      await db.updateTable("audit_log").set({ actor: "system:test" }).where("id", "=", victim.id).execute();
    }
  });

  it("shows mail kept in the local outbox when no SMTP relay is set", async () => {
    const id = await queueMail(app().fyr.deps.db, app().clock, {
      to: "r@example.org",
      subject: "Kvitto",
      text: "Tack.",
    });
    await app().fyr.runDueJobs();
    const res = await get("/api/v1/outbox");
    expect(res.statusCode).toBe(200);
    const item = res.json<{ items: { id: string }[] }>().items.find((m) => m.id === id);
    expect(item).toMatchObject({
      to: ["r@example.org"],
      subject: "Kvitto",
      body: "Tack.",
      status: "kept",
      error: null,
    });
  });

  it("reports queue depth on /metrics", async () => {
    const res = await app().fyr.http.inject({ url: "/metrics" });
    expect(res.body).toMatch(/fyr_job_queue_depth\{status="queued"\} \d+/);
    expect(res.body).toMatch(/fyr_job_queue_depth\{status="failed"\} \d+/);
  });
});

describe("operations routes with an unreachable SMTP relay", () => {
  // Nothing listens on port 1 of the loopback interface: connections are refused at once.
  const clock = fixedClock(new Date("2030-06-01T12:00:00Z"));
  const app = useTestApp({ FYR_SMTP_URL: "smtp://127.0.0.1:1" }, clock);

  it("retries, then shows the failed job with its error; the retry button requeues it and it runs again", async () => {
    const { token } = await createTokenFor(app(), { roles: ["admin"] });
    const headers = bearer(token);
    const id = await queueMail(app().fyr.deps.db, clock, { to: "x@example.org", subject: "Hej", text: "…" });

    await app().fyr.runDueJobs();
    const outbox = await app().fyr.http.inject({ url: "/api/v1/outbox", headers });
    const queued = outbox
      .json<{ items: { id: string; status: string; error: string }[] }>()
      .items.find((m) => m.id === id);
    expect(queued?.status).toBe("queued");
    expect(queued?.error).toMatch(/ECONNREFUSED/);

    for (let i = 0; i < 12; i++) {
      clock.advance(2 * 60 * 60_000); // past the longest back-off
      await app().fyr.runDueJobs();
    }
    const failed = await app().fyr.http.inject({ url: "/api/v1/jobs?status=failed", headers });
    expect(failed.statusCode).toBe(200);
    const job = failed.json<{ items: { id: number; name: string; attempts: number; lastError: string }[] }>().items[0];
    expect(job).toMatchObject({ name: "mail.send", attempts: 12, lastError: expect.stringMatching(/ECONNREFUSED/) });
    if (!job) throw new Error("no failed job");
    const outboxAfter = await app().fyr.http.inject({ url: "/api/v1/outbox", headers });
    expect(outboxAfter.json<{ items: { id: string; status: string }[] }>().items.find((m) => m.id === id)?.status).toBe(
      "failed",
    );

    const retry = await app().fyr.http.inject({ method: "POST", url: `/api/v1/jobs/${job.id}/retry`, headers });
    expect(retry.statusCode).toBe(204);
    const again = await app().fyr.http.inject({ method: "POST", url: `/api/v1/jobs/${job.id}/retry`, headers });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "job_not_failed" });
    expect(await app().fyr.runDueJobs()).toBe(1);
    const list = await app().fyr.http.inject({ url: "/api/v1/jobs?status=queued", headers });
    expect(list.json<{ items: { id: number; attempts: number }[] }>().items.find((j) => j.id === job.id)).toMatchObject(
      {
        attempts: 1,
      },
    );
    const audit = await app().fyr.http.inject({ url: `/api/v1/audit?action=job.retried&targetId=${job.id}`, headers });
    expect(audit.json<{ items: unknown[] }>().items).toHaveLength(1);
  });
});

describe("operations routes with a real SMTP relay", () => {
  let peer: SmtpPeer;
  let app: TestApp;
  beforeAll(async () => {
    peer = await startSmtpPeer();
    app = await createTestApp({ FYR_SMTP_URL: peer.url, FYR_MAIL_FROM: "cert@cert.example" });
  });
  afterAll(async () => {
    await app.fyr.http.close();
    await app.fyr.stopBackground(0);
    await app.database.drop();
    await peer.close();
  });

  it("sends queued mail and shows it as sent in the outbox", async () => {
    const { token } = await createTokenFor(app, { roles: ["admin"] });
    const id = await queueMail(app.fyr.deps.db, app.clock, { to: "r@example.org", subject: "Mottagen", text: "Hej" });
    await app.fyr.runDueJobs();
    expect(peer.received.map((m) => m.headers.subject)).toContain("Mottagen");
    const res = await app.fyr.http.inject({ url: "/api/v1/outbox", headers: bearer(token) });
    const item = res
      .json<{ items: { id: string; status: string; sentAt: string | null }[] }>()
      .items.find((m) => m.id === id);
    expect(item?.status).toBe("sent");
    expect(item?.sentAt).not.toBeNull();
  });
});
