import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageReceipt, ThreadsView } from "../../../../contract/correspondence.js";
import { useTestApp } from "../../../../test/support/app.js";
import { createTokenFor } from "../../../../test/support/auth.js";
import { ingestMail, type MailIntakeDeps } from "../../intake/mail/ingest.js";
import { emptyKeyring } from "../../intake/mail/pgp-keyring.js";
import { tempDataDir } from "../../intake/test-fixtures.js";
import { takeIncidentReply } from "./take-reply.js";
import { fileTestReport, insertTestIncident, linkTestReport, replyMail } from "./test-fixtures.js";

// Replies carrying an incident reference, through mail intake's ingest with real RFC 5322 text: each
// lands in the thread it answers, and is taken only once.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_MAIL_FROM: "CERT-SE <cert@cert.example>" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));

let analyst = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
});

const db = () => app().fyr.deps.db;
function deps(): MailIntakeDeps {
  const { db, clock, config, logger, blobs } = app().fyr.deps;
  return { db, clock, config, logger, blobs, keyring: emptyKeyring, incidentReplies: takeIncidentReply };
}
const call = (method: "GET" | "POST", url: string, payload?: object) =>
  app().fyr.http.inject({
    method,
    url,
    headers: { authorization: `Bearer ${analyst}` },
    ...(payload ? { payload } : {}),
  });
const threads = async (reference: string) =>
  (await call("GET", `/api/v1/incidents/${reference}/messages`)).json<ThreadsView>().threads;
const address = (who: string) => `${who}.${randomBytes(3).toString("hex")}@isp.example`;

async function incidentWithThirdParty() {
  const report = await fileTestReport(app());
  const incident = await insertTestIncident(db());
  await linkTestReport(db(), incident.id, report.reference);
  const partner = address("abuse");
  const sent = await call("POST", `/api/v1/incidents/${incident.reference}/messages`, {
    to: [partner],
    subject: "Skadlig trafik",
    body: "Kan ni undersöka 192.0.2.44?",
  });
  expect(sent.statusCode).toBe(201);
  return { report, incident, partner, receipt: sent.json<MessageReceipt>() };
}

