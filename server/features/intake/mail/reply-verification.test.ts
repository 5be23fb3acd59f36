import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportDetail, ReportsPage } from "../../../../contract/intake-staff.js";
import { useTestApp } from "../../../../test/support/app.js";
import { createTokenFor } from "../../../../test/support/auth.js";
import { sweepOrphanBlobs } from "../blob-sweep.js";
import { ingestMail, type MailIntakeDeps } from "./ingest.js";
import { emptyKeyring } from "./pgp-keyring.js";

// Mail that claims to be someone (issue 11) and evidence kept for every message (issue 19): a reference in
// the subject is only a claim; a reply threads by our reply token or by its participant's address, keeps
// its raw message and headers, and Message-ID dedupe looks at the content too.

const app = useTestApp({
  FYR_DATA_DIR: mkdtempSync(join(tmpdir(), "fyr-mail-verify-")),
  FYR_MAIL_FROM: "CERT <cert@cert.example>",
  FYR_MAIL_AUTHSERV_ID: "mx.cert.example",
});
let analyst = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
});

const db = () => app().fyr.deps.db;
function deps(): MailIntakeDeps {
  const { db, clock, config, logger, blobs } = app().fyr.deps;
  return { db, clock, config, logger, blobs, keyring: emptyKeyring };
}
const address = (who: string) => `${who}.${randomBytes(3).toString("hex")}@exempel.se`;

function mail(opts: {
  from: string;
  subject: string;
  body: string;
  messageId?: string;
  inReplyTo?: string;
  extraHeaders?: string[];
}): Buffer {
  const lines = [
    ...(opts.extraHeaders ?? []),
    `From: ${opts.from}`,
    "To: cert@cert.example",
    `Subject: ${opts.subject}`,
    `Message-ID: ${opts.messageId ?? `<${randomBytes(8).toString("hex")}@exempel.se>`}`,
    ...(opts.inReplyTo ? [`In-Reply-To: ${opts.inReplyTo}`, `References: ${opts.inReplyTo}`] : []),
    "Date: Fri, 20 Nov 2026 09:00:00 +0100",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "",
    opts.body,
    "",
  ];
  return Buffer.from(lines.join("\r\n"), "utf8");
}

async function firstReport(reporter: string) {
  const result = await ingestMail(
    deps(),
    mail({ from: reporter, subject: "Intrång", body: "Webbskal hittat." }),
    "smtp",
  );
  if (result.outcome !== "created") throw new Error(`not created: ${result.outcome}`);
  return result;
}
const messagesOf = (reportId: string) =>
  db().selectFrom("report_messages").selectAll().where("report_id", "=", reportId).orderBy("seq").execute();
const reportRow = (id: string | null) =>
  db()
    .selectFrom("reports")
    .selectAll()
    .where("id", "=", id ?? "")
    .executeTakeFirstOrThrow();
const get = (url: string) =>
  app().fyr.http.inject({ method: "GET", url, headers: { authorization: `Bearer ${analyst}` } });

/** The Message-ID of the receipt Fyr sent the reporter (what their mail client puts in In-Reply-To). */
async function receiptMessageId(to: string): Promise<string> {
  const row = await db()
    .selectFrom("mail_messages")
    .select("id")
    .where(sql<boolean>`${to} = any(recipients)`)
    .executeTakeFirstOrThrow();
  return `<${row.id}@cert.example>`;
}

