import { writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { type ParsedMail, simpleParser } from "mailparser";
import * as openpgp from "openpgp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NotificationDetail, NotificationPage, UnreachableList } from "../../../contract/notifications.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp-peer.js";
import { fixedClock } from "../../platform/clock.js";
import { readCsv } from "../../platform/csv.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { notificationsClient, uniquePrefix } from "./notifications.test-fixtures.js";

// Owners are told (issue 15): digests decided per organisation and interval, received by a real SMTP
// peer with a CSV that parses and an OpenPGP signature that verifies (encrypted when the contact's key is
// known); bounces, automatic answers and replies from inbound mail; staff's resend and send now.

const dataDir = tempDataDir();
let peer: SmtpPeer;
let cert: { privateKey: openpgp.PrivateKey; publicKey: openpgp.PublicKey };
let owner: { privateKey: openpgp.PrivateKey; publicKey: openpgp.PublicKey };
const env: Record<string, string> = { FYR_DATA_DIR: dataDir, FYR_MAIL_FROM: "CERT-SE <cert@cert.example>" };
// Wednesday 2 December 2026, 10:00 in Stockholm: working time.
const clock = fixedClock(new Date("2026-12-02T09:00:00Z"));
beforeAll(async () => {
  peer = await startSmtpPeer();
  // Made before the test clock's now, so the keys are valid then whenever the test runs.
  const date = new Date("2026-11-01T00:00:00Z");
  [cert, owner] = await Promise.all([
    openpgp.generateKey({ userIDs: [{ name: "CERT-SE", email: "cert@cert.example" }], format: "object", date }),
    openpgp.generateKey({ userIDs: [{ name: "Abuse", email: "abuse@owner.example" }], format: "object", date }),
  ]);
  const keyFile = join(dataDir, "cert-key.asc");
  writeFileSync(keyFile, cert.privateKey.armor());
  env.FYR_PGP_KEY_FILE = keyFile;
  env.FYR_SMTP_URL = peer.url;
});
const app = useTestApp(env, clock);
const { call, organisationWith, importEvents, receiveMail } = notificationsClient(app);
afterAll(async () => {
  await peer.close();
  await rm(dataDir, { recursive: true, force: true });
});

let admin = "";
let duty = "";
let observer = "";
beforeAll(async () => {
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
});

const unique = () => Math.random().toString(36).slice(2, 10);
const run = async () => {
  const res = await call(admin, "POST", "/api/v1/notifications/run");
  expect(res.statusCode).toBe(200);
  return res.json<{ notifications: number; organisations: number; inhibited: number }>();
};
const listOf = async (organisation: string) => {
  const res = await call(observer, "GET", `/api/v1/notifications?organisation=${organisation}`);
  expect(res.statusCode).toBe(200);
  return res.json<NotificationPage>().items;
};
const detail = async (id: string) =>
  (await call(observer, "GET", `/api/v1/notifications/${id}`)).json<NotificationDetail>();
/** Delivers queued mail and answers what the peer received for `address`, parsed as a mail client does. */
const deliveredTo = async (address: string): Promise<ParsedMail[]> => {
  await app().fyr.runDueJobs();
  return Promise.all(peer.received.filter((m) => m.to.includes(address)).map((m) => simpleParser(m.raw)));
};
const csvRows = async (text: string) => {
  const rows: string[][] = [];
  for await (const batch of readCsv(Readable.from([text]))) rows.push(...batch.map((r) => r.fields));
  return rows;
};

describe("a digest to the owner", () => {
  it("arrives by SMTP with its reference, a CSV of the events and a CERT signature that verifies", async () => {
    const prefix = uniquePrefix();
    const abuse = `abuse-${unique()}@owner.example`;
    const org = await organisationWith(admin, prefix, {
      notification: { interval: "daily" },
      contacts: [
        { email: abuse, role: "abuse", language: "en" },
        { email: `sec-${unique()}@owner.example`, role: "security", language: "sv" },
      ],
    });
    await importEvents("scan_rdp", [`${prefix}.10`, `${prefix}.11`]);
    expect(await run()).toMatchObject({ notifications: 1, organisations: 1 });
    // Nothing new: nothing more.
    expect((await run()).notifications).toBe(0);

    const [mail] = await deliveredTo(abuse);
    if (!mail) throw new Error("no mail delivered");
    const [listed] = await listOf(org.id);
    expect(listed).toMatchObject({ events: 2, status: "sent", interval: "daily", language: "en", recipients: [abuse] });
    expect(listed?.reference).toMatch(/^FYR-N-2026-\d{6}$/);
    expect(mail.subject).toContain(`[${listed?.reference}]`);

    const signed = await openpgp.readCleartextMessage({ cleartextMessage: mail.text ?? "" });
    const verified = await openpgp.verify({ message: signed, verificationKeys: cert.publicKey });
    await expect(verified.signatures[0]?.verified).resolves.toBe(true);
    expect(signed.getText()).toContain("Remote Desktop (RDP)");

    const csv = mail.attachments.find((a) => a.filename === "events.csv");
    const sig = mail.attachments.find((a) => a.filename === "events.csv.sig");
    if (!csv || !sig) throw new Error("attachments missing");
    const detached = await openpgp.verify({
      message: await openpgp.createMessage({ binary: new Uint8Array(csv.content) }),
      signature: await openpgp.readSignature({ armoredSignature: sig.content.toString("utf8") }),
      verificationKeys: cert.publicKey,
    });
    await expect(detached.signatures[0]?.verified).resolves.toBe(true);
    const [header, ...rows] = await csvRows(csv.content.toString("utf8"));
    expect(header).toEqual(expect.arrayContaining(["time.source", "source.ip", "classification.type", "extra"]));
    const ipAt = header?.indexOf("source.ip") ?? -1;
    expect(rows.map((r) => r[ipAt]).sort()).toEqual([`${prefix}.10`, `${prefix}.11`]);
  });

  it("is encrypted to the contact's key, the CSV too, and still signed", async () => {
    const prefix = uniquePrefix();
    const org = await organisationWith(admin, prefix, {
      notification: { interval: "immediate" },
      contacts: [{ email: "abuse@owner.example", role: "abuse", language: "sv", pgpKey: owner.publicKey.armor() }],
    });
    await importEvents("scan_rdp", [`${prefix}.20`]);
    expect((await run()).notifications).toBe(1);
    const mails = await deliveredTo("abuse@owner.example");
    const [listed] = await listOf(org.id);
    const mail = mails.find((m) => m.subject?.includes(listed?.reference ?? "?"));
    if (!mail) throw new Error("no mail delivered");
    const decrypt = async (armoredMessage: string) =>
      openpgp.decrypt({
        message: await openpgp.readMessage({ armoredMessage }),
        decryptionKeys: owner.privateKey,
        verificationKeys: cert.publicKey,
        expectSigned: true,
        format: "binary",
      });
    const body = await decrypt(mail.text ?? "");
    expect(new TextDecoder().decode(body.data as Uint8Array)).toContain("Fjärrskrivbord");
    const file = mail.attachments.find((a) => a.filename === "events.csv.asc");
    if (!file) throw new Error("no encrypted CSV");
    const csv = new TextDecoder().decode((await decrypt(file.content.toString("utf8"))).data as Uint8Array);
    expect(csv).toContain(`${prefix}.20`);
    expect((await detail(listed?.id ?? "")).deliveries[0]).toMatchObject({ encrypted: true, signed: true });
  });
});

describe("a digest in each contact's language", () => {
  it("goes as one mail per language with the same events: Swedish contacts read Swedish, English ones English", async () => {
    const prefix = uniquePrefix();
    const [sv1, sv2, en] = ["sv1", "sv2", "en"].map((l) => `abuse-${l}-${unique()}@owner.example`);
    const org = await organisationWith(admin, prefix, {
      language: "sv",
      notification: { interval: "daily" },
      contacts: [
        { email: sv1 ?? "", role: "abuse", language: "sv" },
        { email: en ?? "", role: "abuse", language: "en" },
        { email: sv2 ?? "", role: "abuse", language: "sv" },
      ],
    });
    // A second organisation due in the same pass: the pass makes several organisations' digests together.
    const otherPrefix = uniquePrefix();
    const otherAbuse = `abuse-${unique()}@other.example`;
    const other = await organisationWith(admin, otherPrefix, {
      notification: { interval: "daily" },
      contacts: [{ email: otherAbuse, role: "abuse", language: "en" }],
    });
    await importEvents("scan_rdp", [`${prefix}.30`, `${prefix}.31`, `${otherPrefix}.5`]);
    // Each language's digest counts: two for the first organisation, one for the other.
    expect(await run()).toMatchObject({ notifications: 3, organisations: 2 });
    const [otherMail, ...otherMore] = await deliveredTo(otherAbuse);
    expect(otherMore).toEqual([]);
    expect(otherMail?.subject).toMatch(/Security events in your network \(1\)$/);
    expect((await listOf(other.id)).map((n) => n.events)).toEqual([1]);

    const [svMail, ...svMore] = await deliveredTo(sv1 ?? "");
    const [enMail, ...enMore] = await deliveredTo(en ?? "");
    if (!svMail || !enMail) throw new Error("a mail is missing");
    // Both Swedish contacts share one mail; nobody gets both languages.
    expect([svMore, enMore]).toEqual([[], []]);
    expect((await deliveredTo(sv2 ?? "")).map((m) => m.messageId)).toEqual([svMail.messageId]);
    expect(svMail.subject).toMatch(/^\[FYR-N-2026-\d{6}\] Säkerhetshändelser i ert nät \(2\)$/);
    expect(enMail.subject).toMatch(/^\[FYR-N-2026-\d{6}\] Security events in your network \(2\)$/);
    expect(svMail.text).toContain("Hej,");
    expect(svMail.text).toContain("Fjärrskrivbord");
    expect(svMail.text).not.toContain("Hello,");
    expect(enMail.text).toContain("Hello,");
    expect(enMail.text).toContain("Remote Desktop (RDP)");
    expect(enMail.text).not.toContain("Hej,");

    // The same events in both files, under the same headings (harmonization names, not words).
    const files = [svMail, enMail].map((m) => m.attachments.find((a) => a.filename === "events.csv"));
    const [svRows, enRows] = await Promise.all(files.map((f) => csvRows(f?.content.toString("utf8") ?? "")));
    expect(svRows?.[0]).toEqual(expect.arrayContaining(["time.source", "source.ip", "classification.type", "extra"]));
    expect(enRows?.[0]).toEqual(svRows?.[0]);
    const ips = (rows: string[][] | undefined) => rows?.slice(1).map((r) => r[rows[0]?.indexOf("source.ip") ?? -1]);
    expect(ips(svRows)?.sort()).toEqual([`${prefix}.30`, `${prefix}.31`]);
    expect(ips(enRows)?.sort()).toEqual(ips(svRows)?.sort());
    expect(svMail.attachments.map((a) => a.filename)).toEqual(enMail.attachments.map((a) => a.filename));

    // Two digests, each with its reference and language, listed and audited.
    const listed = await listOf(org.id);
    expect(listed.map((n) => [n.language, n.events, [...(n.recipients ?? [])].sort()]).sort()).toEqual([
      ["en", 2, [en]],
      ["sv", 2, [sv1, sv2].sort()],
    ]);
    const bySubject = (m: ParsedMail) => listed.find((n) => m.subject?.includes(`[${n.reference}]`))?.language;
    expect([bySubject(svMail), bySubject(enMail)]).toEqual(["sv", "en"]);
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["target_id", "diff"])
      .where("action", "=", "notification.sent")
      .where(
        "target_id",
        "in",
        listed.map((n) => n.reference),
      )
      .execute();
    expect(audit.map((a) => (a.diff as { language?: string }).language).sort()).toEqual(["en", "sv"]);
  });
});

