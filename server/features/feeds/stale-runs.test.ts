import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase } from "../../../test/support/db.js";
import { systemActor } from "../../platform/auth/actor.js";
import { systemClock } from "../../platform/clock.js";
import { AppError } from "../../platform/errors.js";
import { type BlobStore, createBlobStore } from "../../platform/files/blobs.js";
import { rerunFeedRun } from "./accept-feed-file.js";
import { type FeedContext, runFeedFile } from "./run-feed-file.js";
import { insertSource, selectRun } from "./sources-store.js";

// A CLI import killed midway leaves its run "running" with part of its events stored. The next import
// of the source (or the worker's reaper) finds it silent past the limit, removes what it stored and
// fails it, so the source is not blocked and the file read again stores every finding once.

const sample = readFileSync(fileURLToPath(new URL("./shadowserver/samples/scan_rdp.csv", import.meta.url)));
let t: TestDatabase;
let blobs: BlobStore;
const dir = mkdtempSync(join(tmpdir(), "fyr-feeds-stale-"));
beforeAll(async () => {
  t = await createTestDatabase();
  blobs = createBlobStore(dir);
});
afterAll(async () => {
  await t.drop();
  rmSync(dir, { recursive: true, force: true });
});

const later = (minutes: number) => ({ now: () => new Date(Date.now() + minutes * 60_000) });
const ctx = (clock = systemClock): FeedContext => ({ db: t.handle.db, actor: systemActor("test"), clock, blobs });
const importSample = (source: string, clock = systemClock) =>
  runFeedFile(ctx(clock), {
    source,
    fileName: "2026-11-30-scan_rdp-se.csv",
    via: "cli",
    body: Readable.from([sample]),
  });

describe("a run whose process died", () => {
  it("is failed with its events removed, and the file read again stores everything once", async () => {
    const source = `stale-${randomBytes(4).toString("hex")}`;
    await insertSource(t.handle.db, { name: source, format: "shadowserver", report_type: null });
    // The dead import: all its events stored, then the process gone before it finished.
    const dead = await importSample(source);
    await t.handle.db
      .updateTable("feed_runs")
      .set({ status: "running", finished_at: null })
      .where("id", "=", dead.id)
      .execute();

    // Soon after, the source is still taken: nobody can tell a slow import from a dead one yet.
    await expect(importSample(source, later(5))).rejects.toMatchObject({ code: "feed_run_in_progress" });

    // Past the limit, the next import takes the dead run back and reads the file in full.
    const again = await importSample(source, later(20));
    expect(again).toMatchObject({ status: "done", events_stored: 2, duplicates: 0 });
    const reaped = await selectRun(t.handle.db, dead.id);
    expect(reaped).toMatchObject({ status: "failed", events_stored: 0 });
    expect(reaped?.error).toMatch(/no sign of life for 15 minutes/);
    const events = await t.handle.db
      .selectFrom("feed_events")
      .select("run_id")
      .where("source_id", "=", dead.source_id)
      .execute();
    expect(events.map((e) => e.run_id)).toEqual([again.id, again.id]);
    const audit = await t.handle.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", dead.id)
      .where("action", "=", "feed.run_reaped")
      .execute();
    expect(audit).toHaveLength(1);

    // A failed run may be read again (queued for the worker); a done one may not.
    const rerun = await rerunFeedRun(ctx(), dead.id);
    expect(await selectRun(t.handle.db, rerun.id)).toMatchObject({ status: "queued", raw_sha256: reaped?.raw_sha256 });
    await expect(rerunFeedRun(ctx(), again.id)).rejects.toBeInstanceOf(AppError);
  });
});
