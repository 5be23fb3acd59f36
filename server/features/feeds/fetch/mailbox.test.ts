import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { ImapFlow } from "imapflow";
import nodemailer from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedFetchResult, FeedRunList, FeedSource } from "../../../../contract/feeds.js";
import { type TestApp, createTestApp } from "../../../../test/support/app.js";
import { createTokenFor } from "../../../../test/support/auth.js";
import { type Dovecot, freePort, startDovecot } from "../../../../test/support/dovecot.js";
import { waitFor } from "../../../../test/support/wait.js";

// Mailed reports, end to end: a real SMTP session to Fyr's inbound listener, routed by recipient to a
// feed source, and a real Dovecot folder polled for a source. Each attachment is a run; the same mail
// delivered twice imports nothing twice.

const sample = readFileSync(fileURLToPath(new URL("../shadowserver/samples/scan_rdp.csv", import.meta.url)));
const started = await startDovecot();
const skipImap = typeof started === "string" ? started : null;

/** A Shadowserver-style report mail: the CSV (or its .gz) attached, with its own Message-ID. */
async function reportMail(to: string, attachment: { filename: string; content: Buffer }, messageId: string) {
  const mail = new MailComposer({
    from: "Shadowserver <autoreports@shadowserver.org>",
    to,
    subject: "[SE] Shadowserver Sweden Accessible RDP Report: 2026-11-30",
    messageId,
    text: "Attached is the report.",
    attachments: [attachment, { filename: "logo.png", content: Buffer.from("not a feed file") }],
  });
  return mail.compile().build();
}

let app: TestApp;
let smtpPort = 0;
let admin = "";
beforeAll(async () => {
  smtpPort = await freePort();
  app = await createTestApp({
    FYR_ROLES: "staff,worker",
    FYR_INBOUND_SMTP_PORT: String(smtpPort),
    FYR_DATA_DIR: mkdtempSync(join(tmpdir(), "fyr-feed-mail-")),
  });
  admin = (await createTokenFor(app, { roles: ["admin"] })).token;
  app.fyr.startBackground();
});
afterAll(async () => {
  await app.fyr.stopBackground(0);
  await app.fyr.http.close();
  await app.database.drop();
  if (typeof started !== "string") started.stop();
});

const request = (method: "GET" | "POST", url: string, payload?: unknown) =>
  app.fyr.http.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${admin}` } });
const runsOf = async (sourceId: string) =>
  (await request("GET", `/api/v1/feeds/runs?source=${sourceId}`)).json<FeedRunList>().items;
const unique = () => randomBytes(4).toString("hex");

describe("mailed feed reports", () => {
  it("routes mail to a source's address into runs of it, once per Message-ID; other mail stays a report", async () => {
    const address = `feeds-${unique()}@cert.example`;
    const made = await request("POST", "/api/v1/feeds/sources", {
      name: `mail-${unique()}`,
      format: "shadowserver",
      fetch: { kind: "mail", address },
    });
    expect(made.statusCode, made.body).toBe(201);
    const source = made.json<FeedSource>();
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: smtpPort, secure: false, ignoreTLS: true });
    const raw = await reportMail(
      address,
      { filename: "2026-11-30-scan_rdp-se.csv", content: sample },
      `<${unique()}@shadowserver.org>`,
    );
    // Delivered twice (an MTA's retry after a lost 250): one run.
    for (let i = 0; i < 2; i += 1) {
      await transport.sendMail({
        envelope: { from: "autoreports@shadowserver.org", to: [address.toUpperCase()] },
        raw,
      });
    }
    const runs = await waitFor(
      async () => {
        const found = await runsOf(source.id);
        return found.length > 0 && found.every((r) => r.status === "done") ? found : undefined;
      },
      { what: "the mailed report's run", timeoutMs: 20_000 },
    );
    expect(runs.map((r) => [r.fileName, r.receivedVia, r.events, r.reportType])).toEqual([
      ["2026-11-30-scan_rdp-se.csv", "mail", 2, "scan_rdp"],
    ]);

    // Mail to the CERT's own address is a report, as before.
    const subject = `Intrång ${unique()}`;
    await transport.sendMail({ from: "someone@example.org", to: "cert@cert.example", subject, text: "Hjälp" });
    await waitFor(
      async () => app.fyr.deps.db.selectFrom("reports").select("id").where("summary", "=", subject).executeTakeFirst(),
      { what: "the report", timeoutMs: 20_000 },
    );
    transport.close();
  });

  it.skipIf(skipImap !== null)(`polls a source's IMAP folder${skipImap ? ` (skipped: ${skipImap})` : ""}`, async () => {
    const dovecot = started as Dovecot;
    const made = await request("POST", "/api/v1/feeds/sources", {
      name: `imap-${unique()}`,
      format: "shadowserver",
      reportType: "scan_rdp",
      fetch: {
        kind: "imap",
        url: `imap://${dovecot.user}@127.0.0.1:${dovecot.port}/INBOX`,
        password: dovecot.password,
        everyMinutes: 600,
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const source = made.json<FeedSource>();
    expect(made.body).not.toContain(dovecot.password);
    const client = new ImapFlow({
      host: "127.0.0.1",
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await client.connect();
    const raw = await reportMail(
      "cert@cert.example",
      { filename: "report.csv.gz", content: gzipSync(sample) },
      `<${unique()}@shadowserver.org>`,
    );
    // The same mail twice in the folder (copied there by two rules): one run.
    await client.append("INBOX", raw);
    await client.append("INBOX", raw);
    // The worker's fetcher may take the folder at the same time: the runs are counted, not the answer.
    const fetched = (await request("POST", `/api/v1/feeds/sources/${source.id}/fetch`)).json<FeedFetchResult>();
    expect(fetched.error).toBeNull();
    const runs = await waitFor(
      async () => {
        const found = await runsOf(source.id);
        return found.length > 0 && found.every((r) => r.status === "done") ? found : undefined;
      },
      { what: "the folder's run", timeoutMs: 20_000 },
    );
    expect(runs.map((r) => [r.fileName, r.receivedVia, r.events])).toEqual([["report.csv.gz", "mail", 2]]);
    const lock = await client.getMailboxLock("INBOX");
    try {
      expect((await client.search({ seen: false }, { uid: true })) || []).toEqual([]);
    } finally {
      lock.release();
    }
    await client.logout();
  });
});
