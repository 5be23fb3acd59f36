import { randomUUID } from "node:crypto";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MispImportResult } from "../../../contract/misp.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { observablesClient, uniqueDomain, uniqueIp } from "../observables/observables.test-fixtures.js";
import type { MispEvent } from "./misp-event.js";
import { partnerToken } from "./misp.test-fixtures.js";

// Importing MISP events into an incident: uploaded by an analyst, or pulled from a partner's MISP feed
// (a local HTTP server here). Attributes become the incident's values, correlated with other cases,
// carrying the TLP of their tags into every export; bad input is refused naming the bad fields.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, reportSaying, openIncident, values, related } = observablesClient(app);

let analyst = "";
let admin = "";
let observer = "";

const event = (attributes: object[], tags: string[] = ["tlp:green"], extra: object = {}) => ({
  Event: {
    uuid: randomUUID(),
    info: "Kampanj mot kommuner",
    date: "2026-11-30",
    threat_level_id: "2",
    analysis: "1",
    timestamp: "1764500000",
    Tag: tags.map((name) => ({ name })),
    Attribute: attributes,
    ...extra,
  },
});
const attr = (type: string, value: string, more: object = {}) => ({
  uuid: randomUUID(),
  type,
  category: "Network activity",
  value,
  to_ids: true,
  timestamp: "1764500000",
  ...more,
});
const upload = (reference: string, body: object, token = analyst) =>
  call(token, "POST", `/api/v1/incidents/${reference}/import.misp.json`, body);

beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
});

describe("POST /api/v1/incidents/{reference}/import.misp.json", () => {
  it("adds the attributes as the incident's values, composite ones split, unknown types listed as skipped", async () => {
    const incident = await openIncident(analyst, { tlp: "TLP:GREEN" });
    const [ip, domain] = [uniqueIp(), uniqueDomain()];
    const hash = "d41d8cd98f00b204e9800998ecf8427e";
    const res = await upload(
      incident.reference,
      event(
        [attr("ip-dst", ip), attr("domain|ip", `${domain}|${uniqueIp()}`), attr("text", "fritext")],
        ["tlp:green"],
        {
          Object: [{ name: "file", Attribute: [attr("md5", hash, { category: "Payload delivery", to_ids: "1" })] }],
        },
      ),
    );
    expect(res.statusCode).toBe(201);
    const result = res.json<MispImportResult>();
    expect(result).toMatchObject({ incident: incident.reference, tlp: "TLP:GREEN", attributes: 4, imported: 4 });
    expect(result.skipped).toEqual([{ path: "body.Event.Attribute.2", type: "text", reason: "unsupported-type" }]);
    const list = (await values(analyst, "incidents", incident.reference)).items.map((v) => v.value);
    expect(list).toEqual(expect.arrayContaining([ip, domain, hash]));
    expect(list).not.toContain("fritext");
  });

  it("correlates an imported value with the other cases that hold it", async () => {
    const ip = uniqueIp();
    const report = await reportSaying(`Intrångsförsök från ${ip}`, { tlp: "TLP:GREEN" });
    const earlier = await openIncident(analyst, { reports: [report], tlp: "TLP:GREEN" });
    const incident = await openIncident(analyst, { tlp: "TLP:GREEN" });
    expect((await upload(incident.reference, event([attr("ip-src", ip)]))).statusCode).toBe(201);
    const panel = await related(analyst, "incidents", incident.reference);
    expect(JSON.stringify(panel)).toContain(earlier.reference);
  });

  it("keeps each value's TLP from its tags: a tlp:red attribute never leaves in an export or the partner feed", async () => {
    const [green, red, unlabelled] = [uniqueIp(), uniqueIp(), uniqueIp()];
    const incident = await openIncident(analyst, { tlp: "TLP:GREEN" });
    const res = await upload(
      incident.reference,
      event([attr("ip-dst", green), attr("ip-dst", red, { Tag: [{ name: "TLP:RED" }] })], ["tlp:green"]),
    );
    expect(res.statusCode).toBe(201);
    // An event without a tlp: tag is taken as TLP:AMBER: nothing said it may go wider.
    const other = await upload(incident.reference, event([attr("ip-dst", unlabelled)], []));
    expect(other.json<MispImportResult>().tlp).toBe("TLP:AMBER");

    const stix = await call(
      analyst,
      "GET",
      `/api/v1/incidents/${incident.reference}/export.stix.json?audience=partner`,
    );
    expect(stix.statusCode).toBe(200);
    expect(stix.body).toContain(green);
    expect(stix.body).not.toContain(red);
    expect(stix.body).not.toContain(unlabelled);
    expect(JSON.parse(String(stix.headers["fyr-withheld"]))).toMatchObject({
      values: { "tlp-red": 1, "tlp-above-audience": 1 },
    });
    const partner = await partnerToken(app());
    const manifest = await app().fyr.http.inject({
      method: "GET",
      url: "/misp/feed/manifest.json",
      headers: { authorization: `Bearer ${partner.token}` },
    });
    const uuid = Object.entries(manifest.json<Record<string, { info: string }>>()).find(([, e]) =>
      e.info.startsWith(incident.reference),
    )?.[0];
    const file = await app().fyr.http.inject({
      method: "GET",
      url: `/misp/feed/${uuid}.json`,
      headers: { authorization: `Bearer ${partner.token}` },
    });
    expect(file.json<MispEvent>().Event.Attribute.map((a) => a.value)).toEqual([green]);
  });

  it("refuses bad input naming the fields, and imports nothing then", async () => {
    const incident = await openIncident(analyst, { tlp: "TLP:GREEN" });
    const missing = await upload(incident.reference, { Event: { uuid: "nope", Attribute: [{ type: "ip-dst" }] } });
    expect(missing.statusCode).toBe(400);
    expect(missing.headers["content-type"]).toContain("application/problem+json");
    const paths = missing.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(["body.Event.uuid", "body.Event.info", "body.Event.Attribute.0.value"]),
    );
    const ip = uniqueIp();
    const wrong = await upload(incident.reference, event([attr("ip-dst", ip), attr("ip-dst", "inte-en-adress")]));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: "misp_event_invalid",
      errors: [{ path: "body.Event.Attribute.1.value", code: "invalid" }],
    });
    expect((await values(analyst, "incidents", incident.reference)).items.map((v) => v.value)).not.toContain(ip);
    const notJson = await app().fyr.http.inject({
      method: "POST",
      url: `/api/v1/incidents/${incident.reference}/import.misp.json`,
      headers: { authorization: `Bearer ${analyst}`, "content-type": "application/json" },
      payload: '{"Event": [',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json<{ code: string }>().code).toBe("malformed_json");
  });

  it("reads a large event as it arrives: 20,000 attributes, one control character refused by its path", async () => {
    const incident = await openIncident(analyst, { tlp: "TLP:GREEN" });
    const many = Array.from({ length: 20_000 }, (_, i) =>
      attr("ip-dst", `45.${Math.floor(i / 62_500) + 200}.${Math.floor(i / 250) % 250}.${(i % 250) + 1}`),
    );
    const started = Date.now();
    const res = await upload(incident.reference, event(many, ["tlp:green"]));
    const ms = Date.now() - started;
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<MispImportResult>()).toMatchObject({ attributes: 20_000, imported: 20_000 });
    console.info(`MISP upload of 20,000 attributes: ${ms} ms`);
    const control = await upload(incident.reference, event([attr("ip-dst", uniqueIp(), { comment: "a\u0000b" })]));
    expect(control.statusCode).toBe(400);
    expect(control.json()).toMatchObject({
      errors: [{ path: "body.Event.Attribute.0.comment", code: "control_characters" }],
    });
  });

  it("is for case workers on incidents they see: an observer is refused, an unknown incident is 404", async () => {
    const incident = await openIncident(analyst, { tlp: "TLP:GREEN" });
    expect((await upload(incident.reference, event([attr("ip-dst", uniqueIp())]), observer)).statusCode).toBe(403);
    expect((await upload("FYR-INC-1999-9999", event([attr("ip-dst", uniqueIp())]))).statusCode).toBe(404);
  });
});