describe("deciding who is told what, when", () => {
  it("an inhibition keeps its events back; a critical finding goes at once though the owner reads weekly", async () => {
    const prefix = uniquePrefix();
    const org = await organisationWith(admin, prefix, {
      notification: { interval: "weekly" },
      contacts: [{ email: `abuse-${unique()}@owner.example`, role: "abuse" }],
    });
    const inhibit = await call(admin, "POST", `/api/v1/organisations/${org.id}/inhibitions`, {
      classificationTypes: ["vulnerable-system"],
      reason: "Known honeypot",
    });
    expect(inhibit.statusCode).toBe(201);
    await importEvents("scan_rdp", [`${prefix}.30`]);
    await importEvents("compromised_website", [`${prefix}.31`]);
    const result = await run();
    expect(result.inhibited).toBeGreaterThanOrEqual(1);
    const items = await listOf(org.id);
    expect(items.map((n) => [n.interval, n.events])).toEqual([["immediate", 1]]);
    expect((await detail(items[0]?.id ?? "")).eventList[0]).toMatchObject({
      sourceIp: `${prefix}.31`,
      classificationType: "system-compromise",
    });
  });

  it("a daily digest waits over the weekend and a holiday; staff's send now does not", async () => {
    const prefix = uniquePrefix();
    const org = await organisationWith(admin, prefix, {
      notification: { interval: "daily" },
      contacts: [{ email: `abuse-${unique()}@owner.example`, role: "abuse" }],
    });
    await importEvents("scan_rdp", [`${prefix}.40`]);
    try {
      clock.set(new Date("2026-12-05T10:00:00Z")); // Saturday
      await run();
      clock.set(new Date("2026-12-24T10:00:00Z")); // Christmas Eve, a Thursday
      await run();
      expect(await listOf(org.id)).toEqual([]);
      const now = await call(duty, "POST", "/api/v1/notifications/send-now", { organisation: org.id });
      expect(now.json()).toMatchObject({ notifications: 1, organisations: 1 });
      expect(await listOf(org.id)).toHaveLength(1);
    } finally {
      clock.set(new Date("2026-12-02T09:00:00Z"));
    }
  });
});

