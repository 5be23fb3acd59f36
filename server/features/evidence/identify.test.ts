import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { RandomAccessBlob } from "../../platform/files/blobs.js";
import { contentMismatch, detectContent } from "./detect-type.js";
import { ARCHIVE_BOUNDS, listZip } from "./list-archive.js";
import { openMessage } from "./open-message.js";
import { PE_HEAD, zipOf } from "./evidence.test-fixtures.js";

// Files are identified by their bytes, archives listed in place within bounds, mail opened as mail.

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

function inMemory(data: Uint8Array): RandomAccessBlob {
  return {
    size: data.length,
    read: async (offset, length) => data.subarray(offset, Math.min(data.length, offset + length)),
    close: async () => undefined,
  };
}

describe("identifying content", () => {
  it("knows a Windows program called invoice.pdf for what it is", async () => {
    const detected = await detectContent(PE_HEAD);
    expect(detected).toMatchObject({ ext: "exe", executable: true, textLike: false });
    expect(contentMismatch("invoice.pdf", "application/pdf", detected)).toBe(true);
    expect(contentMismatch("setup.exe", "application/octet-stream", detected)).toBe(false);
    expect(contentMismatch("update.dll", "application/octet-stream", detected)).toBe(false);
    // No extension: the declared type is the claim; a program claims nothing when declared generic.
    expect(contentMismatch("invoice", "application/pdf", detected)).toBe(true);
    expect(contentMismatch("a.out", "application/octet-stream", detected)).toBe(true);
  });

  it("reads text, mail, HTML and XML without a name, and a script called .pdf is a mismatch", async () => {
    const text = await detectContent(Buffer.from("2026-03-01 10:00 DENY 10.0.0.1\n"));
    expect(text).toMatchObject({ mime: "text/plain", textLike: true });
    expect(contentMismatch("firewall.log", "text/plain", text)).toBe(false);
    expect(contentMismatch("readme.md", "application/octet-stream", text)).toBe(false);
    expect(contentMismatch("faktura.pdf", "application/pdf", text)).toBe(true);
    const mail = await detectContent(Buffer.from("Received: from x\r\nFrom: a@b.se\r\nSubject: Hej\r\n\r\nText"));
    expect(mail).toMatchObject({ mime: "message/rfc822", ext: "eml" });
    expect((await detectContent(Buffer.from("Name: value\nOther: value\n\nbody"))).mime).toBe("text/plain");
    expect((await detectContent(Buffer.from("<!DOCTYPE html><p>hej</p>"))).mime).toBe("text/html");
    expect((await detectContent(Buffer.from("\u00e5\u00e4\u00f6 latin-1", "latin1"))).textLike).toBe(true);
    const binary = await detectContent(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00]));
    expect(binary).toEqual({ mime: null, ext: null, textLike: false, executable: false });
    expect(contentMismatch("x.pdf", "application/pdf", binary)).toBe(false);
  });

  it("takes a PDF, a PNG and an Office document by their bytes", async () => {
    expect((await detectContent(Buffer.from("%PDF-1.7\n%\u00e2\u00e3\n"))).ext).toBe("pdf");
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    expect(await detectContent(png)).toMatchObject({ ext: "png", mime: "image/png" });
    expect(contentMismatch("photo.jpg", "image/jpeg", await detectContent(png))).toBe(true);
    const docx = await zipOf([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "word/document.xml", data: "x" },
    ]);
    const detected = await detectContent(docx);
    expect(detected.ext).toBe("docx");
    expect(contentMismatch("rapport.docx", "", detected)).toBe(false);
    expect(contentMismatch("rapport.zip", "", detected)).toBe(false);
  });
});

