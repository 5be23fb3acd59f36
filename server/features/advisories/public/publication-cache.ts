import { createHash } from "node:crypto";
import type { Db } from "../../../platform/db/connect.js";
import { selectPublicationStamp } from "../publications-store.js";

// Rendered public pages and feeds, kept until something is published. Publishing in this process clears
// the cache at once; a publication by another process is noticed by the stamp (how many publications
// and the newest release time), read at most once a second — so a page is at most a second stale there.

export interface Rendered {
  body: string;
  type: string;
  etag: string;
  lastModified: Date | null;
}

const MAX_ENTRIES = 20_000;
const STAMP_TTL_MS = 1000;

export class PublicationCache {
  private entries = new Map<string, Rendered>();
  private stamp = "";
  private latest: Date | null = null;
  private checkedAt = 0;
  private checking: Promise<void> | undefined;

  clear(): void {
    this.entries.clear();
    this.checkedAt = 0;
  }

  /** The newest publication time (Last-Modified of lists and feeds), checking the stamp when due. */
  async fresh(db: Db): Promise<Date | null> {
    if (Date.now() - this.checkedAt >= STAMP_TTL_MS) {
      this.checking ??= (async () => {
        const s = await selectPublicationStamp(db);
        const stamp = `${s.count}:${s.latest?.getTime() ?? 0}`;
        if (stamp !== this.stamp) this.entries.clear();
        this.stamp = stamp;
        this.latest = s.latest;
        this.checkedAt = Date.now();
      })().finally(() => (this.checking = undefined));
      await this.checking;
    }
    return this.latest;
  }

  /** The cached rendering of `key`, or renders it (null: nothing there, not cached). */
  async get(db: Db, key: string, render: () => Promise<Omit<Rendered, "etag"> | null>): Promise<Rendered | null> {
    await this.fresh(db);
    const hit = this.entries.get(key);
    if (hit) return hit;
    const stampAtStart = this.stamp;
    const made = await render();
    if (!made) return null;
    const etag = `"${createHash("sha256").update(made.body).digest("base64url").slice(0, 27)}"`;
    const rendered = { ...made, etag };
    // Rendered against a stamp that has moved on meanwhile: answer it, but do not keep it.
    if (this.stamp === stampAtStart) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value ?? "");
      this.entries.set(key, rendered);
    }
    return rendered;
  }
}