describe("pulling a partner's MISP feed", () => {
  let server: Server;
  let base = "";
  const served = new Map<string, unknown>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = served.get(req.url ?? "");
      res.writeHead(body === undefined ? 404 : 200, { "content-type": "application/json" });
      res.end(body === undefined ? "{}" : JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("imports new and changed events into the source's incident, each once, and names a broken one", async () => {
    const incident = await openIncident(analyst, { tlp: "TLP:AMBER" });
    const [first, second] = [uniqueIp(), uniqueIp()];
    const one = event([attr("ip-dst", first)], ["tlp:amber"]);
    const broken = { Event: { uuid: randomUUID(), info: "trasig" } };
    const serve = () => {
      served.set("/feed/manifest.json", {
        [one.Event.uuid]: { info: one.Event.info, timestamp: Number(one.Event.timestamp) },
        [broken.Event.uuid]: { info: "trasig", timestamp: 1 },
      });
      served.set(`/feed/${one.Event.uuid}.json`, one);
      served.set(`/feed/${broken.Event.uuid}.json`, { Event: { info: 5 } });
    };
    serve();
    const created = await call(admin, "POST", "/api/v1/exchange/misp-feeds", {
      name: "Partner-CERT",
      url: `${base}manifest.json`,
      incident: incident.reference,
    });
    expect(created.statusCode).toBe(201);
    expect((await call(analyst, "GET", "/api/v1/exchange/misp-feeds")).statusCode).toBe(403);

    const pulled = await call(admin, "POST", "/api/v1/exchange/misp-feeds/pull");
    expect(pulled.statusCode).toBe(200);
    expect(pulled.json<{ events: number }>().events).toBe(1);
    expect((await values(analyst, "incidents", incident.reference)).items.map((v) => v.value)).toContain(first);
    const sources = (await call(admin, "GET", "/api/v1/exchange/misp-feeds")).json<{
      items: { lastError: string }[];
    }>();
    expect(sources.items.find((s) => s.lastError?.includes(broken.Event.uuid))).toBeDefined();

    // Unchanged: nothing imported again. Changed (a later timestamp): imported again.
    expect((await call(admin, "POST", "/api/v1/exchange/misp-feeds/pull")).json<{ events: number }>().events).toBe(0);
    one.Event.Attribute.push(attr("ip-dst", second));
    one.Event.timestamp = "1764600000";
    serve();
    served.set("/feed/manifest.json", { [one.Event.uuid]: { timestamp: 1764600000 } });
    expect((await call(admin, "POST", "/api/v1/exchange/misp-feeds/pull")).json<{ events: number }>().events).toBe(1);
    expect((await values(analyst, "incidents", incident.reference)).items.map((v) => v.value)).toContain(second);
  });
});
