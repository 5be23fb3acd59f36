import { createHash } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseFileList, FileDetail } from "../../../contract/evidence.js";
import type { ObservableDetail } from "../../../contract/observables.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { coreClient } from "../incidents/core.test-fixtures.js";
import { ingestMail, type MailIntakeDeps } from "../intake/mail/ingest.js";
import { emptyKeyring } from "../intake/mail/pgp-keyring.js";
import { type FilePart, minimalReport, multipart, tempDataDir } from "../intake/test-fixtures.js";
import { PE_HEAD, mailWithAttachment, zipOf } from "./evidence.test-fixtures.js";
import { queueIdentificationBacklog } from "./identification-job.js";

// Evidence as a CERT handles it: every file of a case listed with how it was received, identified by its
// bytes (not its name), archives and mail opened in place, every download a custody link with the
// person and the time, the chain printable for a police report, and the hashes correlating.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_MAIL_FROM: "CERT <cert@cert.example>" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, openIncident } = coreClient(app);
const hash = (algorithm: string, data: Buffer | string) => createHash(algorithm).update(data).digest("hex");

let analyst = "";
let analystName = "";
beforeAll(async () => {
  const made = await createTokenFor(app(), { roles: ["analyst"] });
  analyst = made.token;
  analystName = (
    await app().fyr.deps.db.selectFrom("users").select("name").where("id", "=", made.userId).executeTakeFirstOrThrow()
  ).name;
});

