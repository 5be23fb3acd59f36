import { createHmac, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { type IncomingMessage, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedFetchResult, FeedRunList, FeedSource, FeedSourceList } from "../../../../contract/feeds.js";
import { useTestApp } from "../../../../test/support/app.js";
import { createTokenFor } from "../../../../test/support/auth.js";
import { tempDataDir } from "../../intake/test-fixtures.js";

// Sources that fetch their own files, against local servers that speak the real protocols: a plain
// URL with ETag / If-Modified-Since, and a Shadowserver Reports API that checks every call's HMAC2.

const sample = readFileSync(fileURLToPath(new URL("../shadowserver/samples/scan_rdp.csv", import.meta.url)));
const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_LOG_LEVEL: "error" });

const API_KEY = "test-key";
const SECRET = `secret-${randomBytes(6).toString("hex")}`;
const calls: { path: string; body: Record<string, unknown>; signed: boolean }[] = [];
let etag = '"v1"';
let served = sample;
let server: Server;
let base = "";

const bodyOf = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      const raw = await bodyOf(req);
      if (req.url === "/scan.csv") {
        if (req.headers["if-none-match"] === etag) return res.writeHead(304).end();
        return res.writeHead(200, { etag, "content-type": "text/csv" }).end(served);
      }
      // The Reports API: POST of a JSON body with apikey, HMAC-SHA256 of the body with the secret in HMAC2.
      const expected = createHmac("sha256", SECRET).update(raw).digest("hex");
      const body = JSON.parse(raw.toString("latin1")) as Record<string, unknown>;
      const signed = req.method === "POST" && req.headers.hmac2 === expected && body.apikey === API_KEY;
      calls.push({ path: req.url ?? "", body, signed });
      if (!signed) return res.writeHead(401, { "content-type": "application/json" }).end('{"error":"bad hmac"}');
      if (req.url === "/api2/reports/list") {
        const list = [
          { id: "rep-1", type: "scan_rdp", file: "2026-11-30-scan_rdp-se.csv", timestamp: "2026-11-30", report: "se" },
          { id: "rep-2", type: "scan_smb", file: "2026-11-30-scan_smb-se.csv", timestamp: "2026-11-30", report: "se" },
        ];
        return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(list));
      }
      if (req.url === "/api2/reports/download" && body.id === "rep-1") return res.writeHead(200).end(sample);
      return res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dataDir, { recursive: true, force: true });
});

let admin = "";
let duty = "";
beforeAll(async () => {
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  duty = (await createTokenFor(app(), { roles: ["duty", "analyst"] })).token;
});

