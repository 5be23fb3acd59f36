import { createHash, randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportDetail, ReportsPage } from "../../../contract/intake-staff.js";
import { ReportSubmission } from "../../../contract/intake.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { systemActor } from "../../platform/auth/actor.js";
import { fixedClock } from "../../platform/clock.js";
import { submitReport } from "./submit-report.js";
import { fullReport, minimalReport, multipart, tempDataDir } from "./test-fixtures.js";

const dataDir = tempDataDir();
const clock = fixedClock(new Date("2026-11-20T08:00:00Z"));
const app = useTestApp({ FYR_DATA_DIR: dataDir }, clock);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

let duty = "";
let observer = "";
let publisher = "";
beforeAll(async () => {
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
  publisher = (await createTokenFor(app(), { roles: ["publisher"] })).token;
});

interface Receipt {
  reference: string;
  followUpToken: string;
}
const as = (token: string) => ({ authorization: `Bearer ${token}` });
const submit = async (payload: unknown): Promise<Receipt> => {
  const res = await app().fyr.http.inject({
    method: "POST",
    url: "/api/public/v1/reports",
    payload: payload as object,
  });
  expect(res.statusCode).toBe(201);
  return res.json<Receipt>();
};
const staff = (method: "GET" | "POST", url: string, payload?: object, token = duty) =>
  app().fyr.http.inject({ method, url, headers: as(token), ...(payload ? { payload } : {}) });
const detail = async (reference: string) => (await staff("GET", `/api/v1/reports/${reference}`)).json<ReportDetail>();
const followUp = async (token: string) =>
  (await app().fyr.http.inject({ method: "GET", url: "/api/public/v1/follow-up", headers: as(token) })).json<{
    acknowledgedAt: string | null;
    messages: { from: string; body: string }[];
  }>();
const mailsTo = (address: string) =>
  app()
    .fyr.deps.db.selectFrom("mail_messages")
    .selectAll()
    .where(sql<boolean>`${address} = any(recipients)`)
    .execute();
const auditOf = (reference: string) =>
  app()
    .fyr.deps.db.selectFrom("audit_log")
    .select(["action", "actor"])
    .where("target_id", "=", reference)
    .orderBy("id")
    .execute();