describe("after sending", () => {
  it("a hard bounce marks the address failing and the organisation unreachable; the next digest goes to security", async () => {
    const prefix = uniquePrefix();
    const abuse = `abuse-${unique()}@owner.example`;
    const security = `sec-${unique()}@owner.example`;
    const org = await organisationWith(admin, prefix, {
      notification: { interval: "immediate" },
      contacts: [
        { email: abuse, role: "abuse" },
        { email: security, role: "security" },
      ],
    });
    await importEvents("scan_rdp", [`${prefix}.50`]);
    await run();
    const [sent] = await deliveredTo(abuse);
    const messageId = sent?.messageId ?? "";
    const dsn = [
      "From: Mail Delivery System <MAILER-DAEMON@mx.owner.example>",
      `To: cert@cert.example`,
      "Subject: Undelivered Mail Returned to Sender",
      "Message-ID: <dsn-" + unique() + "@mx.owner.example>",
      "Auto-Submitted: auto-replied",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
      "",
      "--B",
      "Content-Type: text/plain",
      "",
      "The mail could not be delivered.",
      "--B",
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.owner.example",
      "",
      `Final-Recipient: rfc822; ${abuse}`,
      "Action: failed",
      "Status: 5.1.1",
      "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
      "--B",
      "Content-Type: text/rfc822-headers",
      "",
      `Message-ID: <${messageId.replace(/^<|>$/g, "")}>`,
      `Subject: ${sent?.subject ?? ""}`,
      "--B--",
      "",
    ].join("\r\n");
    expect(await receiveMail(dsn)).toMatchObject({ outcome: "notification" });
    const [bounced] = await listOf(org.id);
    expect(bounced?.status).toBe("bounced");
    const unreachable = (await call(observer, "GET", "/api/v1/notifications/unreachable")).json<UnreachableList>();
    expect(unreachable.items.find((i) => i.organisation.id === org.id)?.failing).toEqual([
      expect.objectContaining({ address: abuse, reason: expect.stringContaining("5.1.1") }),
    ]);
    await importEvents("scan_rdp", [`${prefix}.51`]);
    await run();
    expect((await listOf(org.id))[0]?.recipients).toEqual([security]);

    // Staff clear the address once the owner fixed it; a resend goes to abuse again.
    expect((await call(observer, "DELETE", `/api/v1/notifications/unreachable/${abuse}`)).statusCode).toBe(403);
    expect((await call(duty, "DELETE", `/api/v1/notifications/unreachable/${abuse}`)).statusCode).toBe(204);
    const resent = await call(duty, "POST", `/api/v1/notifications/${bounced?.id ?? ""}/resend`);
    expect(resent.statusCode).toBe(200);
    expect(resent.json<NotificationDetail>().deliveries.map((d) => d.recipients)).toEqual([[abuse], [abuse]]);
  });

  it("an owner's reply is threaded to the digest; an out-of-office answer is ignored; neither is a report", async () => {
    const prefix = uniquePrefix();
    const abuse = `abuse-${unique()}@owner.example`;
    const org = await organisationWith(admin, prefix, {
      notification: { interval: "immediate" },
      contacts: [{ email: abuse, role: "abuse" }],
    });
    await importEvents("scan_rdp", [`${prefix}.60`]);
    await run();
    const [sent] = await deliveredTo(abuse);
    const answer = (extra: string[], body: string) =>
      [
        `From: Owner <${abuse}>`,
        "To: cert@cert.example",
        `Subject: Re: ${sent?.subject ?? ""}`,
        `Message-ID: <${unique()}@owner.example>`,
        `In-Reply-To: ${sent?.messageId ?? ""}`,
        ...extra,
        "",
        body,
        "",
      ].join("\r\n");
    expect(await receiveMail(answer(["Auto-Submitted: auto-replied"], "I am away until Monday."))).toMatchObject({
      outcome: "notification",
    });
    expect(await receiveMail(answer([], "Fixed: RDP is closed now."))).toMatchObject({ outcome: "notification" });
    const [listed] = await listOf(org.id);
    const replies = (await detail(listed?.id ?? "")).replies;
    expect(replies.map((r) => [r.from, r.body.trim()])).toEqual([[abuse, "Fixed: RDP is closed now."]]);
  });
});