async function fileWith(files: FilePart[], email = `rapportor.${Date.now()}@kommun.se`): Promise<string> {
  const body = multipart(
    { report: JSON.stringify(minimalReport({ reporter: { email, name: "Rut Rapportör" } })) },
    files,
  );
  const res = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...body });
  expect(res.statusCode).toBe(201);
  return res.json<{ reference: string }>().reference;
}
const filesOf = async (kind: "reports" | "incidents", reference: string) => {
  const res = await call(analyst, "GET", `/api/v1/${kind}/${reference}/files`);
  expect(res.statusCode).toBe(200);
  return res.json<CaseFileList>().items;
};
const detail = async (id: string) => {
  const res = await call(analyst, "GET", `/api/v1/files/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json<FileDetail>();
};
const runJobs = () => app().fyr.runDueJobs();
const mailDeps = (): MailIntakeDeps => {
  const { db, clock, config, logger, blobs } = app().fyr.deps;
  return { db, clock, config, logger, blobs, keyring: emptyKeyring };
};

describe("a case's files", () => {
  it("are identified by their bytes: a program called invoice.pdf, archives listed, mail opened", async () => {
    const inner = await zipOf([{ name: "stage2.exe", data: PE_HEAD }]);
    const zip = await zipOf([
      { name: "fw.log", data: "DENY 203.0.113.9\n" },
      { name: "more.zip", data: inner },
    ]);
    const eml = mailWithAttachment({
      from: "Nätfiskare <bad@phish.example>",
      subject: "Din faktura",
      body: "Öppna https://phish-login.se/konto",
      bodyBase64: true,
      attachment: { filename: "faktura.pdf.exe", contentType: "application/octet-stream", content: PE_HEAD },
    });
    const email = `rut.${Date.now()}@kommun.se`;
    const reference = await fileWith(
      [
        { filename: "invoice.pdf", contentType: "application/pdf", content: PE_HEAD },
        { filename: "loggar.zip", contentType: "application/zip", content: zip },
        { filename: "vidarebefordrat.eml", contentType: "message/rfc822", content: eml },
        { filename: "anteckningar.txt", contentType: "text/plain", content: Buffer.from("Sågs 10:02 UTC") },
      ],
      email,
    );
    await runJobs();
    const items = await filesOf("reports", reference);
    expect(items.map((f) => [f.filename, f.kind, f.receivedVia])).toEqual([
      ["invoice.pdf", "report-attachment", "api"],
      ["loggar.zip", "report-attachment", "api"],
      ["vidarebefordrat.eml", "report-attachment", "api"],
      ["anteckningar.txt", "report-attachment", "api"],
    ]);
    const [pdf, archive, mail, text] = items;
    expect(pdf?.detected).toEqual({
      mime: "application/x-msdownload",
      ext: "exe",
      textLike: false,
      executable: true,
      mismatch: true,
    });
    expect(archive).toMatchObject({ detected: { ext: "zip", mismatch: false }, archiveEntries: 3 });
    expect(mail?.detected).toMatchObject({ mime: "message/rfc822", mismatch: false });
    expect(text?.detected).toMatchObject({ mime: "text/plain", textLike: true, mismatch: false });

    const program = await detail(pdf?.id ?? "");
    expect(program).toMatchObject({
      sha256: hash("sha256", PE_HEAD),
      sha1: hash("sha1", PE_HEAD),
      md5: hash("md5", PE_HEAD),
      size: PE_HEAD.length,
      declaredType: "application/pdf",
      receipt: { via: "api", from: { address: email, name: "Rut Rapportör" }, by: null },
    });
    expect(program.case).toMatchObject({ kind: "report", reference });
    // The same program inside the zip inside the zip, and attached to the mail: one content, three places.
    const listed = (await detail(archive?.id ?? "")).archive;
    expect(listed?.entries.map((e) => [e.path, e.depth, e.sha256])).toEqual([
      ["fw.log", 0, hash("sha256", "DENY 203.0.113.9\n")],
      ["more.zip", 0, hash("sha256", inner)],
      ["more.zip/stage2.exe", 1, hash("sha256", PE_HEAD)],
    ]);
    const opened = (await detail(mail?.id ?? "")).message;
    expect(opened).toMatchObject({ subject: "Din faktura", from: "Nätfiskare <bad@phish.example>" });
    expect(opened?.text).toContain("https://phish-login.se/konto");
    expect(opened?.attachments).toEqual([
      expect.objectContaining({ filename: "faktura.pdf.exe", sha256: hash("sha256", PE_HEAD) }),
    ]);

    // Its hashes are the case's observables, by all three, so another CERT's MD5 finds it.
    for (const value of [hash("md5", PE_HEAD), hash("sha1", PE_HEAD), hash("sha256", PE_HEAD)]) {
      const found = await call(analyst, "GET", `/api/v1/observables?value=${value}`);
      expect(found.statusCode, value).toBe(200);
      expect(found.json<ObservableDetail>().sightings.items.map((s) => s.reference)).toContain(reference);
    }
    // The mail was read as mail: the link in its base64 body is a value of the case.
    const link = await call(
      analyst,
      "GET",
      `/api/v1/observables?value=${encodeURIComponent("https://phish-login.se/konto")}`,
    );
    expect(link.statusCode).toBe(200);
  });

  it("of a mailed report: the original and its attachment, received by e-mail from the sender", async () => {
    const sender = `abuse.${Date.now()}@isp.example`;
    const raw = mailWithAttachment({
      from: `Abuse <${sender}>`,
      subject: "Skadlig kod",
      body: "Bifogar provet.",
      attachment: { filename: "prov.bin", contentType: "application/octet-stream", content: PE_HEAD },
    });
    const result = await ingestMail(mailDeps(), raw, "smtp");
    expect(result.outcome).toBe("created");
    const reference = result.reference ?? "";
    const items = await filesOf("reports", reference);
    expect(items.map((f) => [f.kind, f.filename])).toEqual(
      expect.arrayContaining([
        ["report-original", `${reference}.eml`],
        ["report-attachment", "prov.bin"],
      ]),
    );
    const original = items.find((f) => f.kind === "report-original");
    const page = await detail(original?.id ?? "");
    expect(page).toMatchObject({ sha256: hash("sha256", raw), size: raw.length });
    expect(page.receipt).toMatchObject({ via: "email", mailSource: "smtp", from: { address: sender } });
    // Identified on first view even before any job ran: files stored before identification catch up.
    expect(page.detected).toMatchObject({ mime: "message/rfc822" });
    expect(page.message).toMatchObject({ subject: "Skadlig kod" });
  });

  it("of an incident: its uploads with who uploaded them, and the files of its linked reports", async () => {
    const linked = await fileWith([{ filename: "rapportfil.txt", content: Buffer.from("från rapporten") }]);
    const incident = await openIncident(analyst, { reports: [linked] });
    const body = multipart({}, [{ filename: "minnesdump.raw", content: Buffer.from("not a dump") }]);
    const up = await app().fyr.http.inject({
      method: "POST",
      url: `/api/v1/incidents/${incident.reference}/attachments`,
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${analyst}` },
    });
    expect(up.statusCode).toBe(201);
    const items = await filesOf("incidents", incident.reference);
    expect(items.map((f) => [f.filename, f.case.reference])).toEqual([
      ["rapportfil.txt", linked],
      ["minnesdump.raw", incident.reference],
    ]);
    const upload = await detail(items[1]?.id ?? "");
    expect(upload.receipt).toMatchObject({ via: "console", by: { name: analystName } });
    expect(upload.alsoIn).toEqual([]);
  });
});

describe("files stored before identification", () => {
  it("are caught up by the backlog job (fyr evidence identify) a hundred at a time", async () => {
    const reference = await fileWith([{ filename: "gammal.bin", content: PE_HEAD }]);
    await runJobs();
    const db = app().fyr.deps.db;
    const [file] = await filesOf("reports", reference);
    // As if it had come in before this release: no profile.
    await db.deleteFrom("file_profiles").execute();
    expect((await filesOf("reports", reference))[0]?.detected).toBeNull();
    await queueIdentificationBacklog(db);
    await runJobs();
    expect((await filesOf("reports", reference))[0]?.detected).toMatchObject({ ext: "exe" });
    expect(
      await db
        .selectFrom("file_profiles")
        .select("sha256")
        .where("sha256", "=", file?.sha256 ?? "")
        .execute(),
    ).toHaveLength(1);
  });
});