describe("mail that claims to be someone", () => {
  it("does not thread a stranger's mail carrying a report's reference: a new, unverified report for duty", async () => {
    const reporter = address("anna");
    const first = await firstReport(reporter);
    const mallory = address("mallory");
    const spoof = await ingestMail(
      deps(),
      mail({ from: mallory, subject: `Re: [${first.reference}] Nytt kontonummer`, body: "Betala till konto 1234." }),
      "smtp",
    );
    expect(spoof.outcome).toBe("created");
    expect(await messagesOf(first.reportId)).toEqual([]);
    const filed = await reportRow(spoof.reportId);
    expect(filed).toMatchObject({ reporter_email: mallory, mail_unverified_reference: first.reference });
    const inbox = (await get("/api/v1/reports?limit=50")).json<ReportsPage>();
    expect(inbox.items.find((i) => i.reference === filed.reference)).toMatchObject({
      unverifiedReference: first.reference,
      messageIdReused: false,
    });
  });

  it("threads a reply answering our receipt (the reply token) from any address, recording the real sender", async () => {
    const reporter = address("anna");
    const first = await firstReport(reporter);
    const colleague = address("kollega");
    const raw = mail({
      from: `Kalle Kollega <${colleague}>`,
      subject: "Re: Vi har tagit emot din incidentrapport",
      body: "Vi hittade fler loggar.",
      inReplyTo: await receiptMessageId(reporter),
    });
    const reply = await ingestMail(deps(), raw, "smtp");
    expect(reply).toEqual({ outcome: "threaded", reportId: first.reportId, reference: first.reference });
    const [message] = await messagesOf(first.reportId);
    expect(message).toMatchObject({ from_address: colleague, mail_verified_by: "token", raw_size: raw.length });

    // A token that is not ours (a guessed id) proves nothing.
    const guessed = await ingestMail(
      deps(),
      mail({
        from: address("gissare"),
        subject: `Re: [${first.reference}]`,
        body: "Gissat.",
        inReplyTo: "<00000000-0000-4000-8000-000000000000@cert.example>",
      }),
      "smtp",
    );
    expect(guessed.outcome).toBe("created");
  });

  it("threads a reply from the reporter's own address, unless the trusted MTA says the address is forged", async () => {
    const reporter = address("anna");
    const first = await firstReport(reporter);
    const ok = await ingestMail(
      deps(),
      mail({
        from: reporter,
        subject: `Re: [${first.reference}]`,
        body: "Tillägg.",
        extraHeaders: [
          "Authentication-Results: mx.cert.example; spf=pass smtp.mailfrom=exempel.se; dkim=pass header.d=exempel.se; dmarc=pass header.from=exempel.se",
        ],
      }),
      "smtp",
    );
    expect(ok).toMatchObject({ outcome: "threaded", reportId: first.reportId });
    const forged = await ingestMail(
      deps(),
      mail({
        from: reporter,
        subject: `Re: [${first.reference}]`,
        body: "Nytt kontonummer.",
        extraHeaders: [
          "Authentication-Results: mx.cert.example; spf=fail smtp.mailfrom=exempel.se; dkim=none; dmarc=fail (p=reject) header.from=exempel.se",
          // Written by the sender, below the MTA's own: never believed.
          "Authentication-Results: mx.cert.example; dmarc=pass",
        ],
      }),
      "smtp",
    );
    expect(forged.outcome).toBe("created");
    expect(await messagesOf(first.reportId)).toHaveLength(1);

    const detail = (await get(`/api/v1/reports/${first.reference}`)).json<ReportDetail>();
    expect(detail.messages[0]?.mail).toMatchObject({
      from: reporter,
      verifiedBy: "sender",
      auth: { authservId: "mx.cert.example", spf: "pass", dkim: "pass", dmarc: "pass" },
    });
    const forgedReport = (await get(`/api/v1/reports/${forged.reference ?? ""}`)).json<ReportDetail>();
    expect(forgedReport.mail).toMatchObject({
      auth: { spf: "fail", dkim: "none", dmarc: "fail" },
      unverifiedReference: first.reference,
    });
  });

  it("shows only an Authentication-Results verdict from the configured authserv-id", async () => {
    const result = await ingestMail(
      deps(),
      mail({
        from: address("ny"),
        subject: "Nätfiske",
        body: "Se bifogat.",
        extraHeaders: ["Authentication-Results: mx.evil.example; spf=pass; dkim=pass; dmarc=pass"],
      }),
      "smtp",
    );
    const detail = (await get(`/api/v1/reports/${result.reference ?? ""}`)).json<ReportDetail>();
    expect(detail.mail?.auth).toBeNull();
  });
});

describe("evidence kept for every message", () => {
  it("keeps a threaded reply's raw message and headers, downloadable and never swept", async () => {
    const reporter = address("anna");
    const first = await firstReport(reporter);
    const raw = mail({ from: reporter, subject: `Re: [${first.reference}]`, body: "Loggar bifogade." });
    await ingestMail(deps(), raw, "imap");
    const detail = (await get(`/api/v1/reports/${first.reference}`)).json<ReportDetail>();
    const message = detail.messages[0];
    expect(message?.mail).toMatchObject({ rawSize: raw.length, headers: { from: reporter } });
    const download = await get(`/api/v1/reports/${first.reference}/messages/${message?.id ?? ""}/original`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(raw)).toBe(true);
    const { blobs } = app().fyr.deps;
    await sweepOrphanBlobs(db(), blobs, new Date(Date.now() + 86_400_000));
    expect(await blobs.exists(message?.mail?.rawSha256 ?? "")).toBe(true);
  });

  it("takes a copy of the same message once, keeping the copy's raw bytes referenced", async () => {
    const messageId = `<copy-${randomBytes(6).toString("hex")}@exempel.se>`;
    const original = mail({ from: address("anna"), subject: "Larm", body: "Larm från IDS.", messageId });
    const relayed = Buffer.concat([Buffer.from("Received: from relay.example by mx.cert.example\r\n"), original]);
    const first = await ingestMail(deps(), original, "smtp");
    const copy = await ingestMail(deps(), relayed, "imap");
    expect(copy).toEqual({ outcome: "duplicate", reportId: first.reportId, reference: first.reference });
    const { blobs } = app().fyr.deps;
    await sweepOrphanBlobs(db(), blobs, new Date(Date.now() + 86_400_000));
    const copyHash = createHash("sha256").update(relayed).digest("hex");
    expect(await blobs.exists(copyHash)).toBe(true);
    const arrivals = await db()
      .selectFrom("mail_arrivals")
      .select(["outcome", "raw_sha256"])
      .where("message_id", "=", messageId)
      .orderBy("received_at")
      .execute();
    expect(arrivals.map((a) => a.outcome).sort()).toEqual(["created", "duplicate"]);
    expect(arrivals.map((a) => a.raw_sha256)).toContain(copyHash);
  });

  it("files a different message reusing a Message-ID as a new report, flagged for duty", async () => {
    const messageId = `<reused-${randomBytes(6).toString("hex")}@exempel.se>`;
    const first = await ingestMail(
      deps(),
      mail({ from: address("a"), subject: "Första", body: "Ett.", messageId }),
      "smtp",
    );
    const other = await ingestMail(
      deps(),
      mail({ from: address("b"), subject: "Andra", body: "Något helt annat.", messageId }),
      "smtp",
    );
    expect(other.outcome).toBe("created");
    expect(other.reportId).not.toBe(first.reportId);
    const detail = (await get(`/api/v1/reports/${other.reference ?? ""}`)).json<ReportDetail>();
    expect(detail.mail).toMatchObject({ messageId, messageIdReused: true });
    expect((await reportRow(first.reportId)).mail_message_id_reused).toBe(false);
  });
});
