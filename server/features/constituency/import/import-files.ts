import { createGunzip } from "node:zlib";
import { Readable, pipeline } from "node:stream";
import type { ConstituencyImportError } from "../../../platform/db/tables/constituency-imports.js";

/** A file to import: its name (for errors) and a way to read it, once per pass. */
export interface ImportFile {
  name: string;
  open(): AsyncIterable<Uint8Array>;
}

/** The errors of an import, by file and line: the first ones kept, all of them counted. */
export class ImportErrors {
  readonly kept: ConstituencyImportError[] = [];
  count = 0;
  constructor(private readonly limit = 1_000) {}

  add(file: string, line: number, message: string): void {
    this.count += 1;
    if (this.kept.length < this.limit) this.kept.push({ file, line, message: message.slice(0, 500) });
  }
}

/**
 * The bytes of a file, unpacked when it is gzip (RIPE publishes ripe.db.inetnum.gz): told by its first
 * two bytes, not its name, so an upload named anything works.
 */
export async function* plainBytes(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) return;
  const head = first.value;
  const rest = {
    async *[Symbol.asyncIterator]() {
      yield head;
      for (;;) {
        const next = await iterator.next();
        if (next.done === true) return;
        yield next.value;
      }
    },
  };
  if (head[0] === 0x1f && head[1] === 0x8b) {
    // pipeline: a read error of the source ends the unpacked stream with it, not silently.
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    pipeline(Readable.from(rest), gunzip, () => undefined);
    yield* gunzip as AsyncIterable<Uint8Array>;
  } else yield* rest;
}
