import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { automatedReason } from "./automated.js";
import type { AttachmentSink } from "./mime-reader.js";
import { parseInboundMail } from "./parse.js";
import { referenceInSubject } from "./reference-in-subject.js";
import { guessLanguage } from "./guess-language.js";
import { withoutControlCharacters } from "./control-characters.js";
import { MAX_PARTS } from "./mime-reader.js";
import { decodeHeaderValue } from "./raw-headers.js";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function memorySink(): { sink: AttachmentSink; files: Map<string, Buffer> } {
  const files = new Map<string, Buffer>();
  const sink: AttachmentSink = async ({ filename, contentType, content }) => {
    const chunks: Buffer[] = [];
    for await (const chunk of content) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    files.set(filename, bytes);
    return { filename, contentType, sha256, size: bytes.length };
  };
  return { sink, files };
}

async function parse(raw: Buffer) {
  const { sink, files } = memorySink();
  return { mail: await parseInboundMail(raw, { storeAttachment: sink }), files };
}

const automated = (m: Awaited<ReturnType<typeof parse>>["mail"]) =>
  automatedReason({ headers: m.headers, fromAddress: m.from?.address ?? null, contentType: m.contentType });

describe("parseInboundMail", () => {
  it("reads a plain message: decoded subject, sender, text and Message-ID", async () => {
    const { mail } = await parse(fixture("plain.eml"));
    expect(mail.subject).toBe("Intrång på vår webbserver");
    expect(mail.from).toEqual({ address: "anna@exempel.se", name: "Anna Andersson" });
    expect(mail.text).toContain("upptäckt ett intrång på vår webbserver");
    expect(mail.messageId).toBe("<plain-1@exempel.se>");
    expect(mail.readLevel).toBe("full");
    expect(automated(mail)).toBeNull();
  });

  it("prefers text/plain (Latin-1, quoted-printable) over HTML and keeps every attachment byte for byte", async () => {
    const { mail, files } = await parse(fixture("multipart-attachment.eml"));
    expect(mail.text.trim()).toBe("Flera anställda har fått ett nätfiskemejl. Loggar bifogas.");
    expect(mail.text).not.toContain("HTML-versionen");
    expect(mail.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ["access.log", "text/plain", 63],
      ["sample.bin", "application/octet-stream", 16],
      // The HTML alternative is kept, sanitised, as a file: its links are evidence too.
      ["message.html", "text/html", 72],
    ]);
    expect(files.get("sample.bin")).toEqual(Buffer.from([...Array(16).keys()]));
  });

  it("turns an HTML-only message into text without markup, scripts or styles", async () => {
    const { mail } = await parse(fixture("html-only.eml"));
    expect(mail.text).toContain("Våra e-tjänster är nere sedan 09:30.");
    expect(mail.text).toMatch(/Trafiken kommer från 203\.0\.113\.5.* & fler/);
    expect(mail.text).not.toMatch(/<[a-z]|alert|color: red/i);
  });

  it("reads a message whose MIME is broken (unclosed boundary, bad encodings) as far as it goes", async () => {
    const { mail } = await parse(fixture("broken-mime.eml"));
    expect(mail.subject).toBe("Trasigt meddelande");
    expect(mail.text).toContain("konstig trafik från 198.51.100.7");
    expect(mail.attachments.map((a) => a.filename)).toEqual(["rapport.pdf"]);
  });

  it("decodes a body in an unknown charset by sniffing instead of printing replacement characters", async () => {
    const { mail } = await parse(fixture("unknown-charset.eml"));
    expect(mail.text).toContain("Länkar i mejl har klickats av flera användare.");
    expect(mail.text).not.toContain("\uFFFD");
    expect(mail.subject).toContain("okänd teckenkodning");
  });

  it("survives a header block past the parser's limit: the fields that matter and the body are kept", async () => {
    const raw = Buffer.concat([
      Buffer.from("From: Gustav <gustav@exempel.se>\r\nSubject: Enorm rubrik\r\nMessage-ID: <huge-1@exempel.se>\r\n"),
      Buffer.from(`X-Junk: ${"a".repeat(2_000_000)}\r\n`),
      Buffer.from("Content-Type: text/plain; charset=iso-8859-1\r\n\r\nL\xe4ckta l\xf6senord.\r\n", "latin1"),
    ]);
    const { mail } = await parse(raw);
    expect(mail.readLevel).toBe("headers-rebuilt");
    expect(mail.subject).toBe("Enorm rubrik");
    expect(mail.from?.address).toBe("gustav@exempel.se");
    expect(mail.messageId).toBe("<huge-1@exempel.se>");
    expect(mail.text.trim()).toBe("Läckta lösenord.");
    expect(JSON.stringify(mail.headers).length).toBeLessThan(20_000);
  });

  it("keeps binary junk and empty input as readable text instead of failing", async () => {
    const junk = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256));
    const { mail } = await parse(junk);
    expect(mail.readLevel).toBe("raw-text");
    expect(mail.text.length).toBeGreaterThan(1000);
    // eslint-disable-next-line no-control-regex -- asserting that no control characters are left
    expect(mail.text).not.toMatch(/[\u0000-\u0008]/);
    const empty = await parse(Buffer.alloc(0));
    expect(empty.mail.text).toBe("");
    expect(empty.mail.from).toBeNull();
  });

  it("tells automated mail apart (RFC 3834): auto-replies, bounces and list mail; people's mail is not", async () => {
    expect(automated((await parse(fixture("auto-replied.eml"))).mail)).toBe("auto-submitted");
    expect(automated((await parse(fixture("bounce.eml"))).mail)).toBe("auto-submitted");
    expect(automated((await parse(fixture("list-mail.eml"))).mail)).toBe("precedence");
    expect(automated((await parse(fixture("multipart-attachment.eml"))).mail)).toBeNull();
  });

  it("finds the reference and the thread headers of a reply", async () => {
    const raw = Buffer.from(
      fixture("reply-with-reference.eml").toString("utf8").replace("[REFERENCE]", "[FYR-2026-00042]"),
    );
    const { mail } = await parse(raw);
    expect(referenceInSubject(mail.subject, "FYR")).toBe("FYR-2026-00042");
    expect(mail.inReplyTo).toBe("<ack-1@cert.example>");
    expect(mail.references).toEqual(["<ack-1@cert.example>"]);
  });
});

