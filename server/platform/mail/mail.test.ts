import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase } from "../../../test/support/db.js";
import { startSmtpPeer, unreachableSmtpUrl } from "../../../test/support/smtp-peer.js";
import { fixedClock } from "../clock.js";
import type { Db } from "../db/connect.js";
import { AppError } from "../errors.js";
import { createWorker } from "../jobs/worker.js";
import { createLogger } from "../log.js";
import { createMetrics } from "../metrics.js";
import { createMailSendJob, createMailTransport, queueMail } from "./index.js";
import { findMailMessage } from "./store.js";

const logger = createLogger("silent");
const clock = fixedClock(new Date("2030-03-01T10:00:00Z"));
let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.handle.db;
});
afterAll(async () => {
  await database.drop();
});
beforeEach(async () => {
  await db.deleteFrom("jobs").execute();
});

/** Runs every due mail.send job through a transport built from this SMTP URL (or none). */
async function deliver(smtpUrl: string | undefined) {
  const transport = createMailTransport({ smtpUrl, mailFrom: "CERT-SE <cert@cert.example>" });
  const worker = createWorker({
    db,
    clock,
    logger,
    metrics: createMetrics(),
    jobs: [createMailSendJob(transport)],
    concurrency: 1,
    workerId: "mail-test",
    retryDelay: () => 0,
  });
  try {
    return await worker.drain();
  } finally {
    transport.close();
  }
}
const message = async (id: string) => {
  const row = await findMailMessage(db, id);
  if (!row) throw new Error("message vanished");
  return row;
};

describe("outgoing mail", () => {
  it("keeps the message in the outbox when no SMTP relay is configured", async () => {
    const id = await queueMail(db, clock, {
      to: "reporter@example.org",
      subject: "Tack",
      text: "Vi har fått din rapport.",
    });
    expect(await message(id)).toMatchObject({ status: "queued", recipients: ["reporter@example.org"] });
    expect(await deliver(undefined)).toBe(1);
    expect(await message(id)).toMatchObject({ status: "kept", error: null, sent_at: null });
  });

  it("delivers to a real SMTP peer with From, Message-ID, Date and Auto-Submitted", async () => {
    const peer = await startSmtpPeer();
    try {
      const id = await queueMail(db, clock, {
        to: ["a@example.org", "b@example.org"],
        subject: "[FYR-2030-00001] Mottagen / Received",
        text: "Hej!\nVi återkommer.",
        headers: { "X-Fyr-Reference": "FYR-2030-00001" },
      });
      expect(await deliver(peer.url)).toBe(1);
      expect(peer.received).toHaveLength(1);
      const got = peer.received[0];
      expect(got?.to).toEqual(["a@example.org", "b@example.org"]);
      expect(got?.from).toBe("cert@cert.example");
      expect(got?.headers.subject).toContain("FYR-2030-00001");
      expect(got?.headers.from).toContain("cert@cert.example");
      expect(got?.headers["message-id"]).toBe(`<${id}@cert.example>`);
      expect(got?.headers["auto-submitted"]).toBe("auto-generated");
      expect(got?.headers["x-fyr-reference"]).toBe("FYR-2030-00001");
      expect(new Date(got?.headers.date ?? "").toISOString()).toBe(clock.now().toISOString());
      expect(got?.raw).toMatch(/Vi =C3=A5terkommer|Vi återkommer/);
      const row = await message(id);
      expect(row).toMatchObject({ status: "sent", error: null, smtp_message_id: `<${id}@cert.example>` });
      expect(row.sent_at?.toISOString()).toBe(clock.now().toISOString());
    } finally {
      await peer.close();
    }
  });

  it("lets a caller mark personal mail as not auto-submitted", async () => {
    const peer = await startSmtpPeer();
    try {
      await queueMail(db, clock, {
        to: "x@example.org",
        subject: "Svar",
        text: "…",
        headers: { "Auto-Submitted": "no" },
      });
      await deliver(peer.url);
      expect(peer.received[0]?.headers["auto-submitted"]).toBe("no");
    } finally {
      await peer.close();
    }
  });

  it("retries against an unreachable relay, keeping the error, and fails after the last attempt", async () => {
    const url = await unreachableSmtpUrl();
    const id = await queueMail(db, clock, { to: "x@example.org", subject: "Hej", text: "…" });
    const transport = createMailTransport({ smtpUrl: url, mailFrom: "cert@cert.example" });
    const worker = createWorker({
      db,
      clock,
      logger,
      metrics: createMetrics(),
      jobs: [createMailSendJob(transport)],
      concurrency: 1,
      workerId: "mail-down",
    });
    await worker.drain(); // one attempt; the retry waits for its back-off
    const afterOne = await message(id);
    expect(afterOne.status).toBe("queued");
    expect(afterOne.error).toMatch(/ECONNREFUSED/);
    const job = await db.selectFrom("jobs").selectAll().where("name", "=", "mail.send").executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: "queued", attempts: 1 });
    expect(job.last_error).toMatch(/ECONNREFUSED/);

    clock.advance(60_000); // the first retry's back-off has passed
    await deliver(url); // no back-off: uses up the remaining attempts
    expect(await message(id)).toMatchObject({ status: "failed" });
    const failed = await db.selectFrom("jobs").selectAll().where("id", "=", job.id).executeTakeFirstOrThrow();
    expect(failed).toMatchObject({ status: "failed", attempts: 12 });
  });

  it("queues nothing when the caller's transaction rolls back", async () => {
    let id = "";
    await expect(
      db.transaction().execute(async (tx) => {
        id = await queueMail(tx, clock, { to: "x@example.org", subject: "Hej", text: "…" });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await findMailMessage(db, id)).toBeUndefined();
    expect(await db.selectFrom("jobs").select("id").execute()).toEqual([]);
  });

  it("refuses a subject with a line break (header injection)", async () => {
    const err = await queueMail(db, clock, {
      to: "x@example.org",
      subject: "Hej\r\nBcc: y@example.org",
      text: "…",
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "mail_invalid" });
  });
});
