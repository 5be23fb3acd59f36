import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { buffer } from "node:stream/consumers";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportDetail, ReportsPage } from "../../../../contract/intake-staff.js";
import { useTestApp } from "../../../../test/support/app.js";
import { createTokenFor } from "../../../../test/support/auth.js";
import { fixedClock } from "../../../platform/clock.js";
import { tempDataDir } from "../test-fixtures.js";
import { ingestMail, type MailIntakeDeps } from "./ingest.js";
import { emptyKeyring } from "./pgp-keyring.js";

// The hard-mail corpus (fixtures/, written for Fyr) through the real ingest path on a real database:
// what a duty officer reads on the report, what is stored, what the reporter's receipt says.

const clock = fixedClock(new Date("2026-11-30T09:00:00Z"));
const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_MAX_ATTACHMENT_BYTES: "4096" }, clock);
afterAll(() => rm(dataDir, { recursive: true, force: true }));
let duty = "";
beforeAll(async () => {
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
});

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
let unique = 0;
// eslint-disable-next-line no-control-regex -- what must never reach stored text
const C1_OR_C0 = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** A fixture with its own Message-ID and sender, so each test makes its own data. */
function fresh(source: string | Buffer): Buffer {
  unique += 1;
  const s = (typeof source === "string" ? fixture(source) : source)
    .toString("latin1")
    .replace(/^Message-I[Dd]: <[^>]+>/m, `Message-ID: <corpus${unique}.${Date.now()}@test>`)
    .replace(/^(From:.*<)[^@<>]+@/m, `$1corpus${unique}.${Date.now()}@`);
  return Buffer.from(s, "latin1");
}

function deps(): MailIntakeDeps {
  const { db, config, logger, blobs } = app().fyr.deps;
  return { db, clock, config, logger, blobs, keyring: emptyKeyring };
}

async function take(source: string | Buffer) {
  const result = await ingestMail(deps(), fresh(source), "import");
  if (result.outcome !== "created") throw new Error(`not a new report: ${result.outcome}`);
  const db = app().fyr.deps.db;
  const row = await db.selectFrom("reports").selectAll().where("id", "=", result.reportId).executeTakeFirstOrThrow();
  const files = await db
    .selectFrom("report_attachments")
    .select(["filename", "content_type", "size", "sha256"])
    .where("report_id", "=", result.reportId)
    .orderBy("position")
    .execute();
  const file = async (name: string) => {
    const f = files.find((x) => x.filename === name);
    if (!f) throw new Error(`no file ${name} in ${files.map((x) => x.filename).join(", ")}`);
    return buffer(await app().fyr.deps.blobs.open(f.sha256));
  };
  const receipt = row.reporter_email
    ? await db
        .selectFrom("mail_messages")
        .select(["subject", "text_body"])
        .where(sql<boolean>`${row.reporter_email} = any(recipients)`)
        .executeTakeFirst()
    : undefined;
  const api = async <T>(url: string) =>
    (await app().fyr.http.inject({ method: "GET", url, headers: { authorization: `Bearer ${duty}` } })).json<T>();
  return { result, row, files, file, receipt, api };
}

const names = (files: { filename: string }[]) => files.map((f) => f.filename);

describe("legacy charsets (issue 19, items 1 and 5)", () => {
  it("reads Outlook's windows-1252: curly quotes, dashes, € and ™, in the subject, sender and text", async () => {
    const { row } = await take("windows-1252-outlook.eml");
    expect(row.summary).toBe("“Brådskande” – faktura på €5000");
    expect(row.reporter_name).toBe("Björn Öberg");
    expect(row.what_happened).toContain("It’s “urgent” – en leverantör kräver €5000 via länken.");
    expect(row.what_happened).toContain("Avsändaren™");
    expect(`${row.summary}${row.what_happened}`).not.toMatch(C1_OR_C0);
  });

  it("reads declared iso-8859-1 and 8-bit us-ascii as windows-1252, as mail clients do", async () => {
    const latin = await take("iso-8859-1-declared.eml");
    expect(latin.row.what_happened).toContain("“brådskande” betalning – €12 000");
    expect(latin.row.what_happened).toContain("™-märkt och ser äkta ut…");
    const ascii = await take("us-ascii-8bit.eml");
    expect(ascii.row.what_happened).toBe("Servern på 198.51.100.23 skickar trafik – “hela natten”.");
    expect(`${latin.row.what_happened}${ascii.row.what_happened}`).not.toMatch(C1_OR_C0);
  });

  it("decodes UTF-7 bodies and subjects", async () => {
    const { row } = await take("utf-7.eml");
    expect(row.summary).toBe("Frösche");
    expect(row.what_happened).toBe("Frösche im Netz: ändrade filer på 192.0.2.10.");
  });
});

