import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { BlobWriter, TextReader, Uint8ArrayReader, ZipWriter } from "@zip.js/zip.js";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase } from "../../../test/support/db.js";
import { systemActor } from "../../platform/auth/actor.js";
import { systemClock } from "../../platform/clock.js";
import { type BlobStore, createBlobStore } from "../../platform/files/blobs.js";
import { ensureMonthPartitions } from "./partitions.js";
import { type FeedContext, runFeedFile } from "./run-feed-file.js";
import { insertSource } from "./sources-store.js";

const sample = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./shadowserver/samples/${name}`, import.meta.url)));

let t: TestDatabase;
let blobs: BlobStore;
const dir = mkdtempSync(join(tmpdir(), "fyr-feeds-test-"));
beforeAll(async () => {
  t = await createTestDatabase();
  blobs = createBlobStore(dir);
});
afterAll(async () => {
  await t.drop();
  rmSync(dir, { recursive: true, force: true });
});

const ctx = (): FeedContext => ({ db: t.handle.db, actor: systemActor("test"), clock: systemClock, blobs });

/** A source of its own for each test, so none sees another's findings. */
async function newSource(reportType: string | null = null) {
  const name = `shadowserver-${randomBytes(4).toString("hex")}`;
  await insertSource(t.handle.db, { name, format: "shadowserver", report_type: reportType });
  return name;
}

const eventsOf = (runId: string) =>
  t.handle.db.selectFrom("feed_events").selectAll().where("run_id", "=", runId).orderBy("line").execute();

async function zipOf(files: Record<string, Buffer | string>): Promise<Buffer> {
  const writer = new ZipWriter(new BlobWriter());
  for (const [name, content] of Object.entries(files)) {
    await writer.add(name, typeof content === "string" ? new TextReader(content) : new Uint8ArrayReader(content));
  }
  return Buffer.from(await (await writer.close()).arrayBuffer());
}

describe("a feed file", () => {
  it("becomes events with classification and fields, and the same file again stores nothing twice", async () => {
    const source = await newSource("scan_rdp");
    const first = await runFeedFile(ctx(), {
      source,
      fileName: "scan_rdp.csv",
      via: "cli",
      body: Readable.from([sample("scan_rdp.csv")]),
    });
    expect(first).toMatchObject({ status: "done", rows_read: 2, events_stored: 2, duplicates: 0, malformed: 0 });
    const events = await eventsOf(first.id);
    expect(events.map((e) => e.source_ip)).toEqual(["198.123.245.178", "198.123.245.233"]);
    expect(events[0]).toMatchObject({
      classification_taxonomy: "vulnerable",
      classification_type: "vulnerable-system",
      classification_identifier: "accessible-rdp",
      source_port: 5678,
      line: 2,
    });
    expect(events[0]?.fields).toMatchObject({ "source.ip": "198.123.245.178", "feed.name": source });
    expect(events[0]?.extra).toMatchObject({ subject_common_name: "KABESRV.KABE.local" });
    expect(events[0]?.time_source.toISOString()).toBe("2019-09-04T15:45:51.000Z");

    const again = await runFeedFile(ctx(), {
      source,
      fileName: "scan_rdp.csv",
      via: "cli",
      body: Readable.from([sample("scan_rdp.csv")]),
    });
    expect(again).toMatchObject({ status: "done", rows_read: 2, events_stored: 0, duplicates: 2 });
    // The file is kept once, compressed, with the run.
    expect(again.raw_sha256).toBe(first.raw_sha256);
    const kept = await blobs.open(first.raw_sha256 ?? "");
    const head: Buffer = (await kept[Symbol.asyncIterator]().next()).value;
    expect([head[0], head[1]]).toEqual([0x1f, 0x8b]);
  });

  it("reads a .gz, and each file of a .zip by the report type its Shadowserver name says", async () => {
    const gz = await runFeedFile(ctx(), {
      source: await newSource(),
      fileName: "2019-09-04-scan_rdp-se.csv.gz",
      via: "upload",
      body: Readable.from([gzipSync(sample("scan_rdp.csv"))]),
    });
    expect(gz).toMatchObject({ status: "done", events_stored: 2 });

    const zip = await zipOf({
      "2021-03-04-event4_sinkhole-se.csv": sample("event4_sinkhole.csv"),
      "2019-09-04-blocklist-se.csv": sample("blocklist.csv"),
    });
    const run = await runFeedFile(ctx(), {
      source: await newSource(),
      fileName: "daily.zip",
      via: "mail",
      body: Readable.from([zip]),
    });
    expect(run).toMatchObject({ status: "done", events_stored: 6 });
    const types = (await eventsOf(run.id)).map((e) => `${e.classification_taxonomy}/${e.classification_type}`);
    expect(new Set(types)).toEqual(new Set(["malicious-code/infected-system", "other/other"]));
    const network = (await eventsOf(run.id)).find((e) => e.source_network !== null);
    expect(network?.source_network).toBe("198.123.245.0/24");
  });

  it("counts malformed rows with their lines and keeps the rest", async () => {
    const csv = [
      '"timestamp","ip","port","hostname","tag"',
      '"2026-11-30 01:02:03","192.0.2.1",3389,,"rdp"',
      '"2026-11-30 01:02:03","192.0.2.2",3389,,"rdp","extra field"',
      '"2026-11-30 01:02:04","192.0.2.4",3389,,"rdp"',
    ].join("\n");
    const run = await runFeedFile(ctx(), {
      source: await newSource("scan_rdp"),
      fileName: "x.csv",
      via: "api",
      body: Readable.from([Buffer.from(csv)]),
    });
    expect(run).toMatchObject({ status: "done", rows_read: 3, events_stored: 2, malformed: 1 });
    expect(run.malformed_sample).toEqual([{ line: 3, message: "6 fields where the header has 5" }]);
  });

  it("refuses another report's file, records the run as failed with nothing stored, and a re-run works", async () => {
    const source = await newSource("scan_rdp");
    await expect(
      runFeedFile(ctx(), {
        source,
        fileName: "wrong.csv",
        via: "cli",
        body: Readable.from([sample("event4_sinkhole.csv")]),
      }),
    ).rejects.toMatchObject({ code: "feed_file_not_recognised" });
    const runs = await t.handle.db.selectFrom("feed_runs").selectAll().where("file_name", "=", "wrong.csv").execute();
    expect(runs.find((r) => r.status === "failed")).toMatchObject({
      events_stored: 0,
      error: expect.stringContaining("scan_rdp"),
    });
    const ok = await runFeedFile(ctx(), {
      source,
      fileName: "scan_rdp.csv",
      via: "cli",
      body: Readable.from([sample("scan_rdp.csv")]),
    });
    expect(ok).toMatchObject({ status: "done", events_stored: 2 });
  });

  it("refuses a file that needs a report type and does not name one, and an unknown type by its name", async () => {
    await expect(
      runFeedFile(ctx(), {
        source: await newSource(),
        fileName: "report.csv",
        via: "cli",
        body: Readable.from([sample("scan_rdp.csv")]),
      }),
    ).rejects.toMatchObject({ code: "feed_report_type_missing" });
    await expect(
      runFeedFile(ctx(), {
        source: await newSource(),
        fileName: "2026-11-30-scan_teapot-se.csv",
        via: "cli",
        body: Readable.from([sample("scan_rdp.csv")]),
      }),
    ).rejects.toMatchObject({ code: "feed_report_type_unknown", message: expect.stringContaining("scan_teapot") });
  });

  it("stops a zip bomb at the ratio bound, and a file over the size limit before anything is read", async () => {
    // 20 MB of one byte pattern packs to a few KB: far past any real report's ratio.
    const rows = "x\n".repeat(10_000_000);
    const bomb = await zipOf({ "2026-11-30-scan_rdp-se.csv": `"timestamp","ip","port","hostname","tag"\n${rows}` });
    await expect(
      runFeedFile(ctx(), {
        source: await newSource(),
        fileName: "bomb.zip",
        via: "upload",
        body: Readable.from([bomb]),
      }),
    ).rejects.toMatchObject({ code: "feed_file_too_large" });
    await expect(
      runFeedFile(ctx(), {
        source: await newSource("scan_rdp"),
        fileName: "big.csv",
        via: "upload",
        body: Readable.from([sample("scan_rdp.csv")]),
        maxBytes: 100,
      }),
    ).rejects.toMatchObject({ kind: "too_large" });
  });

  it("keeps each month in its partition, and an event of a month without one is moved when it is made", async () => {
    const source = await newSource("scan_rdp");
    const row = (time: string, ip: string) => `"${time}","${ip}",3389,,"rdp"`;
    const csv = [
      '"timestamp","ip","port","hostname","tag"',
      row("2026-10-31 23:59:59", "192.0.2.10"),
      row("2026-11-01 00:00:00", "192.0.2.11"),
    ];
    const run = await runFeedFile(ctx(), {
      source,
      fileName: "m.csv",
      via: "cli",
      body: Readable.from([Buffer.from(csv.join("\n"))]),
    });
    expect(run.events_stored).toBe(2);
    const where = await sql<{ part: string; ip: string }>`
      select tableoid::regclass::text as part, host(source_ip) as ip from feed_events where run_id = ${run.id}::uuid order by ip
    `.execute(t.handle.db);
    expect(where.rows).toEqual([
      { part: "feed_events_y2026m10", ip: "192.0.2.10" },
      { part: "feed_events_y2026m11", ip: "192.0.2.11" },
    ]);
    // An event that sits in the default partition (its month had none when it came) moves when it is made.
    await sql`
      insert into feed_events_default (time_source, run_id, source_id, classification_taxonomy, classification_type, fields)
      values ('2025-03-15T12:00:00Z', ${run.id}::uuid, ${run.source_id}::uuid, 'other', 'other', '{}')
    `.execute(t.handle.db);
    await ensureMonthPartitions(t.handle.db, [new Date("2025-03-01T00:00:00Z")]);
    const moved = await sql<{ part: string }>`
      select tableoid::regclass::text as part from feed_events where time_source = '2025-03-15T12:00:00Z'
    `.execute(t.handle.db);
    expect(moved.rows).toEqual([{ part: "feed_events_y2025m03" }]);
  });
});
