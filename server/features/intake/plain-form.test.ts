import { rm } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { createTestApp, useTestApp } from "../../../test/support/app.js";
import { multipart, tempDataDir } from "./test-fixtures.js";

// The portal without JavaScript: a classic form POST to /report files a report through the same
// validation and submitReport as the API, and answers with a page in the reporter's language.

const dataDir = tempDataDir();
const app = useTestApp({
  FYR_DATA_DIR: dataDir,
  FYR_MAX_ATTACHMENT_BYTES: "65536",
  FYR_CERT_PHONE: "+46 8 555 000 00",
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const post = (fields: Record<string, string>) =>
  app().fyr.http.inject({
    method: "POST",
    url: "/report",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams(fields).toString(),
  });

const reportByReference = (reference: string) =>
  app().fyr.deps.db.selectFrom("reports").selectAll().where("reference", "=", reference).executeTakeFirstOrThrow();

// Words a reporter would read, never a key the page failed to look up.
const RAW_KEY = /\b(intake|report|receipt|portal|plain|errors|attachments|followUp)\.[a-z][A-Za-z.]+/;

describe("the plain report form (no JavaScript)", () => {
  it("files a report and answers with the receipt: reference and follow-up link", async () => {
    const marker = Date.now().toString(36);
    const res = await post({
      language: "sv",
      whatHappened: `Filservern krypterad ${marker}`,
      summary: "Ransomware",
      reporterEmail: `rut.${marker}@example.se`,
      ongoing: "yes",
      tlp: "TLP:GREEN",
      nis2Applies: "yes",
      website: "",
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.body).toContain('<html lang="sv">');
    expect(res.body).toContain("Tack, vi har tagit emot din rapport");
    const reference = /data-testid="reference">([^<]+)</.exec(res.body)?.[1] ?? "";
    expect(reference).toMatch(/^FYR-\d{4}-\d{5}$/);
    expect(res.body).toMatch(/href="http:\/\/localhost:8080\/follow-up#[A-Za-z0-9_-]{40,}"/);
    expect(res.body).not.toMatch(RAW_KEY);

    const stored = await reportByReference(reference);
    expect(stored).toMatchObject({
      channel: "web",
      tlp: "TLP:GREEN",
      ongoing: "yes",
      nis2_applies: true,
      language: "sv",
    });
    const mail = await app()
      .fyr.deps.db.selectFrom("mail_messages")
      .select("subject")
      .where("subject", "like", `[${reference}]%`)
      .execute();
    expect(mail).toHaveLength(1); // the same receipt mail as the web form's
  });

  it("gives the form back with each problem in the reporter's language, keeping what they wrote", async () => {
    for (const [language, required, contact] of [
      ["sv", "Fyll i det här fältet.", "Ange e-postadress eller telefonnummer"],
      ["en", "Please fill in this field.", "Give an e-mail address or a telephone number"],
    ] as const) {
      const res = await post({ language, whatHappened: "", summary: "<script>alert(1)</script>", reporterPhone: "" });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(`<html lang="${language}">`);
      expect(res.body).toContain(required);
      expect(res.body).toContain(contact);
      expect(res.body).toContain('aria-invalid="true"');
      // What they wrote comes back, escaped.
      expect(res.body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
      expect(res.body).not.toContain("<script>alert(1)");
      expect(res.body).not.toMatch(RAW_KEY);
    }
    const bad = await post({ whatHappened: "Något hände", reporterEmail: "not-an-address" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("E-postadressen ser inte rätt ut");
  });

  it("takes files as multipart and refuses an oversize one with the form again, stating why", async () => {
    const fields = { language: "en", whatHappened: "Phishing with an attachment", reporterEmail: "a@example.se" };
    const content = Buffer.from("From: x\r\n\r\nhello");
    const body = multipart(fields, [{ filename: "mail.eml", content }]);
    const ok = await app().fyr.http.inject({ method: "POST", url: "/report", ...body });
    expect(ok.statusCode).toBe(200);
    const reference = /data-testid="reference">([^<]+)</.exec(ok.body)?.[1] ?? "";
    const report = await reportByReference(reference);
    const files = await app()
      .fyr.deps.db.selectFrom("report_attachments")
      .select(["filename", "size"])
      .where("report_id", "=", report.id)
      .execute();
    expect(files).toEqual([{ filename: "mail.eml", size: content.length }]);

    const huge = multipart(fields, [{ filename: "big.bin", content: Buffer.alloc(70_000) }]);
    const refused = await app().fyr.http.inject({ method: "POST", url: "/report", ...huge });
    expect(refused.statusCode).toBe(413);
    expect(refused.body).toContain("Choose the files again");
    expect(refused.body).toContain("Phishing with an attachment");
  });

  it("stores nothing for a filled-in honeypot, and checks the fields before storing any file", async () => {
    const before = await app().fyr.deps.db.selectFrom("reports").select("id").execute();
    const robot = await post({ whatHappened: "Köp billigt", reporterEmail: "x@example.se", website: "http://spam" });
    expect(robot.statusCode).toBe(400);
    const invalid = multipart({ whatHappened: "" }, [{ filename: "a.txt", content: Buffer.from("a") }]);
    expect((await app().fyr.http.inject({ method: "POST", url: "/report", ...invalid })).statusCode).toBe(400);
    expect(await app().fyr.deps.db.selectFrom("reports").select("id").execute()).toHaveLength(before.length);
  });

  it("is held to the public rate limit, and says so in a page", async () => {
    const limited = await createTestApp({ FYR_PUBLIC_RATE_LIMIT: "2" });
    try {
      const send = () =>
        limited.fyr.http.inject({
          method: "POST",
          url: "/report?lang=en",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          payload: "whatHappened=&language=en",
        });
      expect((await send()).statusCode).toBe(400);
      expect((await send()).statusCode).toBe(400);
      const refused = await send();
      expect(refused.statusCode).toBe(429);
      expect(refused.headers["content-type"]).toMatch(/^text\/html/);
      expect(refused.body).toContain("Too many requests");
    } finally {
      await limited.fyr.http.close();
      await limited.fyr.stopBackground(0);
      await limited.database.drop();
    }
  });
});
