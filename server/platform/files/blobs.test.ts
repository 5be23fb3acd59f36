import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { text } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "../errors.js";
import { type BlobStore, createBlobStore, formatBytes } from "./blobs.js";

const sha = (data: string | Buffer, algorithm = "sha256") => createHash(algorithm).update(data).digest("hex");
const hashesOf = (data: string) => ({ sha256: sha(data), sha1: sha(data, "sha1"), md5: sha(data, "md5") });

/** The blobs under `dir` (each blob's kept hashes, `<sha256>.hashes`, left out). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && !e.name.endsWith(".hashes")).map((e) => e.name);
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
    expect(stored).toEqual({ ...hashesOf(chunks.join("")), size: chunks.join("").length, created: true });
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

  it("keeps SHA-1 and MD5 from the put, and computes them once for a blob stored without them", async () => {
    const stored = await blobs.put(Buffer.from("minnesdump"));
    expect(await blobs.hashes(stored.sha256)).toEqual({ ...hashesOf("minnesdump"), size: 10 });
    // A blob from before hashes were kept: its hashes file is gone.
    const path = join(dir, stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256);
    await rm(`${path}.hashes`);
    expect(await blobs.hashes(stored.sha256)).toEqual({ ...hashesOf("minnesdump"), size: 10 });
    const { readFile } = await import("node:fs/promises");
    expect(JSON.parse(await readFile(`${path}.hashes`, "utf8"))).toMatchObject({ md5: sha("minnesdump", "md5") });
    // Removing the blob removes its hashes too.
    await blobs.remove(stored.sha256);
    const left = await readdir(dir, { recursive: true, withFileTypes: true });
    expect(left.filter((e) => e.isFile()).map((e) => e.name)).toEqual([]);
    await expect(blobs.hashes(stored.sha256)).rejects.toMatchObject({ code: "blob_not_found" });
  });

  it("refuses to name a damaged blob by hashes it no longer has", async () => {
    const stored = await blobs.put(Buffer.from("original"));
    const path = join(dir, stored.sha256.slice(0, 2), stored.sha256.slice(2, 4), stored.sha256);
    const { writeFile } = await import("node:fs/promises");
    await rm(`${path}.hashes`);
    await writeFile(path, "tampered");
    await expect(blobs.hashes(stored.sha256)).rejects.toThrow(/does not match/);
  });

  it("reads a blob at offsets", async () => {
    const stored = await blobs.put(Buffer.from("0123456789"));
    const file = await blobs.openRandomAccess(stored.sha256);
    try {
      expect(file.size).toBe(10);
      expect(Buffer.from(await file.read(3, 4)).toString()).toBe("3456");
      expect(Buffer.from(await file.read(8, 10)).toString()).toBe("89");
    } finally {
      await file.close();
    }
  });

  it("words sizes for people", () => {
    expect(formatBytes(25 * 1024 * 1024)).toBe("25 MB");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(12)).toBe("12 bytes");
  });
});