describe("replies to an incident", () => {
  it("puts a third party's reply in their thread, once, with a timeline entry", async () => {
    const { incident, partner, receipt } = await incidentWithThirdParty();
    const raw = replyMail({
      from: `Abuse Desk <${partner.toUpperCase()}>`,
      subject: `Re: [${incident.reference}] Skadlig trafik`,
      body: "Hej! Kunden är kontaktad och datorn är bortkopplad.",
    });
    const result = await ingestMail(deps(), raw, "import");
    expect(result).toMatchObject({
      outcome: "incident",
      reference: incident.reference,
      threadId: receipt.thread.id,
      threadKind: "third-party",
      duplicate: false,
    });
    const again = await ingestMail(deps(), raw, "imap");
    expect(again).toMatchObject({ outcome: "duplicate", reference: incident.reference });

    const thread = (await threads(incident.reference)).find((t) => t.id === receipt.thread.id);
    expect(thread?.messages.map((m) => [m.direction, m.deliveryStatus])).toEqual([
      ["out", "queued"],
      ["in", "received"],
    ]);
    expect(thread?.messages[1]).toMatchObject({
      from: partner,
      body: "Hej! Kunden är kontaktad och datorn är bortkopplad.",
    });
    const events = await db()
      .selectFrom("incident_events")
      .select("kind")
      .where("incident_id", "=", incident.id)
      .execute();
    expect(events.filter((e) => e.kind === "message_in")).toHaveLength(1);
    const files = await db().selectFrom("incident_message_files").select(["kind", "size"]).execute();
    expect(files).toContainEqual({ kind: "original", size: raw.length });
  });

  it("follows In-Reply-To to the thread answered, whoever replies from the counterpart", async () => {
    const { incident, receipt } = await incidentWithThirdParty();
    const outbox = await db()
      .selectFrom("incident_messages")
      .select("outbox_id")
      .where("thread_id", "=", receipt.thread.id)
      .executeTakeFirstOrThrow();
    const result = await ingestMail(
      deps(),
      replyMail({
        from: address("kollega"),
        subject: `SV: [${incident.reference}] Skadlig trafik`,
        body: "Jag tar över ärendet från min kollega.",
        inReplyTo: `<${outbox.outbox_id ?? ""}@cert.example>`,
      }),
      "smtp",
    );
    expect(result).toMatchObject({ outcome: "incident", threadId: receipt.thread.id });
  });

  it("takes a stalled incident back to open when the party it waits on answers", async () => {
    const { incident, partner } = await incidentWithThirdParty();
    const pausedAt = new Date(Date.now() - 3_600_000);
    const dueAt = new Date(Date.now() + 3_600_000);
    await db()
      .updateTable("incidents")
      .set({ status: "stalled", sla_paused_at: pausedAt, due_at: dueAt })
      .where("id", "=", incident.id)
      .execute();
    await ingestMail(
      deps(),
      replyMail({ from: partner, subject: `Re: [${incident.reference}] Skadlig trafik`, body: "Här är loggarna." }),
      "import",
    );
    const after = await db()
      .selectFrom("incidents")
      .select(["status", "sla_paused_at", "due_at"])
      .where("id", "=", incident.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe("open");
    expect(after.sla_paused_at).toBeNull();
    // The hour spent waiting is credited: the due date moved on by about that hour.
    expect(after.due_at?.getTime() ?? 0).toBeGreaterThan(dueAt.getTime() + 3_500_000);
    const timeline = await call("GET", `/api/v1/incidents/${incident.reference}/timeline`);
    const status = timeline
      .json<{ items: { kind: string; data: Record<string, unknown> }[] }>()
      .items.filter((e) => e.kind === "status");
    expect(status.at(-1)?.data).toMatchObject({ from: "stalled", to: "open", because: "reply" });
  });

  it("files mail from a stranger naming an incident as a new, unverified report: no thread, no reopening", async () => {
    const incident = await insertTestIncident(db(), { tlp: "TLP:RED" });
    await db().updateTable("incidents").set({ status: "stalled" }).where("id", "=", incident.id).execute();
    const stranger = address("okand");
    const result = await ingestMail(
      deps(),
      replyMail({ from: stranger, subject: `[${incident.reference}] Vi ser också detta`, body: "Samma IP hos oss." }),
      "import",
    );
    expect(result.outcome).toBe("created");
    const filed = await db()
      .selectFrom("reports")
      .select(["reporter_email", "mail_unverified_reference"])
      .where("id", "=", result.reportId ?? "")
      .executeTakeFirstOrThrow();
    expect(filed).toEqual({ reporter_email: stranger, mail_unverified_reference: incident.reference });
    const threadsOfIncident = await db()
      .selectFrom("incident_threads")
      .select("id")
      .where("incident_id", "=", incident.id)
      .execute();
    expect(threadsOfIncident).toEqual([]);
    const status = await db().selectFrom("incidents").select("status").where("id", "=", incident.id).executeTakeFirst();
    expect(status?.status).toBe("stalled");
  });

  it("does not take a forged reporter address into the reporter's thread when a trusted MTA says DMARC failed", async () => {
    const { report, incident } = await incidentWithThirdParty();
    const { config } = app().fyr.deps;
    const raw = Buffer.concat([
      Buffer.from("Authentication-Results: mx.cert.example; spf=fail smtp.mailfrom=exempel.se; dmarc=fail\r\n"),
      replyMail({ from: report.email, subject: `Re: [${incident.reference}] Loggar`, body: "Betala hit istället." }),
    ]);
    const result = await ingestMail(
      { ...deps(), config: { ...config, mailAuthservIds: ["mx.cert.example"] } },
      raw,
      "smtp",
    );
    expect(result.outcome).toBe("created");
  });

  it("puts the reporter's reply in their report's conversation, on the follow-up page", async () => {
    const { report, incident } = await incidentWithThirdParty();
    const result = await ingestMail(
      deps(),
      replyMail({
        from: `Anna Andersson <${report.email}>`,
        subject: `Re: [${incident.reference}] Behöver loggar`,
        body: "Loggarna finns på vår server, vi skickar dem i eftermiddag.",
      }),
      "import",
    );
    expect(result).toMatchObject({ outcome: "incident", threadKind: "reporter", threadId: report.reference });
    const followUp = await app().fyr.http.inject({
      method: "GET",
      url: "/api/public/v1/follow-up",
      headers: { authorization: `Bearer ${report.followUpToken}` },
    });
    expect(followUp.json<{ messages: { from: string; body: string }[] }>().messages).toContainEqual(
      expect.objectContaining({
        from: "reporter",
        body: "Loggarna finns på vår server, vi skickar dem i eftermiddag.",
      }),
    );
    const reporterThread = (await threads(incident.reference)).find((t) => t.kind === "reporter");
    expect(reporterThread?.messages.at(-1)).toMatchObject({
      direction: "in",
      via: "email",
      deliveryStatus: "received",
    });
    const events = await db()
      .selectFrom("incident_events")
      .select(["kind", "data"])
      .where("incident_id", "=", incident.id)
      .execute();
    expect(events).toContainEqual(
      expect.objectContaining({ kind: "message_in", data: expect.objectContaining({ report: report.reference }) }),
    );
  });

  it("files mail naming an incident that does not exist as a new report", async () => {
    const result = await ingestMail(
      deps(),
      replyMail({ from: address("ny"), subject: "[FYR-INC-1999-9999] Hjälp", body: "Vi har blivit hackade." }),
      "import",
    );
    expect(result.outcome).toBe("created");
  });
});