describe("staff reports", () => {
  it("shows every answer of the api-v1.md example as it was given", async () => {
    const report = fullReport();
    const { reference } = await submit(report);
    const res = await staff("GET", `/api/v1/reports/${reference}`);
    expect(res.statusCode).toBe(200);
    const view = res.json<ReportDetail>();
    const { nis2: _nis2, language: _language, discovery, ...answers } = report;
    expect(view.answers).toMatchObject({ ...answers, discovery: { how: discovery?.how } });
    expect(view.answers.discovery.discoveredAt).toBe("2026-11-20T06:45:00.000Z");
    expect(view).toMatchObject({ reference, status: "new", channel: "api", language: "sv", mail: null });
    expect(view.nis2).toMatchObject({
      applies: true,
      awareAt: "2026-11-20T06:45:00.000Z",
      suspectedMalicious: "yes",
      crossBorderImpact: "unknown",
      stages: [{ stage: "early-warning", submittedAt: "2026-11-20T08:00:00.000Z" }],
    });
    const deadlines = Object.fromEntries((view.nis2?.deadlines ?? []).map((d) => [d.kind, d]));
    expect(deadlines["cert-initial-feedback"]).toMatchObject({
      party: "cert",
      dueAt: "2026-11-21T08:00:00.000Z",
      metAt: null,
    });
    expect(deadlines.notification).toMatchObject({ dueAt: "2026-11-23T06:45:00.000Z", metAt: null });
    // NIS2 applies: the short acknowledgement target.
    expect(view.ackTargetMinutes).toBe(15);
  });

  it("keeps HTML as text and answers JSON only", async () => {
    const html = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    const { reference } = await submit(minimalReport({ whatHappened: html, summary: "<b>fet</b>" }));
    const res = await staff("GET", `/api/v1/reports/${reference}`);
    expect(res.headers["content-type"]).toContain("application/json");
    expect(res.json<ReportDetail>().answers).toMatchObject({ whatHappened: html, summary: "<b>fet</b>" });
  });

  it("lists the inbox newest first with age, target and overdue, page by page", async () => {
    clock.advance(1000);
    const plain = await submit(minimalReport());
    clock.advance(1000);
    const nis2 = await submit(minimalReport({ nis2: { applies: true } }));
    clock.advance(1000);
    const essential = await submit(minimalReport({ organisation: { sector: "health" } }));
    clock.advance(16 * 60_000);

    const page = (await staff("GET", "/api/v1/reports?status=new&limit=2")).json<ReportsPage>();
    expect(page.items.map((i) => i.reference)).toEqual([essential.reference, nis2.reference]);
    expect(page.items[0]).toMatchObject({ ackTargetMinutes: 15, overdue: true, ageSeconds: 960, sector: "health" });
    expect(page.items[1]).toMatchObject({ ackTargetMinutes: 15, overdue: true, nis2: true });
    expect(page.nextCursor).not.toBeNull();
    const next = (
      await staff("GET", `/api/v1/reports?status=new&limit=2&cursor=${page.nextCursor ?? ""}`)
    ).json<ReportsPage>();
    expect(next.items[0]).toMatchObject({ reference: plain.reference, ackTargetMinutes: 60, overdue: false });

    clock.advance(45 * 60_000);
    const later = (await staff("GET", "/api/v1/reports?limit=500")).json<ReportsPage>();
    expect(later.items.find((i) => i.reference === plain.reference)?.overdue).toBe(true);
    expect((await staff("GET", "/api/v1/reports?cursor=bogus")).statusCode).toBe(400);
    expect((await staff("GET", "/api/v1/reports?limit=501")).statusCode).toBe(400);
  });

  it("shows each attachment with size and SHA-256, and downloads it only as a file", async () => {
    const files = [
      { filename: "auth.log", contentType: "text/plain", content: Buffer.from("Accepted password for root\n") },
      { filename: "sida.html", contentType: "text/html", content: Buffer.from("<script>alert(1)</script>") },
    ];
    const body = multipart({ report: JSON.stringify(minimalReport()) }, files);
    const res = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...body });
    const { reference } = res.json<Receipt>();
    const view = await detail(reference);
    expect(
      view.attachments.map(({ filename, size, sha256, contentType }) => ({ filename, size, sha256, contentType })),
    ).toEqual(
      files.map((f) => ({
        filename: f.filename,
        size: f.content.length,
        sha256: createHash("sha256").update(f.content).digest("hex"),
        contentType: f.contentType,
      })),
    );
    const html = view.attachments[1];
    const download = await staff("GET", `/api/v1/reports/${reference}/attachments/${html?.id ?? ""}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/octet-stream");
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="sida.html"; filename*=UTF-8''sida.html`,
    );
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.body).toBe("<script>alert(1)</script>");
    expect((await auditOf(reference)).map((a) => a.action)).toContain("report.file_downloaded");

    const other = await submit(minimalReport());
    const wrong = await staff("GET", `/api/v1/reports/${other.reference}/attachments/${html?.id ?? ""}`);
    expect(wrong.statusCode).toBe(404);
  });

  it("acknowledges a new report once, recording who and when, and tells the reporter when asked", async () => {
    const report = minimalReport({ language: "en" });
    const receipt = await submit(report);
    const res = await staff("POST", `/api/v1/reports/${receipt.reference}/acknowledge`, { notifyReporter: true });
    expect(res.statusCode).toBe(200);
    expect(res.json<ReportDetail>()).toMatchObject({
      status: "acknowledged",
      acknowledged: { at: clock.now().toISOString(), by: { name: "Test Staff" } },
    });
    expect((await followUp(receipt.followUpToken)).acknowledgedAt).toBe(clock.now().toISOString());
    const subjects = (await mailsTo(String(report.reporter?.email))).map((m) => m.subject);
    expect(subjects).toContain(`[${receipt.reference}] Your report is being handled`);

    const again = await staff("POST", `/api/v1/reports/${receipt.reference}/acknowledge`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "report_not_new" });
    expect((await auditOf(receipt.reference)).map((a) => a.action)).toEqual(["report.received", "report.acknowledged"]);
  });

  it("meets the CERT's NIS2 feedback deadline when the report is acknowledged", async () => {
    const receipt = await submit(minimalReport({ nis2: { applies: true } }));
    const ack = await staff("POST", `/api/v1/reports/${receipt.reference}/acknowledge`);
    expect(ack.json()).toMatchObject({ status: "acknowledged" });
    const feedback = (await detail(receipt.reference)).nis2?.deadlines.find((d) => d.kind === "cert-initial-feedback");
    expect(feedback).toMatchObject({ metAt: clock.now().toISOString(), overdue: false });
  });

  it("rejects as spam with the reason kept, and not twice", async () => {
    const { reference } = await submit(minimalReport());
    const res = await staff("POST", `/api/v1/reports/${reference}/reject`, { reason: "spam", note: "Reklam" });
    expect(res.statusCode).toBe(200);
    expect(res.json<ReportDetail>()).toMatchObject({
      status: "rejected",
      rejected: { reason: "spam", note: "Reklam", by: { name: "Test Staff" } },
    });
    expect((await staff("POST", `/api/v1/reports/${reference}/reject`, { reason: "duplicate" })).statusCode).toBe(409);
    expect((await staff("POST", `/api/v1/reports/${reference}/reject`, { reason: "boring" })).statusCode).toBe(400);
    expect((await auditOf(reference)).map((a) => a.action)).toContain("report.rejected");
  });

  it("lets the CERT and the reporter write to each other", async () => {
    const report = minimalReport();
    const receipt = await submit(report);
    const fromCert = await staff("POST", `/api/v1/reports/${receipt.reference}/messages`, {
      body: "Kan ni skicka loggarna?",
    });
    expect(fromCert.statusCode).toBe(201);
    expect(fromCert.json()).toMatchObject({ mailed: true });
    const mail = (await mailsTo(String(report.reporter?.email))).find((m) => m.subject.includes("Meddelande"));
    expect(mail?.text_body).toContain("Kan ni skicka loggarna?");
    expect(mail?.headers).toMatchObject({ "Auto-Submitted": "no" });

    await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/follow-up/messages",
      headers: as(receipt.followUpToken),
      payload: { body: "Här är de." },
    });
    expect((await followUp(receipt.followUpToken)).messages.map((m) => [m.from, m.body])).toEqual([
      ["cert", "Kan ni skicka loggarna?"],
      ["reporter", "Här är de."],
    ]);
    const view = await detail(receipt.reference);
    expect(view.messages.map((m) => [m.from, m.author?.name ?? null, m.via])).toEqual([
      ["cert", "Test Staff", "console"],
      ["reporter", null, "web"],
    ]);
    expect((await auditOf(receipt.reference)).map((a) => a.action)).toEqual([
      "report.received",
      "report.message_sent",
      "report.message_received",
    ]);
  });

  it("registers a report taken on the telephone, with the same questions", async () => {
    const report = fullReport();
    const res = await staff("POST", "/api/v1/reports", {
      ...report,
      reporter: { name: "Per", phone: "+46 70 123 45 67" },
    });
    expect(res.statusCode).toBe(201);
    const view = await detail(res.json<Receipt>().reference);
    expect(view).toMatchObject({ channel: "phone", registeredBy: { name: "Test Staff" } });
    expect(view.answers).toMatchObject({ helpWanted: "Analys av loggar", reporter: { phone: "+46 70 123 45 67" } });
    const bad = await staff("POST", "/api/v1/reports", { whatHappened: "" });
    expect(bad.statusCode).toBe(400);
  });

  it("shows a mailed report's headers and lets staff download the original message", async () => {
    const { blobs, db, config } = app().fyr.deps;
    const raw = Buffer.from(
      `From: anna@example.se\r\nSubject: Intrång\r\nMessage-ID: <m1@example.se>\r\n\r\nHjälp ${randomBytes(4).toString("hex")}\r\n`,
    );
    const stored = await blobs.put(raw);
    const created = await submitReport(
      { db, clock, config, actor: systemActor("mail-import") },
      ReportSubmission.parse(minimalReport()),
      [],
      {
        kind: "email",
        messageId: "<m1@example.se>",
        rawSha256: stored.sha256,
        rawSize: stored.size,
        headers: { From: "anna@example.se", Subject: "Intrång" },
        pgp: { encrypted: false, signature: "none" },
      },
    );
    const view = await detail(created.reference);
    expect(view.mail).toEqual({
      messageId: "<m1@example.se>",
      headers: { From: "anna@example.se", Subject: "Intrång" },
      rawSize: raw.length,
      rawSha256: stored.sha256,
      pgp: { encrypted: false, signature: "none" },
      readLevel: null,
      skippedParts: null,
      filesNotStored: [],
      auth: null,
      unverifiedReference: null,
      messageIdReused: false,
    });
    const original = await staff("GET", `/api/v1/reports/${created.reference}/original`);
    expect(original.statusCode).toBe(200);
    expect(original.rawPayload.equals(raw)).toBe(true);
    expect(original.headers["content-disposition"]).toContain(`${created.reference}.eml`);
  });

  it("lets observers read but not act, keeps others out, and wants a sign-in", async () => {
    const { reference } = await submit(minimalReport());
    expect((await staff("GET", `/api/v1/reports/${reference}`, undefined, observer)).statusCode).toBe(200);
    expect((await staff("GET", "/api/v1/reports", undefined, observer)).statusCode).toBe(200);
    const ack = await staff("POST", `/api/v1/reports/${reference}/acknowledge`, {}, observer);
    expect(ack.statusCode).toBe(403);
    expect((await staff("POST", "/api/v1/reports", minimalReport(), observer)).statusCode).toBe(403);
    expect((await staff("GET", `/api/v1/reports/${reference}`, undefined, publisher)).statusCode).toBe(403);
    const anonymous = await app().fyr.http.inject({ method: "GET", url: `/api/v1/reports/${reference}` });
    expect(anonymous.statusCode).toBe(401);
    expect((await staff("GET", "/api/v1/reports/FYR-2026-99999")).statusCode).toBe(404);
  });
});

describe("OpenAPI document", () => {
  it("describes the intake routes", async () => {
    const res = await app().fyr.http.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/public/v1/reports",
        "/api/public/v1/follow-up",
        "/api/v1/reports",
        "/api/v1/reports/{reference}",
        "/api/v1/reports/{reference}/acknowledge",
      ]),
    );
  });
});
