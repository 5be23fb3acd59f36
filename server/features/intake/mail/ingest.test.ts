import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { text } from "node:stream/consumers";
import { sql } from "kysely";
import * as openpgp from "openpgp";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../../test/support/app.js";
import { fixedClock } from "../../../platform/clock.js";
import { ingestMail, type MailIntakeDeps } from "./ingest.js";
import { emptyKeyring } from "./pgp-keyring.js";

const clock = fixedClock(new Date("2026-11-20T09:00:00Z"));
const app = useTestApp(
  { FYR_DATA_DIR: mkdtempSync(join(tmpdir(), "fyr-mail-ingest-")), FYR_MAX_ATTACHMENT_BYTES: "4096" },
  clock,
);
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
let unique = 0;

/** A fixture with its own Message-ID (and optionally sender), so each test makes its own data. */
function fresh(name: string, replace: Record<string, string> = {}): Buffer {
  unique += 1;
  let s = fixture(name)
    .toString("latin1")
    .replace(/^Message-ID: <[^>]+>/m, `Message-ID: <t${unique}.${Date.now()}@test>`);
  for (const [from, to] of Object.entries(replace)) s = s.split(from).join(to);
  return Buffer.from(s, "latin1");
}

function deps(overrides: Partial<MailIntakeDeps> = {}): MailIntakeDeps {
  const { db, config, logger, blobs } = app().fyr.deps;
  return { db, clock, config, logger, blobs, keyring: emptyKeyring, ...overrides };
}

