import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import nodemailer from "nodemailer";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/support/app.js";
import { waitFor } from "../../../../test/support/wait.js";
import { createLogger } from "../../../platform/log.js";
import { startInboundSmtp } from "./smtp-listener.js";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const address = s.address();
      s.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

const transportTo = (port: number) =>
  nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe("inbound SMTP through Fyr's background loops", async () => {
  const port = await freePort();
  let app: TestApp | undefined;
  afterAll(async () => {
    await app?.fyr.stopBackground(0);
    await app?.fyr.http.close();
    await app?.database.drop();
  });

  /** The app with its listener, started by whichever test runs first. */
  async function started(): Promise<TestApp> {
    if (app) return app;
    app = await createTestApp({
      FYR_INBOUND_SMTP_PORT: String(port),
      FYR_ROLES: "public",
      FYR_DATA_DIR: mkdtempSync(join(tmpdir(), "fyr-smtp-")),
    });
    app.fyr.startBackground();
    return app;
  }
  const send = (from: string, raw: string) =>
    waitFor(
      () =>
        transportTo(port)
          .sendMail({ envelope: { from, to: ["cert@cert.example"] }, raw })
          .catch(() => undefined),
      { what: "listener accepting mail" },
    );

  it("a real SMTP client's message becomes a report, committed before the 250", async () => {
    const app = await started();
    const raw = fixture("multipart-attachment.eml")
      .toString("utf8")
      .replace("<multi-1@foretag.se>", "<smtp-app-1@foretag.se>");
    const info = await send("bo@foretag.se", raw);
    expect(info.response).toMatch(/^250 /);
    // The 250 came after the commit, so the report is there at once.
    const row = await app.fyr.deps.db
      .selectFrom("reports")
      .select(["id", "summary", "channel", "reporter_email"])
      .where("mail_message_id", "=", "<smtp-app-1@foretag.se>")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      summary: "Phishing mot ekonomiavdelningen",
      channel: "email",
      reporter_email: "bo@foretag.se",
    });
    const files = await app.fyr.deps.db
      .selectFrom("report_attachments")
      .select("filename")
      .where("report_id", "=", row.id)
      .execute();
    expect(files.map((f) => f.filename).sort()).toEqual(["access.log", "message.html", "sample.bin"]);
  });

  it("mail naming a report in its subject threads only when it answers our receipt, not from a stranger", async () => {
    const app = await started();
    const db = app.fyr.deps.db;
    const id = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const message = (from: string, messageId: string, subject: string, extra = "") =>
      `From: ${from}\r\nTo: cert@cert.example\r\nSubject: ${subject}\r\nMessage-ID: <${messageId}>\r\n${extra}\r\nText.\r\n`;
    await send("eva@foretag.se", message("eva@foretag.se", `first-${id}@foretag.se`, "Intrång"));
    const report = await db
      .selectFrom("reports")
      .select(["id", "reference"])
      .where("mail_message_id", "=", `<first-${id}@foretag.se>`)
      .executeTakeFirstOrThrow();
    const spoof = `Re: [${report.reference}] Nytt kontonummer`;
    await send("mallory@evil.example", message("mallory@evil.example", `spoof-${id}@evil.example`, spoof));
    const receipt = await waitFor(
      () =>
        db
          .selectFrom("mail_messages")
          .select("id")
          .where(sql<boolean>`headers->>'X-Fyr-Reference' = ${report.reference}`)
          .executeTakeFirst(),
      { what: "receipt queued" },
    );
    const answer = `In-Reply-To: <${receipt.id}@localhost>\r\n`;
    await send("it@foretag.se", message("it@foretag.se", `reply-${id}@foretag.se`, "Re: Kvitto", answer));
    const thread = await db
      .selectFrom("report_messages")
      .select(["from_address", "mail_verified_by"])
      .where("report_id", "=", report.id)
      .execute();
    expect(thread).toEqual([{ from_address: "it@foretag.se", mail_verified_by: "token" }]);
    const spoofed = await db
      .selectFrom("reports")
      .select(["reporter_email", "mail_unverified_reference"])
      .where("mail_message_id", "=", `<spoof-${id}@evil.example>`)
      .executeTakeFirstOrThrow();
    expect(spoofed).toEqual({ reporter_email: "mallory@evil.example", mail_unverified_reference: report.reference });
  });
});

describe("startInboundSmtp", () => {
  const logger = createLogger("silent");
  const message = { envelope: { from: "a@exempel.se", to: ["cert@cert.example"] }, raw: "Subject: x\r\n\r\nhej\r\n" };

  it("answers 250 only once the handler has finished, and hands over the envelope sender", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const senders: (string | null)[] = [];
    const smtp = await startInboundSmtp({
      port: 0,
      host: "127.0.0.1",
      maxBytes: 1_000_000,
      logger,
      handle: async (_raw, envelope) => {
        senders.push(envelope.from);
        await gate;
      },
    });
    try {
      let answered = false;
      const sending = transportTo(smtp.port)
        .sendMail(message)
        .then((info) => {
          answered = true;
          return info;
        });
      await waitFor(() => senders.length === 1, { what: "handler called" });
      await new Promise((r) => setTimeout(r, 200));
      expect(answered).toBe(false);
      release();
      expect((await sending).response).toMatch(/^250 /);
      expect(senders).toEqual(["a@exempel.se"]);
    } finally {
      await smtp.close();
    }
  });

  it("answers 451 when the message could not be taken in, and 552 when it is too large", async () => {
    const smtp = await startInboundSmtp({
      port: 0,
      host: "127.0.0.1",
      maxBytes: 2000,
      logger,
      handle: async () => {
        throw new Error("database is down");
      },
    });
    try {
      await expect(transportTo(smtp.port).sendMail(message)).rejects.toMatchObject({ responseCode: 451 });
      const big = { ...message, raw: `Subject: big\r\n\r\n${"x".repeat(5000)}\r\n` };
      await expect(transportTo(smtp.port).sendMail(big)).rejects.toMatchObject({ responseCode: 552 });
    } finally {
      await smtp.close();
    }
  });
});