describe("the chain of custody", () => {
  it("records every download and export with the person and the route, in the audit trail too", async () => {
    const reference = await fileWith([{ filename: "trafik.pcap", content: Buffer.from("pcap-ish") }]);
    const [file] = await filesOf("reports", reference);
    const id = file?.id ?? "";
    expect((await call(analyst, "GET", `/api/v1/reports/${reference}/attachments/${id}`)).statusCode).toBe(200);
    const raw = await call(analyst, "GET", `/api/v1/files/${id}/content`);
    expect(raw.statusCode).toBe(200);
    expect(raw.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(raw.body).toBe("pcap-ish");
    expect((await call(analyst, "GET", `/api/v1/files/${id}/sample.zip`)).statusCode).toBe(200);

    const chain = (await detail(id)).custody;
    expect(chain.map((e) => [e.event, "route" in e ? e.route : "format" in e ? e.format : null])).toEqual([
      ["received", null],
      ["downloaded", "report-attachment"],
      ["downloaded", "file"],
      ["exported", "zip-zipcrypto"],
    ]);
    expect(chain.slice(1).every((e) => e.by?.name === analystName)).toBe(true);
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", reference)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["report.file_downloaded", "file.downloaded", "file.exported"]),
    );
  });

  it("states whether the stored bytes still hash to what was received", async () => {
    const reference = await fileWith([{ filename: "logg.txt", content: Buffer.from("ursprunglig") }]);
    const [file] = await filesOf("reports", reference);
    const id = file?.id ?? "";
    const sha = file?.sha256 ?? "";
    const verify = () => call(analyst, "POST", `/api/v1/files/${id}/verify`);
    expect((await verify()).json()).toEqual({ intact: true });
    // Someone with the disk changes the bytes behind Fyr's back.
    await writeFile(join(dataDir, "blobs", sha.slice(0, 2), sha.slice(2, 4), sha), "ändrad");
    expect((await verify()).json()).toEqual({ intact: false });
    const chain = (await detail(id)).custody;
    expect(chain.map((e) => (e.event === "verified" ? e.intact : e.event))).toEqual(["received", true, false]);
    const record = await call(analyst, "GET", `/api/v1/files/${id}/custody-record?language=sv`);
    expect(record.body).toContain("innehållet stämmer inte med sin SHA-256");
  });

  it("cannot be rewritten or cut short", async () => {
    const reference = await fileWith([{ filename: "x.txt", content: Buffer.from("x") }]);
    const [file] = await filesOf("reports", reference);
    await call(analyst, "GET", `/api/v1/files/${file?.id ?? ""}/content`);
    const db = app().fyr.deps.db;
    await expect(sql`update file_custody_events set actor_name = 'någon annan'`.execute(db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from file_custody_events`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate file_custody_events`.execute(db)).rejects.toThrow(/append-only/);
  });

  it("prints as a custody record in Swedish and English, with UTC times and the person", async () => {
    const content = Buffer.from("bevis");
    const reference = await fileWith([{ filename: "<script>bevis.txt", content }]);
    const [file] = await filesOf("reports", reference);
    const id = file?.id ?? "";
    await call(analyst, "GET", `/api/v1/files/${id}/content`);
    const sv = await call(analyst, "GET", `/api/v1/files/${id}/custody-record?language=sv`);
    expect(sv.statusCode).toBe(200);
    expect(sv.headers["content-type"]).toBe("text/html; charset=utf-8");
    const csp = String(sv.headers["content-security-policy"]);
    expect(csp).toMatch(/default-src 'none'/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(sv.body)?.[1] ?? "";
    expect(csp).toContain(`'sha256-${createHash("sha256").update(style).digest("base64")}'`);
    expect(style).toContain("@media print");
    expect(sv.body).toContain('<html lang="sv">');
    expect(sv.body).toContain("Beviskedja för fil");
    for (const value of [reference, hash("sha256", content), hash("sha1", content), hash("md5", content), analystName])
      expect(sv.body).toContain(value);
    expect(sv.body).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(sv.body).toContain("&lt;script&gt;bevis.txt");
    expect(sv.body).not.toContain("<script>");
    const en = await call(analyst, "GET", `/api/v1/files/${id}/custody-record?language=en`);
    expect(en.body).toContain("Chain of custody record");
    expect(en.body).toContain("Downloaded");
    // Producing a record is itself a link in the chain, named in the record it produced.
    const chain = (await detail(id)).custody.map((e) => e.event);
    expect(chain.filter((e) => e === "custody_record")).toHaveLength(2);
    expect(en.body).toContain("Record produced");
  });
});
