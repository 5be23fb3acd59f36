import { writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import * as openpgp from "openpgp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageReceipt, ThreadsView } from "../../../../contract/correspondence.js";
import { useTestApp } from "../../../../test/support/app.js";
import { createTokenFor } from "../../../../test/support/auth.js";
import { type SmtpPeer, startSmtpPeer } from "../../../../test/support/smtp-peer.js";
import { tempDataDir } from "../../intake/test-fixtures.js";
import { fileTestReport, insertTestIncident, linkTestReport } from "./test-fixtures.js";

// Writing from an incident: the reporter's thread (follow-up page), third parties through a real SMTP
// peer, OpenPGP encryption with a known key and signing with the CERT key.

const dataDir = tempDataDir();
let peer: SmtpPeer;
let cert: { privateKey: openpgp.PrivateKey; publicKey: openpgp.PublicKey };
let partner: { privateKey: openpgp.PrivateKey; publicKey: openpgp.PublicKey };
const env: Record<string, string> = { FYR_DATA_DIR: dataDir, FYR_MAIL_FROM: "CERT-SE <cert@cert.example>" };
beforeAll(async () => {
  peer = await startSmtpPeer();
  [cert, partner] = await Promise.all([
    openpgp.generateKey({ userIDs: [{ name: "CERT-SE", email: "cert@cert.example" }], format: "object" }),
    openpgp.generateKey({ userIDs: [{ name: "ISP Abuse", email: "abuse@isp.example" }], format: "object" }),
  ]);
  const keyFile = join(dataDir, "cert-key.asc");
  writeFileSync(keyFile, cert.privateKey.armor());
  env.FYR_PGP_KEY_FILE = keyFile;
  env.FYR_SMTP_URL = peer.url;
});
const app = useTestApp(env);
afterAll(async () => {
  await peer.close();
  await rm(dataDir, { recursive: true, force: true });
});

let analyst = "";
let admin = "";
let observer = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
});

const db = () => app().fyr.deps.db;
const call = (method: "GET" | "POST", url: string, token: string, payload?: object) =>
  app().fyr.http.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });
const send = (reference: string, payload: object, token = analyst) =>
  call("POST", `/api/v1/incidents/${reference}/messages`, token, payload);
const threads = async (reference: string, token = analyst) => {
  const res = await call("GET", `/api/v1/incidents/${reference}/messages`, token);
  expect(res.statusCode).toBe(200);
  return res.json<ThreadsView>().threads;
};
const mailTo = (address: string) => peer.received.filter((m) => m.to.includes(address));
/** The armored block of a delivered message, as a mail client decodes it. */
const armoredIn = async (raw: string, kind: "MESSAGE" | "SIGNED MESSAGE") => {
  const text = (await simpleParser(raw)).text ?? "";
  const start = text.indexOf(`-----BEGIN PGP ${kind}-----`);
  const endMarker = kind === "MESSAGE" ? "-----END PGP MESSAGE-----" : "-----END PGP SIGNATURE-----";
  const end = text.indexOf(endMarker);
  expect(start).toBeGreaterThanOrEqual(0);
  return text.slice(start, end + endMarker.length);
};

async function incidentWithReport(overrides: Record<string, unknown> = {}) {
  const report = await fileTestReport(app(), overrides);
  const incident = await insertTestIncident(db());
  await linkTestReport(db(), incident.id, report.reference);
  return { report, incident };
}

