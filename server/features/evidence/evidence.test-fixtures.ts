import { Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from "@zip.js/zip.js";

// Shared by the evidence tests: a Windows program's first bytes and ZIPs built in memory.

/** The start of a PE executable (DOS header pointing at a PE signature): what file-type calls "exe". */
export const PE_HEAD = Buffer.concat([
  Buffer.from("MZ", "latin1"),
  Buffer.alloc(58),
  Buffer.from([0x80, 0x00, 0x00, 0x00]),
  Buffer.alloc(64),
  Buffer.from("PE\u0000\u0000L\u0001", "latin1"),
  Buffer.from("This program cannot be run in DOS mode. Not really malware: a test file.", "latin1"),
]);

export interface ZipItem {
  name: string;
  data?: Buffer | Uint8Array | string;
  directory?: boolean;
}

/** A ZIP of these entries (deflated); with a password, encrypted with ZipCrypto. */
export async function zipOf(items: ZipItem[], options: { password?: string } = {}): Promise<Buffer> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), {
    useWebWorkers: false,
    ...(options.password ? { password: options.password, zipCrypto: true } : {}),
  });
  for (const item of items) {
    if (item.directory) await writer.add(item.name, undefined, { directory: true });
    else {
      const data = typeof item.data === "string" ? Buffer.from(item.data) : (item.data ?? Buffer.alloc(0));
      await writer.add(item.name, new Uint8ArrayReader(new Uint8Array(data)));
    }
  }
  return Buffer.from(await writer.close());
}

/** A raw mail with one attachment (base64), as a reporter or a third party sends it. */
export function mailWithAttachment(opts: {
  from: string;
  subject: string;
  body: string;
  attachment?: { filename: string; contentType: string; content: Buffer };
  inReplyTo?: string;
  /** The text part in base64, as many mail clients send it (its words are not in the raw bytes). */
  bodyBase64?: boolean;
}): Buffer {
  const id = `<${Math.random().toString(36).slice(2)}.${Date.now()}@exempel.se>`;
  const head = [
    `From: ${opts.from}`,
    "To: cert@cert.example",
    `Subject: ${opts.subject}`,
    `Message-ID: ${id}`,
    ...(opts.inReplyTo ? [`In-Reply-To: ${opts.inReplyTo}`, `References: ${opts.inReplyTo}`] : []),
    "Date: Mon, 2 Mar 2026 08:00:00 +0100",
    "MIME-Version: 1.0",
  ];
  if (!opts.attachment)
    return Buffer.from([...head, "Content-Type: text/plain; charset=utf-8", "", opts.body, ""].join("\r\n"));
  const a = opts.attachment;
  return Buffer.from(
    [
      ...head,
      'Content-Type: multipart/mixed; boundary="fyr-b"',
      "",
      "--fyr-b",
      "Content-Type: text/plain; charset=utf-8",
      ...(opts.bodyBase64 ? ["Content-Transfer-Encoding: base64"] : []),
      "",
      opts.bodyBase64 ? Buffer.from(opts.body).toString("base64") : opts.body,
      "--fyr-b",
      `Content-Type: ${a.contentType}; name="${a.filename}"`,
      `Content-Disposition: attachment; filename="${a.filename}"`,
      "Content-Transfer-Encoding: base64",
      "",
      a.content.toString("base64").replace(/.{76}/g, "$&\r\n"),
      "--fyr-b--",
      "",
    ].join("\r\n"),
  );
}
