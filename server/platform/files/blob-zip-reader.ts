import { Reader } from "@zip.js/zip.js";
import type { RandomAccessBlob } from "./blobs.js";

/** zip.js reads a stored blob at offsets through this, never loading it whole. */
export class BlobZipReader extends Reader<RandomAccessBlob> {
  constructor(private readonly blob: RandomAccessBlob) {
    super(blob);
    this.size = blob.size;
  }
  override readUint8Array(index: number, length: number): Promise<Uint8Array> {
    return this.blob.read(index, length);
  }
}