describe("writing to the reporter", () => {
  it("puts the message on the follow-up page, mails it signed, and shows the reporter's answer", async () => {
    const { report, incident } = await incidentWithReport();
    const res = await send(incident.reference, {
      to: [report.email.toUpperCase()],
      subject: "Behöver loggar",
      body: "Hej! Kan ni skicka brandväggsloggarna från i förrgår?",
    });
    expect(res.statusCode).toBe(201);
    const receipt = res.json<MessageReceipt>();
    expect(receipt).toMatchObject({
      thread: { id: report.reference, kind: "reporter" },
      status: "queued",
      encrypted: false,
      signed: true,
      consentWarning: null,
    });

    const followUp = await app().fyr.http.inject({
      method: "GET",
      url: "/api/public/v1/follow-up",
      headers: { authorization: `Bearer ${report.followUpToken}` },
    });
    const page = followUp.json<{ messages: { from: string; body: string }[] }>();
    expect(page.messages).toContainEqual(
      expect.objectContaining({ from: "cert", body: "Hej! Kan ni skicka brandväggsloggarna från i förrgår?" }),
    );
    const answer = await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/follow-up/messages",
      headers: { authorization: `Bearer ${report.followUpToken}` },
      payload: { body: "Här kommer de: 192.0.2.7 syns i loggen kl. 03:12." },
    });
    expect(answer.statusCode).toBe(201);

    await app().fyr.runDueJobs();
    const [mail] = mailTo(report.email).filter((m) => m.headers.subject?.includes(incident.reference));
    expect((await simpleParser(mail?.raw ?? "")).subject).toBe(`[${incident.reference}] Behöver loggar`);
    expect(mail?.headers["auto-submitted"]).toBe("no");
    const signed = await openpgp.readCleartextMessage({
      cleartextMessage: await armoredIn(mail?.raw ?? "", "SIGNED MESSAGE"),
    });
    const verified = await openpgp.verify({ message: signed, verificationKeys: cert.publicKey });
    await expect(verified.signatures[0]?.verified).resolves.toBe(true);
    expect(verified.data).toContain("brandväggsloggarna");

    const [thread] = await threads(incident.reference);
    expect(thread).toMatchObject({ id: report.reference, kind: "reporter", report: report.reference });
    expect(thread?.messages.map((m) => [m.direction, m.deliveryStatus])).toEqual([
      ["out", "sent"],
      ["in", "received"],
    ]);
    expect(thread?.messages[0]).toMatchObject({ subject: `[${incident.reference}] Behöver loggar`, signed: true });
    expect(thread?.messages[1]?.body).toContain("192.0.2.7");

    const row = await db()
      .selectFrom("incidents")
      .select("first_response_at")
      .where("id", "=", incident.id)
      .executeTakeFirstOrThrow();
    expect(row.first_response_at).not.toBeNull();
    const events = await db()
      .selectFrom("incident_events")
      .select(["kind", "data"])
      .where("incident_id", "=", incident.id)
      .execute();
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: "message_out",
        data: expect.objectContaining({ threadKind: "reporter", report: report.reference }),
      }),
    );
  });

  it("writes to a phone report's reporter by naming the report, without mail", async () => {
    const { report, incident } = await incidentWithReport();
    await db().updateTable("reports").set({ reporter_email: null }).where("reference", "=", report.reference).execute();
    const res = await send(incident.reference, {
      report: report.reference,
      subject: "Uppföljning",
      body: "Vi ringer i eftermiddag.",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<MessageReceipt>()).toMatchObject({ status: "none", thread: { kind: "reporter" } });
  });
});

