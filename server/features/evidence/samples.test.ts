import { execFileSync, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader } from "@zip.js/zip.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseFileList, FileDetail } from "../../../contract/evidence.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { coreClient } from "../incidents/core.test-fixtures.js";
import { takeIncidentReply } from "../incidents/correspondence/take-reply.js";
import { ingestMail, type MailIntakeDeps } from "../intake/mail/ingest.js";
import { emptyKeyring } from "../intake/mail/pgp-keyring.js";
import { minimalReport, multipart, tempDataDir } from "../intake/test-fixtures.js";
import { PE_HEAD, mailWithAttachment } from "./evidence.test-fixtures.js";

// A file marked as a malware sample leaves Fyr only inside an encrypted ZIP with the password
// "infected": every route that hands out raw bytes refuses it — for the marked file and for the same
// content anywhere else the viewer looks — and the ZIP opens with the field's tools.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_MAIL_FROM: "CERT <cert@cert.example>" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, openIncident } = coreClient(app);
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const mailDeps = (): MailIntakeDeps => {
  const { db, clock, config, logger, blobs } = app().fyr.deps;
  return { db, clock, config, logger, blobs, keyring: emptyKeyring, incidentReplies: takeIncidentReply };
};
const unzipAvailable = existsSync("/usr/bin/unzip");

let analyst = "";
let observer = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
});

const filesOf = async (kind: "reports" | "incidents", reference: string) =>
  (await call(analyst, "GET", `/api/v1/${kind}/${reference}/files`)).json<CaseFileList>().items;
const mark = (token: string, id: string, reason = "Trojan: ringer hem till 203.0.113.7") =>
  call(token, "POST", `/api/v1/files/${id}/sample`, { reason });

/** A program unique to this run, so marks from one test never reach another's files. */
const sample = () => Buffer.concat([PE_HEAD, randomBytes(64)]);

async function reportWith(content: Buffer, filename = "faktura.pdf"): Promise<{ reference: string; fileId: string }> {
  const body = multipart({ report: JSON.stringify(minimalReport()) }, [{ filename, content }]);
  const res = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...body });
  const reference = res.json<{ reference: string }>().reference;
  const [file] = await filesOf("reports", reference);
  return { reference, fileId: file?.id ?? "" };
}

