import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { type BlobStore, createBlobStore, formatBytes } from "./blobs.js";

const sha = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

describe("blob store", () => {
  let dir: string;
  let blobs: BlobStore;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "fyr-blobs-"));
    blobs = createBlobStore(dir);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("stores a stream under its SHA-256 and reads it back", async () => {
    const chunks = ["log line 1\n", "log line 2\n", "log line 3\n"];
    const stored = await blobs.put(Readable.from(chunks.map((c) => Buffer.from(c))));
    expect(stored).toEqual({ sha256: sha(chunks.join("")), size: chunks.join("").length, created: true });
    expect(await blobs.exists(stored.sha256)).toBe(true);
    expect(await text(await blobs.open(stored.sha256))).toBe(chunks.join(""));
    expect(await filesUnder(dir)).toEqual([stored.sha256]);
  });

  it("keeps the same content once", async () => {
    const first = await blobs.put(Buffer.from("same"));
    const second = await blobs.put(Buffer.from("same"));
    expect(second).toEqual({ ...first, created: false });
    expect(await filesUnder(dir)).toEqual([first.sha256]);
  });

  it("refuses content over the limit, stating it, and leaves nothing behind", async () => {
    const big = Readable.from([Buffer.alloc(600), Buffer.alloc(600)]);
    const err = await blobs.put(big, { maxBytes: 1024 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: "attachment_too_large",
      kind: "too_large",
      message: expect.stringContaining("1 KB"),
    });
    expect(await filesUnder(dir)).toEqual([]);
  });

  it("accepts content exactly at the limit", async () => {
    const stored = await blobs.put(Buffer.alloc(1024), { maxBytes: 1024 });
    expect(stored.size).toBe(1024);
  });

  it("leaves nothing behind when the source fails mid-way", async () => {
    async function* broken() {
      yield Buffer.from("part one");
      throw new Error("connection reset");
    }
    await expect(blobs.put(Readable.from(broken()))).rejects.toThrow("connection reset");
    expect(await filesUnder(dir)).toEqual([]);
  });

  it("answers not found for unknown or malformed hashes instead of touching other paths", async () => {
    await expect(blobs.open(sha("missing"))).rejects.toMatchObject({ code: "blob_not_found" });
    await expect(blobs.open("../../etc/passwd")).rejects.toMatchObject({ code: "blob_not_found" });
    expect(await blobs.exists("../x")).toBe(false);
  });

  it("lists blobs older than a time, and a re-put makes a blob young again", async () => {
    const old = await blobs.put(Buffer.from("old"));
    const young = await blobs.put(Buffer.from("young"));
    const hourAgo = new Date(Date.now() - 3_600_000);
    const twoHoursAgo = new Date(Date.now() - 7_200_000);
    await utimes(join(dir, old.sha256.slice(0, 2), old.sha256.slice(2, 4), old.sha256), twoHoursAgo, twoHoursAgo);
    const listed: string[] = [];
    for await (const s of blobs.listOlderThan(hourAgo)) listed.push(s);
    expect(listed).toEqual([old.sha256]);
    expect(listed).not.toContain(young.sha256);

    await blobs.put(Buffer.from("old"));
    expect(await blobs.isOlderThan(old.sha256, hourAgo)).toBe(false);
    await blobs.remove(young.sha256);
    expect(await blobs.exists(young.sha256)).toBe(false);
  });

  it("removes stale temporary files of interrupted uploads", async () => {
    await blobs.put(Buffer.from("x"));
    const { writeFile } = await import("node:fs/promises");
    const stale = join(dir, "tmp", "crashed.part");
    await writeFile(stale, "half");
    const past = new Date(Date.now() - 7_200_000);
    await utimes(stale, past, past);
    expect(await blobs.removeStaleTemporaryFiles(new Date(Date.now() - 3_600_000))).toBe(1);
    expect(await filesUnder(join(dir, "tmp"))).toEqual([]);
  });

  it("words sizes for people", () => {
    expect(formatBytes(25 * 1024 * 1024)).toBe("25 MB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(12)).toBe("12 bytes");
  });
});
