import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase } from "../../../test/support/db.js";
import { systemActor } from "../../platform/auth/actor.js";
import { type Clock, systemClock } from "../../platform/clock.js";
import { createBlobStore } from "../../platform/files/blobs.js";
import { keepFeedPartitions, retentionCutoff } from "./retention.js";
import { runFeedFile } from "./run-feed-file.js";
import { insertSource } from "./sources-store.js";

let t: TestDatabase;
const dir = mkdtempSync(join(tmpdir(), "fyr-feeds-retention-"));
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
  rmSync(dir, { recursive: true, force: true });
});

const at = (iso: string): Clock => ({ now: () => new Date(iso) });

const partitions = async () =>
  (
    await sql<{ name: string }>`
      select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
      join pg_class p on p.oid = i.inhparent where p.relname = 'feed_events' order by 1`.execute(t.handle.db)
  ).rows.map((r) => r.name);

describe("feed retention", () => {
  it("counts this month among those kept", () => {
    expect(retentionCutoff(new Date("2026-12-02T10:00:00Z"), 13).toISOString()).toBe("2025-12-01T00:00:00.000Z");
    expect(retentionCutoff(new Date("2026-01-31T23:00:00Z"), 1).toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("drops months past retention (audited), keeps the rest, and makes next month ahead", async () => {
    const name = `shadowserver-${randomBytes(4).toString("hex")}`;
    await insertSource(t.handle.db, { name, format: "shadowserver", report_type: "scan_rdp" });
    const row = (time: string, ip: string) => `"${time}","${ip}",3389,,"rdp"`;
    const csv = [
      '"timestamp","ip","port","hostname","tag"',
      row("2025-10-15 12:00:00", "192.0.2.1"),
      row("2026-11-15 12:00:00", "192.0.2.2"),
    ];
    const ctx = { db: t.handle.db, actor: systemActor("test"), clock: systemClock, blobs: createBlobStore(dir) };
    const run = await runFeedFile(ctx, {
      source: name,
      fileName: "r.csv",
      via: "cli",
      body: Readable.from([Buffer.from(csv.join("\n"))]),
    });
    expect(run.events_stored).toBe(2);

    const { dropped } = await keepFeedPartitions(t.handle.db, at("2026-12-02T10:00:00Z"), 13);
    expect(dropped).toEqual(["feed_events_y2025m10"]);
    const names = await partitions();
    expect(names).toEqual(
      expect.arrayContaining(["feed_events_y2026m11", "feed_events_y2026m12", "feed_events_y2027m01"]),
    );
    expect(names).not.toContain("feed_events_y2025m10");
    const left = await t.handle.db.selectFrom("feed_events").select("source_ip").where("run_id", "=", run.id).execute();
    expect(left.map((r) => r.source_ip)).toEqual(["192.0.2.2"]);
    const audit = await t.handle.db
      .selectFrom("audit_log")
      .select(["action", "diff"])
      .where("action", "=", "feed.retention")
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.diff)).toContain("feed_events_y2025m10");

    // Nothing more to drop: no audit entry for an empty pass; a month dropped comes back when an event needs it.
    expect((await keepFeedPartitions(t.handle.db, at("2026-12-02T16:00:00Z"), 13)).dropped).toEqual([]);
    const back = await runFeedFile(ctx, {
      source: name,
      fileName: "r2.csv",
      via: "cli",
      body: Readable.from([Buffer.from([csv[0], row("2025-10-16 12:00:00", "192.0.2.9")].join("\n"))]),
    });
    expect(back.events_stored).toBe(1);
    expect(await partitions()).toContain("feed_events_y2025m10");
  });
});