/** Reads back the only entry of a ZIP with a password: with Debian's unzip when installed, else zip.js. */
async function openZip(zip: Buffer, password: string): Promise<{ name: string; data: Buffer }> {
  if (unzipAvailable) {
    const dir = await mkdtemp(join(tmpdir(), "fyr-sample-"));
    try {
      const path = join(dir, "sample.zip");
      await writeFile(path, zip);
      const name = execFileSync("unzip", ["-Z1", path], { encoding: "utf8" }).trim();
      const opened = spawnSync("unzip", ["-P", password, "-p", path], { maxBuffer: 1 << 26 });
      if (opened.status !== 0) throw new Error(`unzip refused: ${opened.stderr.toString()}`);
      return { name, data: opened.stdout };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const [entry] = await new ZipReader(new Uint8ArrayReader(new Uint8Array(zip))).getEntries();
  if (!entry || entry.directory) throw new Error("no entry");
  return { name: entry.filename, data: Buffer.from(await entry.getData(new Uint8ArrayWriter(), { password })) };
}

describe("a file marked as a sample", () => {
  it("is marked by a case worker with a reason, once, audited and in its custody chain", async () => {
    const { reference, fileId } = await reportWith(sample());
    expect((await mark(observer, fileId)).statusCode).toBe(403);
    expect((await mark(analyst, fileId, "  ")).statusCode).toBe(400);
    expect((await mark(analyst, fileId)).statusCode).toBe(204);
    const again = await mark(analyst, fileId);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "file_already_sample" });
    const page = (await call(analyst, "GET", `/api/v1/files/${fileId}`)).json<FileDetail>();
    expect(page).toMatchObject({ sample: true, canMark: false });
    expect(page.sampleMarks).toEqual([
      expect.objectContaining({ reason: "Trojan: ringer hem till 203.0.113.7", onThisFile: true }),
    ]);
    expect(page.custody.map((e) => e.event)).toEqual(["received", "marked_sample"]);
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["action", "diff"])
      .where("target_id", "=", reference)
      .where("action", "=", "file.marked_sample")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.diff)).toContain("ringer hem");
  });

  it("is refused raw on every route that serves it, here and wherever the same bytes are", async () => {
    const program = sample();
    const first = await reportWith(program);
    expect((await mark(analyst, first.fileId)).statusCode).toBe(204);

    // The same bytes in an incident upload and in a third party's mail in an incident's thread.
    const incident = await openIncident(analyst);
    const up = multipart({}, [{ filename: "update.exe", content: program }]);
    await app().fyr.http.inject({
      method: "POST",
      url: `/api/v1/incidents/${incident.reference}/attachments`,
      payload: up.payload,
      headers: { ...up.headers, authorization: `Bearer ${analyst}` },
    });
    const partner = `abuse.${randomBytes(3).toString("hex")}@isp.example`;
    const sent = await call(analyst, "POST", `/api/v1/incidents/${incident.reference}/messages`, {
      to: [partner],
      subject: "Skadlig trafik",
      body: "Hej",
    });
    expect(sent.statusCode).toBe(201);
    const reply = mailWithAttachment({
      from: partner,
      subject: `Re: [${incident.reference}] Skadlig trafik`,
      body: "Här är filen vi hittade.",
      attachment: { filename: "hittad.bin", contentType: "application/octet-stream", content: program },
    });
    expect((await ingestMail(mailDeps(), reply, "smtp")).outcome).toBe("incident");
    const onIncident = await filesOf("incidents", incident.reference);
    const upload = onIncident.find((f) => f.kind === "incident-attachment");
    const inMail = onIncident.find((f) => f.kind === "incident-message-attachment");
    expect([upload?.sample, inMail?.sample]).toEqual([true, true]);

    // A mailed report whose original is marked itself, and a mailed reply on it whose original is too.
    const reporter = `anna.${randomBytes(3).toString("hex")}@kommun.se`;
    const mailed = await ingestMail(
      mailDeps(),
      mailWithAttachment({ from: reporter, subject: "Konstigt mejl", body: "Se nedan." }),
      "smtp",
    );
    const mailedRef = mailed.reference ?? "";
    await ingestMail(
      mailDeps(),
      mailWithAttachment({ from: reporter, subject: `Re: [${mailedRef}]`, body: "Ett till." }),
      "imap",
    );
    const mailedFiles = await filesOf("reports", mailedRef);
    const original = mailedFiles.find((f) => f.kind === "report-original");
    const replyOriginal = mailedFiles.find((f) => f.kind === "report-message-original");
    expect(replyOriginal).toBeDefined();
    for (const f of [original, replyOriginal]) expect((await mark(analyst, f?.id ?? "")).statusCode).toBe(204);
    const messageId = replyOriginal?.id ?? "";

    const raw: [string, string][] = [
      [`/api/v1/reports/${first.reference}/attachments/${first.fileId}`, first.fileId],
      [`/api/v1/files/${first.fileId}/content`, first.fileId],
      [`/api/v1/incidents/${incident.reference}/attachments/${upload?.id ?? ""}`, upload?.id ?? ""],
      [`/api/v1/files/${upload?.id ?? ""}/content`, upload?.id ?? ""],
      [`/api/v1/files/${inMail?.id ?? ""}/content`, inMail?.id ?? ""],
      [`/api/v1/reports/${mailedRef}/original`, original?.id ?? ""],
      [`/api/v1/files/${original?.id ?? ""}/content`, original?.id ?? ""],
      [`/api/v1/reports/${mailedRef}/messages/${messageId}/original`, messageId],
      [`/api/v1/files/${messageId}/content`, messageId],
    ];
    for (const [url, id] of raw) {
      const res = await call(analyst, "GET", url);
      expect(res.statusCode, url).toBe(409);
      expect(res.json(), url).toMatchObject({ code: "file_is_sample" });
      expect(res.headers["content-type"], url).toMatch(/problem\+json/);
      // Not a byte of it: the refusal carries no part of the file.
      expect(res.rawPayload.includes(PE_HEAD.subarray(0, 64)), url).toBe(false);
      const page = (await call(analyst, "GET", `/api/v1/files/${id}`)).json<FileDetail>();
      expect(
        page.custody.some((e) => e.event === "downloaded"),
        url,
      ).toBe(false);
    }
    // Through the ZIP it comes, from every one of them.
    for (const id of [first.fileId, upload?.id ?? "", inMail?.id ?? ""]) {
      const zip = await call(analyst, "GET", `/api/v1/files/${id}/sample.zip`);
      expect(zip.statusCode).toBe(200);
      expect((await openZip(zip.rawPayload, "infected")).data.equals(program)).toBe(true);
    }
  });

  it("comes as a ZipCrypto ZIP that the field's tools open with 'infected' and nothing else", async () => {
    const program = sample();
    const { fileId } = await reportWith(program, "../../invoice.pdf.exe");
    await mark(analyst, fileId);
    const res = await call(analyst, "GET", `/api/v1/files/${fileId}/sample.zip`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    expect(res.headers["content-disposition"]).toContain(`${sha256(program)}.zip`);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    const zip = res.rawPayload;
    // Encrypted: the program's bytes are nowhere in the archive.
    expect(zip.includes(PE_HEAD.subarray(0, 64))).toBe(false);
    const entries = await new ZipReader(new Uint8ArrayReader(new Uint8Array(zip))).getEntries();
    expect(entries.map((e) => [e.filename, e.encrypted, e.zipCrypto])).toEqual([["invoice.pdf.exe", true, true]]);
    const opened = await openZip(zip, "infected");
    expect(opened).toMatchObject({ name: "invoice.pdf.exe" });
    expect(sha256(opened.data)).toBe(sha256(program));
    await expect(openZip(zip, "wrong")).rejects.toThrow();
    const page = (await call(analyst, "GET", `/api/v1/files/${fileId}`)).json<FileDetail>();
    expect(page.custody.map((e) => [e.event, "format" in e ? e.format : null])).toEqual([
      ["received", null],
      ["marked_sample", null],
      ["exported", "zip-zipcrypto"],
    ]);
  });
});
