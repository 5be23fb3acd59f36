import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import type { FeedEventPage, FeedRun, FeedRunList, FeedSourceList } from "../../../contract/feeds.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { type FilePart, multipart, tempDataDir } from "../intake/test-fixtures.js";

const sample = (name: string) =>
  readFileSync(fileURLToPath(new URL(`./shadowserver/samples/${name}`, import.meta.url)));

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_LOG_LEVEL: "error", FYR_FEED_MAX_UPLOAD_BYTES: "4096" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));

let duty = "";
let observer = "";
let publisher = "";
beforeAll(async () => {
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
  publisher = (await createTokenFor(app(), { roles: ["publisher"] })).token;
});

const uniqueSource = () => `test-${randomBytes(4).toString("hex")}`;

function post(token: string, fields: Record<string, string>, files: FilePart[]) {
  const body = multipart(fields, files);
  return app().fyr.http.inject({
    method: "POST",
    url: "/api/v1/feeds/runs",
    payload: body.payload,
    headers: { ...body.headers, authorization: `Bearer ${token}` },
  });
}
const get = (token: string, url: string) =>
  app().fyr.http.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });

describe("feed runs over HTTP", () => {
  it("accepts a file (202), the job queue reads it, and the run says its counts in the contract's fields", async () => {
    const source = uniqueSource();
    const res = await post(duty, { format: "shadowserver", source }, [
      { field: "file", filename: "2019-09-04-scan_rdp-se.csv", content: sample("scan_rdp.csv") },
    ]);
    expect(res.statusCode, res.body).toBe(202);
    const { id } = res.json<{ id: string }>();
    const queued = (await get(observer, `/api/v1/feeds/runs/${id}`)).json<FeedRun>();
    expect(queued).toMatchObject({ id, status: "queued", format: "shadowserver", rows: 0 });
    await app().fyr.runDueJobs();
    const done = await get(observer, `/api/v1/feeds/runs/${id}`);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({
      id,
      status: "done",
      format: "shadowserver",
      reportType: "scan_rdp",
      rows: 2,
      events: 2,
      duplicates: 0,
      matched: 0,
      unmatched: 2,
      rejected: 0,
      errors: [],
      notifyHold: null,
    });
    // Again: nothing stored twice.
    const again = await post(duty, { format: "shadowserver", source }, [
      { field: "file", filename: "2019-09-04-scan_rdp-se.csv", content: sample("scan_rdp.csv") },
    ]);
    await app().fyr.runDueJobs();
    expect((await get(duty, `/api/v1/feeds/runs/${again.json<{ id: string }>().id}`)).json()).toMatchObject({
      status: "done",
      events: 0,
      duplicates: 2,
    });

    const list = (await get(observer, "/api/v1/feeds/runs?limit=1")).json<FeedRunList>();
    expect(list.items).toHaveLength(1);
    expect(list.nextCursor).not.toBeNull();
    const second = (await get(observer, `/api/v1/feeds/runs?limit=1&cursor=${list.nextCursor}`)).json<FeedRunList>();
    expect(second.items[0]?.id).not.toBe(list.items[0]?.id);
    expect([list.items[0]?.id, second.items[0]?.id].sort()).toEqual([id, again.json<{ id: string }>().id].sort());

    const sources = (await get(observer, "/api/v1/feeds/sources")).json<FeedSourceList>();
    const mine = sources.items.find((s) => s.name === source);
    expect(mine?.health).toMatchObject({ lastRun: { status: "done", events: 2 }, alarms: [] });

    const events = (
      await get(observer, "/api/v1/events?ip=198.123.245.0/24&type=vulnerable-system")
    ).json<FeedEventPage>();
    const ours = events.items.filter((e) => e["feed.name"] === source);
    expect(ours).toHaveLength(2);
    expect(ours[0]).toMatchObject({
      "classification.taxonomy": "vulnerable",
      "classification.identifier": "accessible-rdp",
      organisation: null,
      extra: expect.any(Object),
    });
    const page = (await get(observer, `/api/v1/events?ip=198.123.245.178&limit=1`)).json<FeedEventPage>();
    expect(page.items[0]?.["source.ip"]).toBe("198.123.245.178");
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["feed.upload", "feed.run"]);
  });

  it("reads a generic CSV through the mapping saved on its source", async () => {
    const source = uniqueSource();
    const csv = "when,addr,what\n2026-11-30 10:00:00,192.0.2.77,open resolver\n2026-11-30 10:00:00,not-an-ip,x,y\n";
    const res = await post(duty, { format: "csv", source, mapping: "when=time.source,addr=source.ip" }, [
      { field: "file", filename: "resolvers.csv", content: Buffer.from(csv) },
    ]);
    expect(res.statusCode, res.body).toBe(202);
    await app().fyr.runDueJobs();
    const run = (await get(duty, `/api/v1/feeds/runs/${res.json<{ id: string }>().id}`)).json<FeedRun>();
    expect(run).toMatchObject({ status: "done", format: "csv", rows: 2, events: 1, rejected: 1 });
    expect(run.errors).toEqual([{ line: 3, message: "4 fields where the header has 3" }]);
    const events = (await get(duty, "/api/v1/events?ip=192.0.2.77")).json<FeedEventPage>();
    expect(events.items.find((e) => e["feed.name"] === source)).toMatchObject({
      "classification.type": "undetermined",
      extra: { what: "open resolver" },
    });
    // The saved mapping serves the next file without one.
    const next = await post(duty, { format: "csv", source }, [
      { field: "file", filename: "r2.csv", content: Buffer.from("addr,when\n192.0.2.78,2026-11-30 11:00:00\n") },
    ]);
    await app().fyr.runDueJobs();
    expect((await get(duty, `/api/v1/feeds/runs/${next.json<{ id: string }>().id}`)).json()).toMatchObject({
      events: 1,
    });
  });

  it("reads a generic JSON array (gzipped) through the mapping saved on its source", async () => {
    const source = uniqueSource();
    const rows = [
      { seen: "2026-11-30 10:00:00", host: { ip: "192.0.2.91" }, tag: "open-resolver" },
      { seen: "not a time", host: { ip: "192.0.2.92" } },
    ];
    const res = await post(duty, { format: "json", source, mapping: "seen=time.source,host.ip=source.ip" }, [
      { field: "file", filename: "resolvers.json.gz", content: gzipSync(JSON.stringify(rows, null, 2)) },
    ]);
    expect(res.statusCode, res.body).toBe(202);
    await app().fyr.runDueJobs();
    const run = (await get(duty, `/api/v1/feeds/runs/${res.json<{ id: string }>().id}`)).json<FeedRun>();
    expect(run).toMatchObject({ status: "done", format: "json", rows: 2, events: 1, rejected: 1 });
    expect(run.errors).toEqual([{ line: 9, message: "no valid time.source" }]);
    const events = (await get(duty, "/api/v1/events?ip=192.0.2.91")).json<FeedEventPage>();
    expect(events.items.find((e) => e["feed.name"] === source)).toMatchObject({ extra: { tag: "open-resolver" } });
  });

  it("a file the source cannot read is a failed run saying why, not a retried job", async () => {
    const res = await post(duty, { format: "shadowserver", source: uniqueSource(), reportType: "scan_rdp" }, [
      { field: "file", filename: "x.csv", content: sample("event4_sinkhole.csv").subarray(0, 3000) },
    ]);
    expect(res.statusCode, res.body).toBe(202);
    await app().fyr.runDueJobs();
    const run = (await get(duty, `/api/v1/feeds/runs/${res.json<{ id: string }>().id}`)).json<FeedRun>();
    expect(run.status).toBe("failed");
    expect(run.errors.at(-1)).toMatchObject({ line: 0, message: expect.stringContaining("scan_rdp") });
    const sources = (await get(duty, "/api/v1/feeds/sources")).json<FeedSourceList>();
    expect(sources.items.find((s) => s.health.lastRun?.id === run.id)?.health.alarms).toEqual(["failed"]);
  });

  it("names every bad field, refuses a file over the limit with 413, and lets only uploaders post", async () => {
    const bad = await post(duty, { format: "xml", reportType: "no such!", source: "Bad Name" }, [
      { field: "file", filename: "a.csv", content: Buffer.from("a\n") },
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    const paths = bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths.sort()).toEqual(["body.format", "body.reportType", "body.source"]);
    const noFile = await post(duty, { format: "shadowserver" }, []);
    expect(noFile.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(["body.file"]);
    const badMap = await post(duty, { format: "csv", source: uniqueSource(), mapping: "a=source.ip,b=nope" }, [
      { field: "file", filename: "a.csv", content: Buffer.from("a\n") },
    ]);
    expect(badMap.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ path: "body.mapping", code: "feed_mapping_invalid" }),
    ]);
    const big = await post(duty, { format: "shadowserver" }, [
      { field: "file", filename: "2026-11-30-scan_rdp-se.csv", content: Buffer.alloc(5000, 0x61) },
    ]);
    expect(big.statusCode).toBe(413);
    expect(big.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe("body.file");
    const file = { field: "file", filename: "2019-09-04-scan_rdp-se.csv", content: sample("scan_rdp.csv") };
    expect((await post(observer, { format: "shadowserver" }, [file])).statusCode).toBe(403);
    expect((await post(publisher, { format: "shadowserver" }, [file])).statusCode).toBe(403);
    expect((await get(publisher, "/api/v1/events")).statusCode).toBe(403);
    expect((await get(publisher, "/api/v1/feeds/sources")).statusCode).toBe(403);
    expect((await get(duty, "/api/v1/events?ip=1.2.3.4/99")).statusCode).toBe(400);
    expect((await get(duty, `/api/v1/feeds/runs/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});