const report = (id: string | null) => {
  if (id === null) throw new Error("the mail went to an incident, not a report");
  return app().fyr.deps.db.selectFrom("reports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
};
const mailsTo = async (address: string) =>
  (
    await app()
      .fyr.deps.db.selectFrom("mail_messages")
      .select(["subject"])
      .where(sql<boolean>`${address} = any(recipients)`)
      .execute()
  ).map((m) => m.subject);

describe("ingestMail", () => {
  it("files a new report: subject, text, sender, the raw message as evidence, and an acknowledgement", async () => {
    const raw = fresh("plain.eml", { "anna@exempel.se": "anna.new@exempel.se" });
    const result = await ingestMail(deps(), raw, "import");
    expect(result).toMatchObject({ outcome: "created", acknowledged: true });
    if (result.outcome !== "created") throw new Error("not created");
    expect(result.reference).toMatch(/^FYR-2026-\d{5}$/);
    const row = await report(result.reportId);
    expect(row).toMatchObject({
      channel: "email",
      summary: "Intrång på vår webbserver",
      reporter_email: "anna.new@exempel.se",
      reporter_name: "Anna Andersson",
      language: "sv",
      pgp_encrypted: false,
      pgp_signature: "none",
      raw_size: raw.length,
    });
    expect(row.what_happened).toContain("laddat upp ett webbskal");
    expect(row.mail_headers?.["return-path"]).toBe("<anna.new@exempel.se>");
    const stored = await app().fyr.deps.blobs.open(row.raw_sha256 ?? "");
    expect(await text(stored)).toBe(raw.toString("utf8"));
    expect(await mailsTo("anna.new@exempel.se")).toEqual([expect.stringContaining(`[${result.reference}]`)]);
  });

  it("keeps attachments in the blob store, and leaves out one past the size limit (the raw keeps it)", async () => {
    const big = Buffer.alloc(6000, 7).toString("base64").replace(/.{76}/g, "$&\n");
    const raw = fresh("multipart-attachment.eml", {
      "--XYZ-boundary--": `--XYZ-boundary\nContent-Type: application/octet-stream\nContent-Disposition: attachment; filename="big.bin"\nContent-Transfer-Encoding: base64\n\n${big}\n--XYZ-boundary--`,
    });
    const result = await ingestMail(deps(), raw, "smtp");
    const files = await app()
      .fyr.deps.db.selectFrom("report_attachments")
      .select(["filename", "size", "sha256"])
      .where("report_id", "=", result.reportId)
      .orderBy("filename")
      .execute();
    expect(files.map((f) => [f.filename, f.size])).toEqual([
      ["access.log", 63],
      ["message.html", 72],
      ["sample.bin", 16],
    ]);
    for (const f of files) expect(await app().fyr.deps.blobs.exists(f.sha256)).toBe(true);
  });

  it("takes a message only once by Message-ID, also when two copies arrive at the same time", async () => {
    const raw = fresh("plain.eml", { "anna@exempel.se": "dup@exempel.se" });
    const [a, b] = await Promise.all([ingestMail(deps(), raw, "imap"), ingestMail(deps(), raw, "imap")]);
    const again = await ingestMail(deps(), raw, "import");
    expect(new Set([a.reportId, b.reportId, again.reportId]).size).toBe(1);
    expect(again.outcome).toBe("duplicate");
    expect(again.reference).toBe((await report(a.reportId)).reference);
    const n = await app()
      .fyr.deps.db.selectFrom("reports")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("reporter_email", "=", "dup@exempel.se")
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it("threads a reply carrying a known reference onto its report, once", async () => {
    const first = await ingestMail(deps(), fresh("plain.eml"), "import");
    if (first.outcome !== "created") throw new Error("not created");
    const reply = fresh("reply-with-reference.eml", { "[REFERENCE]": `[${first.reference}]` });
    const threaded = await ingestMail(deps(), reply, "imap");
    expect(threaded).toEqual({ outcome: "threaded", reportId: first.reportId, reference: first.reference });
    expect((await ingestMail(deps(), reply, "imap")).outcome).toBe("duplicate");
    const messages = await app()
      .fyr.deps.db.selectFrom("report_messages")
      .select(["body", "via", "author"])
      .where("report_id", "=", first.reportId)
      .execute();
    expect(messages).toEqual([
      { body: expect.stringContaining("loggar från brandväggen"), via: "email", author: "reporter" },
    ]);
    const unknown = fresh("reply-with-reference.eml", { "[REFERENCE]": "[FYR-1999-99999]" });
    expect((await ingestMail(deps(), unknown, "imap")).outcome).toBe("created");
  });

  it("files automated mail as reports but never acknowledges it (auto-reply, bounce, list, null sender)", async () => {
    for (const name of ["auto-replied.eml", "bounce.eml", "list-mail.eml"]) {
      const result = await ingestMail(deps(), fresh(name), "smtp");
      expect(result).toMatchObject({ outcome: "created", acknowledged: false });
    }
    const nullSender = await ingestMail(
      deps(),
      fresh("plain.eml", { "anna@exempel.se": "nullsender@exempel.se" }),
      "smtp",
      { from: null },
    );
    expect(nullSender).toMatchObject({ acknowledged: true });
    const bounce = fresh("plain.eml", { "anna@exempel.se": "envelope@exempel.se" });
    expect(await ingestMail(deps(), bounce, "smtp", { from: "" })).toMatchObject({ acknowledged: false });
    expect(await mailsTo("dora@myndighet.se")).toEqual([]);
    expect(await mailsTo("news@leverantor.se")).toEqual([]);
    expect(await mailsTo("envelope@exempel.se")).toEqual([]);
  });

  it("acknowledges at most 3 reports per sender and hour, then again after the hour", async () => {
    const sender = "busy@exempel.se";
    const acks: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await ingestMail(deps(), fresh("plain.eml", { "anna@exempel.se": sender }), "imap");
      acks.push(r.outcome === "created" && r.acknowledged);
    }
    expect(acks).toEqual([true, true, true, false, false]);
    expect(await mailsTo(sender)).toHaveLength(3);
    clock.advance(61 * 60_000);
    const later = await ingestMail(deps(), fresh("plain.eml", { "anna@exempel.se": sender }), "imap");
    expect(later).toMatchObject({ acknowledged: true });
  });

  it("turns malformed mail into a report with what could be read, the raw message kept", async () => {
    const junk = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256));
    const hugeHeader = Buffer.concat([
      Buffer.from("From: Huge <huge@exempel.se>\r\nSubject: Enorm\r\nX-Junk: "),
      Buffer.alloc(1_500_000, "x"),
      Buffer.from("\r\n\r\nText efter ett enormt huvud.\r\n"),
    ]);
    const nulBytes = Buffer.from(
      `From: N\u0000ul <nul@exempel.se>\r\nSubject: NUL\u0000i rubriken\r\nX-Bad: a\u0000b\r\n\r\nText\u0000med NUL.\r\n`,
      "latin1",
    );
    for (const raw of [junk, hugeHeader, nulBytes, fresh("broken-mime.eml"), fresh("unknown-charset.eml")]) {
      const result = await ingestMail(deps(), raw, "import");
      expect(result.outcome).toBe("created");
      const row = await report(result.reportId);
      expect(row.raw_size).toBe(raw.length);
      expect(await app().fyr.deps.blobs.exists(row.raw_sha256 ?? "")).toBe(true);
      expect(row.what_happened.trim()).not.toBe("");
    }
  });

  it("decrypts mail to the CERT's key and records the signature status on the report", async () => {
    const cert = await openpgp.generateKey({ userIDs: [{ email: "cert@cert.example" }], format: "object" });
    const sender = await openpgp.generateKey({ userIDs: [{ email: "pgp@exempel.se" }], format: "object" });
    const armored = await openpgp.encrypt({
      message: await openpgp.createMessage({ text: "Hemligt: C2-servern är 192.0.2.44." }),
      encryptionKeys: cert.publicKey,
      signingKeys: sender.privateKey,
    });
    const raw = Buffer.from(
      `From: <pgp@exempel.se>\r\nSubject: Inline\r\nMessage-ID: <inline-${Date.now()}@exempel.se>\r\n\r\n${armored}`,
    );
    const keyring = {
      decryptionKey: cert.privateKey,
      verificationKeys: () => Promise.resolve([sender.publicKey]),
    };
    const result = await ingestMail(deps({ keyring }), raw, "import");
    const row = await report(result.reportId);
    expect(row).toMatchObject({ pgp_encrypted: true, pgp_signature: "valid" });
    expect(row.what_happened).toBe("Hemligt: C2-servern är 192.0.2.44.");
  });
});
