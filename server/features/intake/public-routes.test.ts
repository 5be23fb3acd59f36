import { createHash, randomBytes } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp, useTestApp } from "../../../test/support/app.js";
import { fullReport, minimalReport, multipart, tempDataDir } from "./test-fixtures.js";

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_MAX_ATTACHMENT_BYTES: "65536", FYR_MAX_REPORT_BYTES: "100000" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));

interface Receipt {
  reference: string;
  followUpToken: string;
  followUpUrl: string;
  receivedAt: string;
}

const submit = (payload: unknown) =>
  app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", payload: payload as object });
const followUp = (token: string) =>
  app().fyr.http.inject({
    method: "GET",
    url: "/api/public/v1/follow-up",
    headers: { authorization: `Bearer ${token}` },
  });
const countReports = async () =>
  Number(
    (
      await app()
        .fyr.deps.db.selectFrom("reports")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const mailsTo = (address: string) =>
  app()
    .fyr.deps.db.selectFrom("mail_messages")
    .selectAll()
    .where(sql<boolean>`${address} = any(recipients)`)
    .execute();

async function storedBlobs(): Promise<string[]> {
  const entries = await readdir(join(dataDir, "blobs"), { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && !e.parentPath.endsWith("tmp")).map((e) => e.name);
}

describe("public intake", () => {
  it("takes a report with only what happened and an e-mail address, and gives a working receipt", async () => {
    const res = await submit(minimalReport());
    expect(res.statusCode).toBe(201);
    const receipt = res.json<Receipt>();
    expect(receipt.reference).toMatch(/^FYR-20\d\d-\d{5}$/);
    expect(receipt.followUpToken.length).toBeGreaterThanOrEqual(43);
    expect(receipt.followUpUrl).toBe(`http://localhost:8080/follow-up#${receipt.followUpToken}`);
    expect(Number.isNaN(Date.parse(receipt.receivedAt))).toBe(false);

    const view = await followUp(receipt.followUpToken);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({
      reference: receipt.reference,
      status: "new",
      receivedAt: receipt.receivedAt,
      acknowledgedAt: null,
      messages: [],
    });
    expect(view.json()).not.toHaveProperty("nis2");
  });

  it("stores only the hash of the follow-up token", async () => {
    const receipt = (await submit(minimalReport())).json<Receipt>();
    const row = await app()
      .fyr.deps.db.selectFrom("reports")
      .select("follow_up_token_hash")
      .where("reference", "=", receipt.reference)
      .executeTakeFirstOrThrow();
    expect(row.follow_up_token_hash).toBe(createHash("sha256").update(receipt.followUpToken).digest("hex"));
    expect(row.follow_up_token_hash).not.toContain(receipt.followUpToken);
  });

  it("takes a telephone number instead of an e-mail address", async () => {
    const res = await submit({ whatHappened: "DDoS mot webbplatsen", reporter: { phone: "+46 8 123 456" } });
    expect(res.statusCode).toBe(201);
  });

  it("refuses a wrong or missing follow-up token with 401", async () => {
    expect((await followUp(randomBytes(32).toString("base64url"))).statusCode).toBe(401);
    const none = await app().fyr.http.inject({ method: "GET", url: "/api/public/v1/follow-up" });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ code: "follow_up_token_invalid" });
  });

  it("lists every bad field and stores nothing", async () => {
    const before = await countReports();
    const res = await submit({
      language: "de",
      reporter: { email: "not-an-address", phone: "call me" },
      organisation: { sector: "bakery" },
      whatHappened: "   ",
      discovery: { discoveredAt: "yesterday" },
      ongoing: "maybe",
      dataLeakRisk: true,
      policeReport: { status: "soon" },
      sharingConsent: { logs: "everyone" },
      tlp: "TLP:WHITE",
      summary: "x".repeat(201),
      nis2: { applies: "yes", stage: "initial" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "body.language",
        "body.reporter.email",
        "body.reporter.phone",
        "body.organisation.sector",
        "body.whatHappened",
        "body.discovery.discoveredAt",
        "body.ongoing",
        "body.dataLeakRisk",
        "body.policeReport.status",
        "body.sharingConsent.logs",
        "body.tlp",
        "body.summary",
        "body.nis2.applies",
        "body.nis2.stage",
      ]),
    );
    expect(await countReports()).toBe(before);
  });

  it("requires what happened and a way to reach the reporter", async () => {
    const res = await submit({ reporter: { name: "Anna" } });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.whatHappened", "body.reporter"]));
  });

  it("answers a filled-in honeypot with 400 and stores nothing", async () => {
    const before = await countReports();
    const res = await submit({ ...minimalReport(), website: "http://spam.example" });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(["body.website"]);
    expect(await countReports()).toBe(before);
  });

  it("refuses bodies that are neither JSON nor multipart", async () => {
    const res = await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/reports",
      headers: { "content-type": "application/xml" },
      payload: "<report/>",
    });
    expect(res.statusCode).toBe(415);
  });

  it("mails a receipt in the report's language with the reference in the subject", async () => {
    const sv = minimalReport();
    const svReceipt = (await submit(sv)).json<Receipt>();
    const [svMail] = await mailsTo(String(sv.reporter?.email));
    expect(svMail?.subject).toBe(`[${svReceipt.reference}] Vi har tagit emot din incidentrapport`);
    expect(svMail?.text_body).toContain(svReceipt.followUpUrl);
    // Signed with how to reach the CERT (FYR_CERT_*, here the defaults), in the report's words.
    expect(svMail?.text_body).toMatch(/\n-- \nCERT-SE\nTelefon \(dygnet runt\): \+46 10 240 40 40\nwww\.cert\.se$/);
    expect(svMail?.text_body).toContain("Följ din rapport:");
    expect(svMail?.text_body).not.toMatch(/ärende/);

    const en = minimalReport({ language: "en" });
    const enReceipt = (await submit(en)).json<Receipt>();
    const [enMail] = await mailsTo(String(en.reporter?.email));
    expect(enMail?.subject).toBe(`[${enReceipt.reference}] We have received your incident report`);
    expect(enMail?.headers).toMatchObject({ "X-Fyr-Reference": enReceipt.reference });
    expect(enMail?.text_body).toMatch(
      /\n-- \nCERT-SE\nTelephone \(around the clock\): \+46 10 240 40 40\nwww\.cert\.se$/,
    );
  });

  it("sends no receipt when the report is refused", async () => {
    const report = minimalReport({ tlp: "TLP:PURPLE" as "TLP:RED" });
    expect((await submit(report)).statusCode).toBe(400);
    expect(await mailsTo(String(report.reporter?.email))).toEqual([]);
  });

  it("gives 20 reports sent at once 20 different, consecutive references", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(minimalReport())));
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const refs = results.map((r) => r.json<Receipt>().reference);
    expect(new Set(refs).size).toBe(20);
    const numbers = refs.map((r) => Number(r.split("-")[2])).sort((a, b) => a - b);
    const first = numbers[0] ?? 0;
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => first + i));
  });

  it("takes multipart reports with files streamed to the blob store", async () => {
    const log = Buffer.from("Nov 20 07:40:01 fs01 sshd[1234]: Accepted password for admin\n");
    const png = randomBytes(2000);
    const body = multipart({ report: JSON.stringify(minimalReport()) }, [
      { filename: "auth.log", contentType: "text/plain", content: log },
      { filename: "C:\\Users\\anna\\skärmbild.png", contentType: "image/png", content: png },
    ]);
    const res = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...body });
    expect(res.statusCode).toBe(201);
    const view = (await followUp(res.json<Receipt>().followUpToken)).json<{ attachments: unknown[] }>();
    expect(view.attachments).toEqual([
      { filename: "auth.log", size: log.length },
      { filename: "skärmbild.png", size: png.length },
    ]);
    const blobs = await storedBlobs();
    expect(blobs).toEqual(
      expect.arrayContaining([
        createHash("sha256").update(log).digest("hex"),
        createHash("sha256").update(png).digest("hex"),
      ]),
    );
  });

  it("refuses an oversize file with 413 stating the limit, and keeps neither row nor file", async () => {
    const before = await countReports();
    const big = randomBytes(65_537);
    const body = multipart({ report: JSON.stringify(minimalReport()) }, [{ filename: "dump.bin", content: big }]);
    const res = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...body });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: "attachment_too_large",
      detail: "A file may be at most 64 KB",
      // The limit as a number, for the portal to state in the reader's language.
      errors: [{ path: "body.attachments", code: "file_too_large", params: { limit: 65_536 } }],
    });
    expect(await countReports()).toBe(before);
    expect(await storedBlobs()).not.toContain(createHash("sha256").update(big).digest("hex"));
  });

  it("refuses files that together pass the per-report limit with 413", async () => {
    const before = await countReports();
    const files = [1, 2].map((n) => ({ filename: `part${n}.bin`, content: randomBytes(60_000) }));
    const body = multipart({ report: JSON.stringify(minimalReport()) }, files);
    const res = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...body });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: "report_too_large",
      detail: expect.stringContaining("97.7 KB"),
      errors: [{ path: "body.attachments", code: "files_too_large", params: { limit: 100_000 } }],
    });
    expect(await countReports()).toBe(before);
  });

  it("states its configured limits to anyone, and holds uploads to exactly those", async () => {
    const res = await app().fyr.http.inject({ method: "GET", url: "/api/public/v1/limits" });
    expect(res.statusCode).toBe(200);
    const limits = res.json<{ maxAttachmentBytes: number; maxReportBytes: number; maxBodyBytes: number }>();
    expect(limits).toEqual({ maxAttachmentBytes: 65_536, maxReportBytes: 100_000, maxBodyBytes: 1_048_576 });

    const upload = (size: number) =>
      app().fyr.http.inject({
        method: "POST",
        url: "/api/public/v1/reports",
        ...multipart({ report: JSON.stringify(minimalReport()) }, [
          { filename: "edge.bin", content: randomBytes(size) },
        ]),
      });
    expect((await upload(limits.maxAttachmentBytes)).statusCode).toBe(201);
    expect((await upload(limits.maxAttachmentBytes + 1)).statusCode).toBe(413);

    const openapi = await app().fyr.http.inject({ method: "GET", url: "/api/openapi.json" });
    expect(Object.keys(openapi.json<{ paths: Record<string, unknown> }>().paths)).toContain("/api/public/v1/limits");
  });

  it("checks the report field of a multipart body before reading its files", async () => {
    const before = await countReports();
    const file = randomBytes(1000);
    const body = multipart({ report: JSON.stringify({ whatHappened: "" }) }, [{ filename: "a.bin", content: file }]);
    const res = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...body });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain("body.report.whatHappened");
    expect(await countReports()).toBe(before);
    expect(await storedBlobs()).not.toContain(createHash("sha256").update(file).digest("hex"));
  });

  it("refuses a form larger than the body limit with 413, as JSON or as a multipart field", async () => {
    const huge = { ...minimalReport(), countermeasures: "x".repeat(1_100_000) };
    const json = await submit(huge);
    expect(json.statusCode).toBe(413);
    expect(json.json()).toMatchObject({ code: "body_too_large" });
    const body = multipart({ report: JSON.stringify(huge) });
    const res = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...body });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: "body_too_large", detail: "The form may be at most 1 MB" });
  });

  it("names a missing or malformed report field", async () => {
    const missing = multipart({}, [{ filename: "a.txt", content: Buffer.from("x") }]);
    const res = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...missing });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ path: "body.report", message: "required before the first file" }] });
    const broken = multipart({ report: "{not json" });
    const res2 = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", ...broken });
    expect(res2.json()).toMatchObject({ errors: [{ path: "body.report", message: "not valid JSON" }] });
  });

  it("keeps a reporter's follow-up messages and files, and a later NIS2 stage", async () => {
    const report = fullReport();
    const receipt = (await submit(report)).json<Receipt>();
    const auth = { authorization: `Bearer ${receipt.followUpToken}` };
    const text = await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/follow-up/messages",
      headers: auth,
      payload: { body: "Vi har hittat fler krypterade servrar." },
    });
    expect(text.statusCode).toBe(201);
    const withFile = multipart(
      { message: JSON.stringify({ body: "Incidentanmälan bifogad", nis2: { stage: "notification", ongoing: "yes" } }) },
      [{ filename: "ioc.csv", content: Buffer.from("ip,198.51.100.7\n") }],
    );
    const staged = await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/follow-up/messages",
      ...withFile,
      headers: { ...withFile.headers, ...auth },
    });
    expect(staged.statusCode).toBe(201);

    const view = (await followUp(receipt.followUpToken)).json<{
      messages: { from: string; body: string; nis2Stage: string | null; attachments: unknown[] }[];
      nis2: {
        stages: { stage: string }[];
        deadlines: { kind: string; dueAt: string | null; metAt: string | null }[];
        next: { kind: string };
      };
    }>();
    expect(view.messages).toEqual([
      expect.objectContaining({
        from: "reporter",
        body: "Vi har hittat fler krypterade servrar.",
        nis2Stage: null,
        attachments: [],
      }),
      expect.objectContaining({
        from: "reporter",
        nis2Stage: "notification",
        attachments: [{ filename: "ioc.csv", size: 16 }],
      }),
    ]);
    expect(view.nis2.stages.map((s) => s.stage)).toEqual(["early-warning", "notification"]);
    const deadline = (kind: string) => view.nis2.deadlines.find((d) => d.kind === kind);
    expect(deadline("early-warning")?.dueAt).toBe("2026-11-21T06:45:00.000Z");
    expect(deadline("notification")?.dueAt).toBe("2026-11-23T06:45:00.000Z");
    expect(deadline("notification")?.metAt).not.toBeNull();
    expect(view.nis2.next.kind).toBe("progress");
  });

  it("refuses follow-up messages with a wrong token before reading any file", async () => {
    const file = randomBytes(500);
    const body = multipart({ message: JSON.stringify({ body: "hej" }) }, [{ filename: "x.bin", content: file }]);
    const res = await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/follow-up/messages",
      ...body,
      headers: { ...body.headers, authorization: `Bearer ${randomBytes(32).toString("base64url")}` },
    });
    expect(res.statusCode).toBe(401);
    expect(await storedBlobs()).not.toContain(createHash("sha256").update(file).digest("hex"));
  });
});

describe("public intake rate limit", () => {
  it("answers 429 past the configured requests per minute from one address", async () => {
    const limited = await createTestApp({ FYR_PUBLIC_RATE_LIMIT: "2", FYR_DATA_DIR: dataDir });
    try {
      const send = () =>
        limited.fyr.http.inject({
          method: "POST",
          url: "/api/public/v1/reports",
          payload: minimalReport(),
          remoteAddress: "192.0.2.10",
        });
      expect((await send()).statusCode).toBe(201);
      expect((await send()).statusCode).toBe(201);
      const third = await send();
      expect(third.statusCode).toBe(429);
      expect(third.json()).toMatchObject({ code: "rate_limited" });
      const other = await limited.fyr.http.inject({
        method: "POST",
        url: "/api/public/v1/reports",
        payload: minimalReport(),
        remoteAddress: "192.0.2.11",
      });
      expect(other.statusCode).toBe(201);
    } finally {
      await limited.fyr.http.close();
      await limited.database.drop();
    }
  });
});