describe("8-bit headers (item 4)", () => {
  it("reads raw UTF-8 and raw Latin-1 subjects and names alike", async () => {
    for (const name of ["subject-raw-utf8.eml", "subject-raw-latin1.eml"]) {
      const { row } = await take(name);
      expect(row.summary).toBe("Frösche på vår server – hjälp");
      expect(row.reporter_name).toBe("Jörgen Åström");
      expect(row.mail_headers?.subject).toBe("Frösche på vår server – hjälp");
    }
  });

  it("reads 8-bit bytes inside encoded words, and a character split across two words", async () => {
    const { row } = await take("subject-8bit-in-encoded-word.eml");
    expect(row.summary).toBe("Frösche und Kröten på");
    expect(row.reporter_name).toBe("Jörgen");
  });
});

describe("HTML bodies (item 2)", () => {
  it("reads HTML inside multipart/related: text with links and table cells, sanitised HTML kept as a file", async () => {
    const { row, files, file } = await take("html-related-inline-image.eml");
    expect(row.what_happened).toContain(
      'Eleverna fick ett mejl från "IT-support" som ber dem logga in här [https://login-skola.example.net/reset?u=1].',
    );
    expect(row.what_happened).toMatch(/support@skola-it\.example\s{2,}203\.0\.113\.77/);
    expect(row.what_happened).not.toMatch(/<|document\.write|color: #333/);
    expect(names(files)).toEqual(["logo.png", "message.html"]);
    const html = (await file("message.html")).toString("utf8");
    expect(html).toContain('href="https://login-skola.example.net/reset?u=1"');
    expect(html).not.toContain("<script");
  });

  it("reads an alternative that holds only HTML", async () => {
    const { row } = await take("html-only-alternative.eml");
    expect(row.what_happened).toContain(
      "Ditt konto spärras om du inte verifierar det [http://bank-verify.example.com/id] idag.",
    );
    expect(row.what_happened).toContain("Ring oss på 08-123 456 – dygnet runt.");
  });
});

/** A multipart/mixed message of `n` short text parts, then one attachment. */
function wide(n: number): Buffer {
  const parts = Array.from(
    { length: n },
    (_, i) => `--w\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nrad ${i} från 192.0.2.${i % 250}\r\n`,
  );
  return Buffer.from(
    `From: Bred <bred@exempel.se>\r\nSubject: Bred\r\nMessage-ID: <wide@exempel.se>\r\nMIME-Version: 1.0\r\n` +
      `Content-Type: multipart/mixed; boundary="w"\r\n\r\n${parts.join("")}` +
      `--w\r\nContent-Type: text/plain; name="sist.txt"\r\nContent-Disposition: attachment; filename="sist.txt"\r\n\r\nsista filen\r\n--w--\r\n`,
  );
}

/** A message nested `depth` multiparts deep, its only text at the bottom. */
function deep(depth: number): Buffer {
  let s = `From: Djup <djup@exempel.se>\r\nSubject: Djup\r\nMessage-ID: <deep@exempel.se>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="d0"\r\n\r\n`;
  for (let i = 0; i < depth; i++) s += `--d${i}\r\nContent-Type: multipart/mixed; boundary="d${i + 1}"\r\n\r\n`;
  s += `--d${depth}\r\nContent-Type: text/plain\r\n\r\nLängst ner.\r\n--d${depth}--\r\n`;
  for (let i = depth - 1; i >= 0; i--) s += `--d${i}--\r\n`;
  return Buffer.from(s);
}

describe("huge MIME trees (item 3)", () => {
  it("reads a message past the old 1,000-part cap fully: every part's text, the attachment after them", async () => {
    const { row, files, api } = await take(wide(1500));
    expect(row.mail_read_level).toBe("full");
    expect(row.what_happened).toContain("rad 0 från 192.0.2.0");
    expect(row.what_happened).toContain("rad 1499 från 192.0.2.249");
    expect(row.what_happened).not.toContain("--w");
    expect(names(files)).toEqual(["sist.txt"]);
    const inbox = await api<ReportsPage>("/api/v1/reports?limit=100");
    expect(inbox.items.find((r) => r.reference === row.reference)).toMatchObject({
      partlyRead: false,
      filesNotStored: 0,
    });
  });

  it("says so on the report and in the inbox when a message nests past the bound and is read only in part", async () => {
    const { row, api } = await take(deep(150));
    expect(row.mail_read_level).toBe("partial");
    const detail = await api<ReportDetail>(`/api/v1/reports/${row.reference}`);
    expect(detail.mail).toMatchObject({ readLevel: "partial", skippedParts: 1 });
    const inbox = await api<ReportsPage>("/api/v1/reports?limit=100");
    expect(inbox.items.find((r) => r.reference === row.reference)?.partlyRead).toBe(true);
    const shallow = await take(deep(20));
    expect(shallow.row.mail_read_level).toBe("full");
    expect(shallow.row.what_happened).toBe("Längst ner.");
  });
});

describe("files over the size limit (item 8)", () => {
  it("names the file left out, its size and why: on the report, in the inbox, in the receipt (sv and en)", async () => {
    const big = Buffer.alloc(6000, 7).toString("base64").replace(/.{76}/g, "$&\r\n");
    const message = (body: string) =>
      Buffer.from(
        `From: Stor <stor@exempel.se>\r\nSubject: Stor fil\r\nMessage-ID: <big@exempel.se>\r\nMIME-Version: 1.0\r\n` +
          `Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n` +
          `--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="minnesdump.bin"\r\n` +
          `Content-Transfer-Encoding: base64\r\n\r\n${big}\r\n--b\r\nContent-Type: text/plain; name="liten.txt"\r\n` +
          `Content-Disposition: attachment; filename="liten.txt"\r\n\r\nliten\r\n--b--\r\n`,
      );
    const sv = await take(message("Hej, vi har en minnesdump från servern som är infekterad."));
    expect(names(sv.files)).toEqual(["liten.txt"]);
    expect(sv.row.mail_files_not_stored).toEqual([
      { filename: "minnesdump.bin", contentType: "application/octet-stream", size: 6000, reason: "file_too_large" },
    ]);
    const detail = await sv.api<ReportDetail>(`/api/v1/reports/${sv.row.reference}`);
    expect(detail.mail?.filesNotStored.map((f) => f.filename)).toEqual(["minnesdump.bin"]);
    const inbox = await sv.api<ReportsPage>("/api/v1/reports?limit=100");
    expect(inbox.items.find((r) => r.reference === sv.row.reference)?.filesNotStored).toBe(1);
    expect(sv.receipt?.text_body).toContain("Följande filer i ditt mejl sparades inte med rapporten");
    expect(sv.receipt?.text_body).toContain("- minnesdump.bin (0,1 MB): större än vad vi tar emot per fil");

    const en = await take(message("Dear CERT, we have a memory dump of the server that is infected and the logs."));
    expect(en.row.language).toBe("en");
    expect(en.receipt?.text_body).toContain("These files in your e-mail were not stored with the report");
    expect(en.receipt?.text_body).toContain("- minnesdump.bin (0.1 MB): larger than we accept per file");
  });
});

describe("the raw-text fallback (item 9)", () => {
  it("keeps MIME boundaries, part headers and encoded data out of the report text", async () => {
    const attachment = Buffer.alloc(3000, 1).toString("base64").replace(/.{76}/g, "$&\r\n");
    const raw = Buffer.from(
      `From: Ulf <ulf@exempel.se>\r\nSubject: Trasig del\r\nMessage-ID: <broken-part@exempel.se>\r\nMIME-Version: 1.0\r\n` +
        `Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n` +
        `Content-Transfer-Encoding: 8bit\r\n\r\nSkadlig kod hittad på 192.0.2.99.\r\n\r\n--b1\r\n` +
        `Content-Type: application/octet-stream; name="x.bin"\r\nContent-Transfer-Encoding: base64\r\n` +
        // A part header past the MIME splitter's 1 MB limit: nothing but raw text can be read.
        `X-Huge: ${"h".repeat(1_100_000)}\r\n\r\n${attachment}\r\n--b1--\r\n`,
    );
    const { row } = await take(raw);
    expect(row.mail_read_level).toBe("raw-text");
    expect(row.what_happened).toBe("Skadlig kod hittad på 192.0.2.99.");
  });
});

describe("mail shapes from the field (corpus)", () => {
  it("S/MIME signed: the signed text is the report, the signature a file", async () => {
    const { row, files } = await take("smime-signed.eml");
    expect(row.what_happened).toBe("Vi har spärrat 192.0.2.55 efter intrånget.");
    expect(names(files)).toEqual(["smime.p7s"]);
  });

  it("PGP/MIME signed with an unknown key: the text is read, the signature recorded as such", async () => {
    const { row, files } = await take("pgp-mime-signed.eml");
    expect(row.what_happened).toBe("Varning: C2 på evil-c2.example, port 8443.");
    expect(row.pgp_signature).not.toBe("none");
    expect(names(files)).toEqual(["signature.asc"]);
  });

  it("a forwarded phishing mail (message/rfc822) is kept as evidence byte for byte, headers and all", async () => {
    const { row, files, file } = await take("forwarded-phishing-rfc822.eml");
    expect(row.what_happened).toBe("Se bifogat nätfiskemejl, vi fick det i morse.");
    expect(files.map((f) => [f.filename, f.content_type])).toEqual([["forwarded-message-2.eml", "message/rfc822"]]);
    const eml = (await file("forwarded-message-2.eml")).toString("utf8");
    expect(eml).toMatch(/^Received: from mail\.paket-leverans\.example \(unknown \[203\.0\.113\.99\]\)/);
    expect(eml).toContain("Message-ID: <phish-777@paket-leverans.example>");
    expect(eml).toContain("https://paket-leverans.example/betala");
  });

  it("TNEF (winmail.dat): stored, and the files inside it listed on the report", async () => {
    const { row, files } = await take("outlook-tnef-winmail.eml");
    expect(names(files)).toEqual(["winmail.dat"]);
    expect(row.what_happened).toContain("[winmail.dat: Fakturaunderlag_Åre.pdf (130 bytes), macro.docm (204 bytes)]");
  });

  it("a calendar invite: the text part is the report, the invitation a file", async () => {
    const { row, files } = await take("calendar-invite.eml");
    expect(row.summary).toBe("Inbjudan: Möte om löner");
    expect(row.what_happened).toBe("Anslut via https://teams-meeting.example.org/join/123");
    expect(files.map((f) => [f.filename, f.content_type])).toEqual([
      ["invite-3.ics", "text/calendar"],
      ["message.html", "text/html"],
    ]);
  });

  it("a DSN bounce: a report with the delivery status readable, never acknowledged", async () => {
    const { row, result, receipt } = await take("dsn-bounce.eml");
    expect(result.acknowledged).toBe(false);
    expect(receipt).toBeUndefined();
    expect(row.what_happened).toContain("Diagnostic-Code: smtp; 550 5.1.1 user unknown");
    expect(row.what_happened).toContain("Subject: [FYR-2026-00001] Er server 192.0.2.1");
  });

  it("Apple Mail: format=flowed with delsp joined into lines, HTML alternative kept as a file", async () => {
    const { row, files } = await take("apple-mail.eml");
    expect(row.summary).toBe("Intrång i vår molntjänst");
    expect(row.what_happened).toBe(
      "Hej! Vi ser inloggningar från 198.51.100.200 på vårt admin-konto sedan i natt.\n\nMvh Sara",
    );
    expect(names(files)).toEqual(["message.html"]);
  });

  it("Thunderbird: format=flowed text, an RFC 2231 file name in two encoded pieces", async () => {
    const { row, files, file } = await take("thunderbird.eml");
    expect(row.what_happened).toBe("Trafiken toppade på 40 Gbit/s mot 192.0.2.80, loggarna bifogas.");
    expect(names(files)).toEqual(["åtkomst-logg vecka 48.txt"]);
    expect((await file("åtkomst-logg vecka 48.txt")).toString()).toBe("2026-11-30 03:00 SYN flood 192.0.2.80\n");
  });

  it("mobile clients: iPhone (base64 text, inline photo) and Android Gmail (base64 alternative)", async () => {
    const iphone = await take("mobile-iphone.eml");
    expect(iphone.row.what_happened).toBe(
      "Fick detta sms med länk hxxps://bankid-verifiering[.]example/x\n\nSkickat från min iPhone",
    );
    expect(names(iphone.files)).toEqual(["IMG_0042.jpeg"]);
    const android = await take("mobile-android-gmail.eml");
    expect(android.row.summary).toBe("Någon har tagit över mitt konto");
    expect(android.row.what_happened).toBe("Någon loggade in från 203.0.113.201 och bytte lösenord.");
  });
});