describe("listing an archive", () => {
  it("names each entry with its sizes and hashes, also inside an archive within it", async () => {
    const inner = await zipOf([{ name: "payload.exe", data: PE_HEAD }]);
    const outer = await zipOf([
      { name: "docs/", directory: true },
      { name: "docs/readme.txt", data: "läs mig" },
      { name: "inner.zip", data: inner },
    ]);
    const listing = await listZip(inMemory(outer));
    expect(listing).toMatchObject({ format: "zip", truncated: false, stop: null });
    expect(listing.entries.map((e) => [e.path, e.depth, e.directory])).toEqual([
      ["docs/", 0, true],
      ["docs/readme.txt", 0, false],
      ["inner.zip", 0, false],
      ["inner.zip/payload.exe", 1, false],
    ]);
    const readme = listing.entries[1];
    expect(readme).toMatchObject({ size: Buffer.byteLength("läs mig"), sha256: sha256("läs mig") });
    expect(readme?.md5).toBe(createHash("md5").update("läs mig").digest("hex"));
    expect(listing.entries[3]?.sha256).toBe(sha256(PE_HEAD));
  });

  it("opens entries encrypted with the field's password and lists others unread", async () => {
    const sample = await zipOf([{ name: "sample.exe", data: PE_HEAD }], { password: "infected" });
    const [entry] = (await listZip(inMemory(sample))).entries;
    expect(entry).toMatchObject({ encrypted: true, sha256: sha256(PE_HEAD) });
    const other = await zipOf([{ name: "secret.txt", data: "x" }], { password: "hemligt" });
    const listing = await listZip(inMemory(other));
    expect(listing.entries[0]).toMatchObject({ path: "secret.txt", encrypted: true, sha256: null });
  });

  it("stops at the bounds: entries, bytes read, nesting depth, directory size", async () => {
    const many = await zipOf(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.txt`, data: `${i}` })));
    const byCount = await listZip(inMemory(many), { ...ARCHIVE_BOUNDS, maxEntries: 10 });
    expect(byCount).toMatchObject({ truncated: true, stop: "entries" });
    expect(byCount.entries).toHaveLength(10);

    // A bomb: 8 MB of zeros in a few KB. Bytes read count, not the sizes the archive states.
    const bomb = await zipOf([
      { name: "a.bin", data: Buffer.alloc(8 * 1024 * 1024) },
      { name: "b.txt", data: "after" },
    ]);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const byBytes = await listZip(inMemory(bomb), { ...ARCHIVE_BOUNDS, maxBytes: 1024 * 1024 });
    expect(byBytes).toMatchObject({ truncated: true, stop: "bytes" });
    expect(byBytes.entries.map((e) => [e.path, e.sha256])).toEqual([
      ["a.bin", null],
      ["b.txt", null],
    ]);

    let nested = await zipOf([{ name: "core.txt", data: "kärna" }]);
    for (let level = 0; level < 4; level++) nested = await zipOf([{ name: `level${level}.zip`, data: nested }]);
    const byDepth = await listZip(inMemory(nested), { ...ARCHIVE_BOUNDS, maxDepth: 2 });
    expect(byDepth.entries.map((e) => e.depth)).toEqual([0, 1, 2]);

    const byDirectory = await listZip(inMemory(many), { ...ARCHIVE_BOUNDS, maxDirectoryBytes: 100 });
    expect(byDirectory).toMatchObject({ entries: [], truncated: true, stop: "entries" });
  });

  it("answers a damaged archive as unreadable instead of failing", async () => {
    const broken = Buffer.from("PK\u0003\u0004 not really a zip");
    expect(await listZip(inMemory(broken))).toMatchObject({ entries: [], truncated: true, stop: "unreadable" });
  });
});

describe("opening a message", () => {
  it("lists headers, text and attachments (hashed, not stored)", async () => {
    const raw = Buffer.from(
      [
        "From: Angripare <bad@evil.example>",
        "To: ekonomi@kommun.se, Kassa <kassa@kommun.se>",
        "Subject: =?utf-8?q?Faktura_f=C3=B6rfallen?=",
        "Date: Mon, 2 Mar 2026 08:00:00 +0100",
        "Message-ID: <abc@evil.example>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/mixed; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Betala till http://evil.example/pay",
        "--b",
        'Content-Type: application/octet-stream; name="faktura.pdf.exe"',
        "Content-Transfer-Encoding: base64",
        "",
        PE_HEAD.toString("base64"),
        "--b--",
        "",
      ].join("\r\n"),
    );
    const { summary, text } = await openMessage(raw);
    expect(summary).toMatchObject({
      subject: "Faktura förfallen",
      from: "Angripare <bad@evil.example>",
      to: ["ekonomi@kommun.se", "kassa@kommun.se"],
      messageId: "<abc@evil.example>",
      readLevel: "full",
    });
    expect(summary.text).toContain("http://evil.example/pay");
    expect(summary.attachments).toEqual([
      {
        filename: "faktura.pdf.exe",
        contentType: "application/octet-stream",
        size: PE_HEAD.length,
        sha256: sha256(PE_HEAD),
      },
    ]);
    expect(text).toMatch(/^from: Angripare/m);
  });
});
