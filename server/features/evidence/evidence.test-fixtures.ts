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