describe("writing to third parties", () => {
  it("encrypts to a known key, signs, keeps one thread per counterpart and shows delivery", async () => {
    const { incident } = await incidentWithReport();
    const added = await call("POST", "/api/v1/pgp-keys", admin, { armoredKey: partner.publicKey.armor() });
    expect([201, 409]).toContain(added.statusCode);

    const body = "Hej, en kund till er (192.0.2.44) skickar ut skadlig kod. Kan ni undersöka?";
    const first = await send(incident.reference, {
      to: ["abuse@isp.example"],
      subject: `[${incident.reference}] Skadlig trafik från ert nät`,
      body,
    });
    expect(first.statusCode).toBe(201);
    const receipt = first.json<MessageReceipt>();
    expect(receipt).toMatchObject({ thread: { kind: "third-party" }, status: "queued", encrypted: true, signed: true });

    const before = await threads(incident.reference);
    expect(before.find((t) => t.id === receipt.thread.id)?.messages[0]?.deliveryStatus).toBe("queued");
    await app().fyr.runDueJobs();

    const [mail] = mailTo("abuse@isp.example").filter((m) => m.headers.subject?.includes(incident.reference));
    expect((await simpleParser(mail?.raw ?? "")).subject).toBe(`[${incident.reference}] Skadlig trafik från ert nät`);
    expect(mail?.raw).not.toContain("192.0.2.44");
    const message = await openpgp.readMessage({ armoredMessage: await armoredIn(mail?.raw ?? "", "MESSAGE") });
    const opened = await openpgp.decrypt({
      message,
      decryptionKeys: partner.privateKey,
      verificationKeys: cert.publicKey,
      expectSigned: true,
    });
    expect(opened.data).toBe(body);

    const second = await send(incident.reference, {
      to: ["abuse@isp.example"],
      subject: "Påminnelse",
      body: "Hörde ni något?",
    });
    expect(second.json<MessageReceipt>().thread.id).toBe(receipt.thread.id);
    const after = await threads(incident.reference);
    const thread = after.find((t) => t.id === receipt.thread.id);
    expect(thread).toMatchObject({ kind: "third-party", addresses: ["abuse@isp.example"] });
    expect(thread?.messages.map((m) => m.deliveryStatus)).toEqual(["sent", "queued"]);
    expect(thread?.messages[1]?.subject).toBe(`[${incident.reference}] Påminnelse`);
  });

  it("sends in the clear but signed when a recipient has no key, and refuses when encryption is required", async () => {
    const { incident } = await incidentWithReport();
    const plain = await send(incident.reference, {
      to: ["soc@kund.example"],
      cc: ["abuse@isp.example"],
      subject: "Information",
      body: "Till kännedom.",
    });
    expect(plain.json<MessageReceipt>()).toMatchObject({ encrypted: false, signed: true });
    const refused = await send(incident.reference, {
      to: ["soc@kund.example"],
      subject: "Hemligt",
      body: "…",
      requireEncryption: true,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: "recipient_key_missing" });
    await app().fyr.runDueJobs();
    const [mail] = mailTo("soc@kund.example");
    expect(mail?.to.sort()).toEqual(["abuse@isp.example", "soc@kund.example"]);
    expect(mail?.headers.cc).toBe("abuse@isp.example");
  });

  it("warns, without blocking, when a linked report said information may not be shared", async () => {
    const { report, incident } = await incidentWithReport({ sharingConsent: { information: "none" } });
    const res = await send(incident.reference, {
      to: ["partner@cert.example"],
      subject: "Delning",
      body: "Vi ser samma IP.",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<MessageReceipt>().consentWarning).toEqual({
      code: "sharing_information_none",
      reports: [report.reference],
    });
    const toReporter = await send(incident.reference, { to: [report.email], subject: "Fråga", body: "Får vi dela?" });
    expect(toReporter.json<MessageReceipt>().consentWarning).toBeNull();
  });
});

describe("bad input and permissions", () => {
  it("answers 400 listing every bad address, and refuses mixing the reporter with others", async () => {
    const { report, incident } = await incidentWithReport();
    const res = await send(incident.reference, {
      to: ["inte en adress", "ok@exempel.se", "fel@"],
      cc: ["också fel"],
      subject: "Hej",
      body: "…",
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.to.0", "body.to.2", "body.cc.0"]));
    expect(paths).not.toContain("body.to.1");
    const mixed = await send(incident.reference, { to: [report.email, "x@isp.example"], subject: "Hej", body: "…" });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json()).toMatchObject({ code: "mixed_recipients" });
    const none = await send(incident.reference, { to: [], subject: "Hej", body: "…" });
    expect(none.json()).toMatchObject({ code: "recipients_required" });
  });

  it("lets observers read but not write (403)", async () => {
    const { incident } = await incidentWithReport();
    const res = await send(incident.reference, { to: ["x@isp.example"], subject: "Hej", body: "…" }, observer);
    expect(res.statusCode).toBe(403);
    await threads(incident.reference, observer);
  });

  it("hides a TLP:RED incident's messages from a non-member analyst (404), not from members and admins", async () => {
    const member = await createTokenFor(app(), { roles: ["analyst"] });
    const { report } = await incidentWithReport();
    const incident = await insertTestIncident(db(), { tlp: "TLP:RED", assigneeId: member.userId });
    await linkTestReport(db(), incident.id, report.reference);
    const sent = await send(
      incident.reference,
      { to: ["x@isp.example"], subject: "Röd", body: "Endast namngivna." },
      member.token,
    );
    expect(sent.statusCode).toBe(201);

    for (const token of [analyst, observer]) {
      const read = await call("GET", `/api/v1/incidents/${incident.reference}/messages`, token);
      expect(read.statusCode).toBe(404);
      expect(read.json()).toMatchObject({ code: "incident_not_found" });
      const write = await send(incident.reference, { to: ["x@isp.example"], subject: "Hej", body: "…" }, token);
      // An observer may write on no incident at all: 403 before anything about this one.
      expect(write.statusCode).toBe(token === observer ? 403 : 404);
    }
    expect(await threads(incident.reference, member.token)).toHaveLength(2);
    expect(await threads(incident.reference, admin)).toHaveLength(2);
    // The report linked to the RED incident is hidden from the analyst on other incidents too.
    const amber = await insertTestIncident(db());
    await linkTestReport(db(), amber.id, report.reference);
    expect((await threads(amber.reference)).filter((t) => t.kind === "reporter")).toHaveLength(0);
    expect((await threads(amber.reference, admin)).filter((t) => t.kind === "reporter")).toHaveLength(1);
  });

  it("answers 404 for an incident that does not exist", async () => {
    const res = await call("GET", "/api/v1/incidents/FYR-INC-1999-0001/messages", analyst);
    expect(res.statusCode).toBe(404);
  });
});
