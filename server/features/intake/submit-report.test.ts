import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { ReportSubmission } from "../../../contract/intake.js";
import { useTestApp } from "../../../test/support/app.js";
import { systemActor } from "../../platform/auth/actor.js";
import { fixedClock } from "../../platform/clock.js";
import { addReporterMessage } from "./add-reporter-message.js";
import { findReportIdByMessageId, findReportIdByReference, submitReport } from "./service.js";
import { minimalReport, tempDataDir } from "./test-fixtures.js";
import type { Channel, IntakeContext } from "./types.js";

const dataDir = tempDataDir();
// 23:30 UTC on New Year's Eve is already the new year in Stockholm.
const clock = fixedClock(new Date("2026-12-31T23:30:00Z"));
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_REFERENCE_PREFIX: "CERTSE" }, clock);
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const ctx = (): IntakeContext => ({
  db: app().fyr.deps.db,
  clock,
  config: app().fyr.deps.config,
  actor: systemActor("mail-import"),
});
const mailsTo = (address: string) =>
  app()
    .fyr.deps.db.selectFrom("mail_messages")
    .selectAll()
    .where(sql<boolean>`${address} = any(recipients)`)
    .execute();
const emailChannel = (messageId: string, acknowledge: boolean): Channel => ({
  kind: "email",
  messageId,
  rawSha256: createHash("sha256").update(messageId).digest("hex"),
  rawSize: 1234,
  headers: { From: "Anna <anna@example.se>", Subject: "Intrång" },
  pgp: { encrypted: true, signature: "valid" },
  acknowledge,
});

describe("submitReport", () => {
  it("numbers references per year in the CERT's time zone, with the configured prefix", async () => {
    const first = await submitReport(ctx(), ReportSubmission.parse(minimalReport()), [], { kind: "api" });
    const second = await submitReport(ctx(), ReportSubmission.parse(minimalReport()), [], { kind: "api" });
    expect(first.reference).toBe("CERTSE-2027-00001");
    expect(second.reference).toBe("CERTSE-2027-00002");
    expect(await findReportIdByReference(app().fyr.deps.db, first.reference)).toBe(first.reportId);
  });

  it("starts a new year's numbers once, even when its first reports arrive together", async () => {
    const at = clock.now();
    clock.set(new Date("2028-06-01T12:00:00Z"));
    try {
      const created = await Promise.all(
        Array.from({ length: 8 }, () =>
          submitReport(ctx(), ReportSubmission.parse(minimalReport()), [], { kind: "api" }),
        ),
      );
      expect(created.map((c) => c.reference).sort()).toEqual(
        Array.from({ length: 8 }, (_, i) => `CERTSE-2028-0000${i + 1}`),
      );
    } finally {
      clock.set(at);
    }
  });

  it("writes the report and its receipt mail in one transaction: neither survives a rollback", async () => {
    const report = ReportSubmission.parse(minimalReport());
    const email = String(report.reporter.email);
    let reference = "";
    await expect(
      app()
        .fyr.deps.db.transaction()
        .execute(async (tx) => {
          reference = (await submitReport({ ...ctx(), db: tx }, report, [], { kind: "web" })).reference;
          throw new Error("something later in the same transaction failed");
        }),
    ).rejects.toThrow("something later");
    expect(reference).not.toBe("");
    expect(await findReportIdByReference(app().fyr.deps.db, reference)).toBeNull();
    expect(await mailsTo(email)).toEqual([]);

    await submitReport(ctx(), report, [], { kind: "web" });
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it("keeps a mailed report's evidence and answers in the thread of the original message", async () => {
    const report = ReportSubmission.parse(minimalReport());
    const created = await submitReport(ctx(), report, [], emailChannel("<abc.1@mail.example.se>", true));
    const row = await app()
      .fyr.deps.db.selectFrom("reports")
      .selectAll()
      .where("id", "=", created.reportId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: "email",
      mail_message_id: "<abc.1@mail.example.se>",
      mail_headers: { From: "Anna <anna@example.se>", Subject: "Intrång" },
      raw_size: 1234,
      pgp_encrypted: true,
      pgp_signature: "valid",
    });
    const [mail] = await mailsTo(String(report.reporter.email));
    expect(mail?.headers).toMatchObject({ "In-Reply-To": "<abc.1@mail.example.se>" });
  });

  it("sends no receipt when the mail channel says not to", async () => {
    const report = ReportSubmission.parse(minimalReport());
    await submitReport(ctx(), report, [], emailChannel("<auto.2@mail.example.se>", false));
    expect(await mailsTo(String(report.reporter.email))).toEqual([]);
  });

  it("takes a Message-ID once, whether as a report or as a follow-up message", async () => {
    const report = ReportSubmission.parse(minimalReport());
    const created = await submitReport(ctx(), report, [], emailChannel("<once.3@mail.example.se>", false));
    await expect(
      submitReport(ctx(), report, [], emailChannel("<once.3@mail.example.se>", false)),
    ).rejects.toMatchObject({ code: "report_message_taken", kind: "conflict" });
    expect(await findReportIdByMessageId(app().fyr.deps.db, "<once.3@mail.example.se>")).toBe(created.reportId);

    const reply = { body: "Mer info", attachments: [], via: "email" as const, messageId: "<reply.3@mail.example.se>" };
    await addReporterMessage(ctx(), created.reportId, reply);
    await expect(addReporterMessage(ctx(), created.reportId, reply)).rejects.toMatchObject({
      code: "report_message_taken",
    });
    expect(await findReportIdByMessageId(app().fyr.deps.db, "<reply.3@mail.example.se>")).toBe(created.reportId);
    expect(await findReportIdByMessageId(app().fyr.deps.db, "<never@mail.example.se>")).toBeNull();
  });

  it("does not let an undeliverable address undo a report", async () => {
    const report = ReportSubmission.parse({ whatHappened: "x", reporter: { phone: "+46 8 123 456" } });
    const created = await submitReport(
      ctx(),
      { ...report, reporter: { ...report.reporter, email: "bad address" } },
      [],
      {
        kind: "api",
      },
    );
    expect(await findReportIdByReference(app().fyr.deps.db, created.reference)).toBe(created.reportId);
  });

  it("audits each report received", async () => {
    const created = await submitReport(ctx(), ReportSubmission.parse(minimalReport()), [], { kind: "api" });
    const entry = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .selectAll()
      .where("target_id", "=", created.reference)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: "report.received", actor: "system:mail-import", target_type: "report" });
  });
});