describe("advice and access", () => {
  it("admins edit advice texts, audited; observers read but neither resend nor run", async () => {
    const put = await call(admin, "PUT", "/api/v1/notifications/advice/accessible-vnc", {
      title: { sv: "VNC nåbart från Internet", en: "VNC reachable from the Internet" },
      body: { sv: "Stäng VNC mot Internet.", en: "Close VNC to the Internet." },
    });
    expect(put.statusCode).toBe(200);
    const list = await call(observer, "GET", "/api/v1/notifications/advice");
    expect(list.json<{ items: { key: string }[] }>().items.map((i) => i.key)).toContain("accessible-vnc");
    expect((await call(duty, "PUT", "/api/v1/notifications/advice/accessible-vnc", put.json())).statusCode).toBe(403);
    const bad = await call(admin, "PUT", "/api/v1/notifications/advice/accessible-vnc", { title: { sv: "" } });
    expect(bad.statusCode).toBe(400);
    expect((await call(admin, "DELETE", "/api/v1/notifications/advice/*")).statusCode).toBe(409);
    expect((await call(observer, "POST", "/api/v1/notifications/run")).statusCode).toBe(403);
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["action", "target_id"])
      .where("action", "=", "notification_advice.added")
      .where("target_id", "=", "accessible-vnc")
      .execute();
    expect(audit).toHaveLength(1);
  });
});
