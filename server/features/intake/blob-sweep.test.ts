import { randomBytes } from "node:crypto";
import { rm, utimes } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ReportSubmission } from "../../../contract/intake.js";
import { useTestApp } from "../../../test/support/app.js";
import { anonymous } from "../../platform/auth/actor.js";
import { ORPHAN_AGE_MS, scheduleBlobSweep, sweepOrphanBlobs } from "./blob-sweep.js";
import { submitReport } from "./submit-report.js";
import { minimalReport, tempDataDir } from "./test-fixtures.js";

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));

async function age(sha256: string, ms: number) {
  const then = new Date(Date.now() - ms);
  await utimes(join(dataDir, "blobs", sha256.slice(0, 2), sha256.slice(2, 4), sha256), then, then);
}

describe("orphan blob clean-up", () => {
  it("removes old blobs no row references and keeps referenced or young ones", async () => {
    const { blobs, db, clock, config } = app().fyr.deps;
    const kept = await blobs.put(randomBytes(100));
    const orphan = await blobs.put(randomBytes(100));
    const young = await blobs.put(randomBytes(100));
    await submitReport(
      { db, clock, config, actor: anonymous },
      ReportSubmission.parse(minimalReport()),
      [{ filename: "kept.bin", contentType: "application/octet-stream", sha256: kept.sha256, size: kept.size }],
      { kind: "api" },
    );
    await age(kept.sha256, 2 * ORPHAN_AGE_MS);
    await age(orphan.sha256, 2 * ORPHAN_AGE_MS);

    const removed = await sweepOrphanBlobs(db, blobs, new Date(Date.now() - ORPHAN_AGE_MS));
    expect(removed).toBe(1);
    expect(await blobs.exists(orphan.sha256)).toBe(false);
    expect(await blobs.exists(kept.sha256)).toBe(true);
    expect(await blobs.exists(young.sha256)).toBe(true);
  });

  it("queues one clean-up after uploads, not one per upload", async () => {
    const { db, clock } = app().fyr.deps;
    await scheduleBlobSweep(db, clock);
    await scheduleBlobSweep(db, clock);
    const jobs = await db.selectFrom("jobs").selectAll().where("name", "=", "intake.blobs.sweep").execute();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.run_at.getTime()).toBeGreaterThan(clock.now().getTime() + ORPHAN_AGE_MS);
  });
});