const request = (token: string, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
  app().fyr.http.inject({ method, url, payload: payload as object, headers: { authorization: `Bearer ${token}` } });
const name = () => `pull-${randomBytes(4).toString("hex")}`;

async function runsOf(sourceId: string) {
  await app().fyr.runDueJobs();
  return (await request(duty, "GET", `/api/v1/feeds/runs?source=${sourceId}`)).json<FeedRunList>().items;
}

describe("sources that fetch", () => {
  it("pulls a URL on its schedule: an unchanged file (ETag) is not fetched again, a changed one is a new run", async () => {
    const made = await request(admin, "POST", "/api/v1/feeds/sources", {
      name: name(),
      format: "shadowserver",
      reportType: "scan_rdp",
      fetch: { kind: "url", url: `${base}/scan.csv`, everyMinutes: 60 },
    });
    expect(made.statusCode, made.body).toBe(201);
    const source = made.json<FeedSource>();
    expect(source.fetch).toMatchObject({ kind: "url", url: `${base}/scan.csv`, everyMinutes: 60, hasSecret: false });

    const first = (await request(admin, "POST", `/api/v1/feeds/sources/${source.id}/fetch`)).json<FeedFetchResult>();
    expect(first).toMatchObject({ runs: [expect.any(String)], skipped: 0, error: null });
    expect((await runsOf(source.id)).map((r) => [r.status, r.events, r.receivedVia])).toEqual([["done", 2, "pull"]]);

    const unchanged = (
      await request(admin, "POST", `/api/v1/feeds/sources/${source.id}/fetch`)
    ).json<FeedFetchResult>();
    expect(unchanged).toEqual({ runs: [], skipped: 1, error: null });

    etag = '"v2"';
    served = Buffer.concat([sample, Buffer.from("\n")]);
    const changed = (await request(admin, "POST", `/api/v1/feeds/sources/${source.id}/fetch`)).json<FeedFetchResult>();
    expect(changed.runs).toHaveLength(1);
    const runs = await runsOf(source.id);
    // The same findings again: a run, and nothing stored twice.
    expect(runs.map((r) => [r.status, r.events, r.duplicates])).toEqual([
      ["done", 0, 2],
      ["done", 2, 0],
    ]);
    const health = (await request(duty, "GET", "/api/v1/feeds/sources")).json<FeedSourceList>();
    const shown = health.items.find((s) => s.id === source.id);
    expect(shown?.fetch?.lastFetchAt).not.toBeNull();
    expect(shown?.fetch?.lastFetchError).toBeNull();
  });

  it("takes Shadowserver's Reports API: signed calls, each listed report once, its secret never shown", async () => {
    const made = await request(admin, "POST", "/api/v1/feeds/sources", {
      name: name(),
      format: "shadowserver",
      fetch: {
        kind: "shadowserver-api",
        apiUrl: `${base}/api2/`,
        apiKey: API_KEY,
        secret: SECRET,
        types: ["scan_rdp"],
        everyMinutes: 60,
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const source = made.json<FeedSource>();
    expect(made.body).not.toContain(SECRET);
    expect(source.fetch).toMatchObject({ kind: "shadowserver-api", apiKey: API_KEY, hasSecret: true });

    calls.length = 0;
    const first = (await request(admin, "POST", `/api/v1/feeds/sources/${source.id}/fetch`)).json<FeedFetchResult>();
    expect(first).toMatchObject({ runs: [expect.any(String)], skipped: 0, error: null });
    expect(calls.map((c) => [c.path, c.signed])).toEqual([
      ["/api2/reports/list", true],
      ["/api2/reports/download", true],
    ]);
    expect(calls[0]?.body).toMatchObject({
      apikey: API_KEY,
      type: "scan_rdp",
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}:\d{4}-\d{2}-\d{2}$/),
    });
    const [run] = await runsOf(source.id);
    expect(run).toMatchObject({
      status: "done",
      events: 2,
      reportType: "scan_rdp",
      fileName: "2026-11-30-scan_rdp-se.csv",
    });

    // Listed again on the next pass: not downloaded again.
    calls.length = 0;
    const again = (await request(admin, "POST", `/api/v1/feeds/sources/${source.id}/fetch`)).json<FeedFetchResult>();
    expect(again).toEqual({ runs: [], skipped: 1, error: null });
    expect(calls.map((c) => c.path)).toEqual(["/api2/reports/list"]);

    // An update without the secret keeps it; a wrong secret is refused by the server, and the source says so.
    const kept = await request(admin, "PUT", `/api/v1/feeds/sources/${source.id}`, {
      name: source.name,
      format: "shadowserver",
      fetch: { kind: "shadowserver-api", apiUrl: `${base}/api2/`, apiKey: API_KEY, everyMinutes: 30 },
    });
    expect(kept.json<FeedSource>().fetch).toMatchObject({ hasSecret: true, everyMinutes: 30 });
    await request(admin, "PUT", `/api/v1/feeds/sources/${source.id}`, {
      name: source.name,
      format: "shadowserver",
      fetch: { kind: "shadowserver-api", apiUrl: `${base}/api2/`, apiKey: API_KEY, secret: "wrong", everyMinutes: 30 },
    });
    const refused = (await request(admin, "POST", `/api/v1/feeds/sources/${source.id}/fetch`)).json<FeedFetchResult>();
    expect(refused.error).toMatch(/HTTP 401/);
    const health = (await request(duty, "GET", "/api/v1/feeds/sources")).json<FeedSourceList>();
    expect(health.items.find((s) => s.id === source.id)?.fetch?.lastFetchError).toMatch(/HTTP 401/);
  });

  it("is set up by admins only, every bad field named", async () => {
    const body = {
      name: name(),
      format: "shadowserver",
      fetch: { kind: "url", url: `${base}/scan.csv`, everyMinutes: 60 },
    };
    expect((await request(duty, "POST", "/api/v1/feeds/sources", body)).statusCode).toBe(403);
    const bad = await request(admin, "POST", "/api/v1/feeds/sources", {
      name: "Bad Name",
      format: "csv",
      fetch: { kind: "url", url: "ftp://example.org/x", everyMinutes: 0 },
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.name", "body.fetch.url", "body.fetch.everyMinutes"]));
    const taken = await request(admin, "POST", "/api/v1/feeds/sources", body);
    expect(taken.statusCode).toBe(201);
    expect((await request(admin, "POST", "/api/v1/feeds/sources", body)).statusCode).toBe(409);
  });
});