describe("the one header decoder", () => {
  const bytes = (s: string, encoding: BufferEncoding) => Buffer.from(s, encoding).toString("latin1");
  it("decodes raw 8-bit by detection and encoded words by their charset, 8-bit inside them too", () => {
    expect(decodeHeaderValue(bytes("Frösche – grön", "utf8"))).toBe("Frösche – grön");
    expect(decodeHeaderValue(Buffer.from([0x46, 0x72, 0xf6, 0x20, 0x96, 0x20, 0x80]).toString("latin1"))).toBe(
      "Frö – €",
    );
    expect(decodeHeaderValue("=?iso-8859-1?Q?=93Hej=94_=80?=")).toBe("“Hej” €");
    expect(decodeHeaderValue(`=?utf-8?Q?${bytes("Frö", "utf8")}?=`)).toBe("Frö");
    expect(decodeHeaderValue("=?utf-8?B?w6Q=?= =?utf-8?B?w7Y=?= och =?unknown-x?Q?=C3=A5?=")).toBe("äö och å");
    expect(decodeHeaderValue("=?utf-7?Q?Fr+APY-sche?=")).toBe("Frösche");
  });

  it("never lets a C1 control through: each becomes the Windows-1252 character meant, or goes", () => {
    expect(withoutControlCharacters("It\u0092s \u0093urgent\u0094 \u0080 5\u0081\u0000")).toBe("It’s “urgent” € 5");
  });
});

describe("a message wider than the bound on parts", () => {
  it("reads the first parts and says the message was read only in part", async () => {
    const parts = Array.from({ length: MAX_PARTS + 5 }, (_, i) => `--w\r\nContent-Type: text/plain\r\n\r\np${i}\r\n`);
    const raw = Buffer.from(
      `From: a@exempel.se\r\nSubject: Bred\r\nContent-Type: multipart/mixed; boundary="w"\r\n\r\n${parts.join("")}--w--\r\n`,
    );
    const { mail } = await parse(raw);
    expect(mail.readLevel).toBe("partial");
    expect(mail.skippedParts).toBe(5);
    expect(mail.text).toContain(`p${MAX_PARTS - 1}`);
    expect(mail.text).not.toContain(`p${MAX_PARTS}`);
  }, 60_000);
});

describe("automatedReason", () => {
  const person = { headers: {}, fromAddress: "a@exempel.se", contentType: "text/plain" };
  it("answers each rule on its own", () => {
    expect(automatedReason(person)).toBeNull();
    expect(automatedReason({ ...person, headers: { "auto-submitted": "no" } })).toBeNull();
    expect(automatedReason({ ...person, headers: { "auto-submitted": "auto-generated" } })).toBe("auto-submitted");
    expect(automatedReason({ ...person, headers: { precedence: "bulk" } })).toBe("precedence");
    expect(automatedReason({ ...person, headers: { precedence: "junk" } })).toBe("precedence");
    expect(automatedReason({ ...person, headers: { "list-id": "<x.example>" } })).toBe("mailing-list");
    expect(automatedReason({ ...person, headers: { "return-path": "<>" } })).toBe("bounce");
    expect(automatedReason({ ...person, envelopeFrom: "" })).toBe("bounce");
    expect(automatedReason({ ...person, contentType: "multipart/report" })).toBe("bounce");
    expect(automatedReason({ ...person, fromAddress: "MAILER-DAEMON@mx.example" })).toBe("bounce");
    expect(automatedReason({ ...person, headers: { "x-auto-response-suppress": "All" } })).toBe("response-suppressed");
    expect(automatedReason({ ...person, fromAddress: null })).toBe("no-sender");
  });
});

describe("referenceInSubject and guessLanguage", () => {
  it("finds only bracketed references with the configured prefix", () => {
    expect(referenceInSubject("Re: Tack [fyr-2026-00042]", "FYR")).toBe("FYR-2026-00042");
    expect(referenceInSubject("Re: FYR-2026-00042", "FYR")).toBeNull();
    expect(referenceInSubject("Re: [CERT-2026-00042]", "FYR")).toBeNull();
  });
  it("guesses Swedish by default and English when the text clearly is", () => {
    expect(guessLanguage("Hej, vi har ett problem med vår server")).toBe("sv");
    expect(guessLanguage("Dear CERT, we have seen that the server of our partner is down")).toBe("en");
    expect(guessLanguage("")).toBe("sv");
  });
});
