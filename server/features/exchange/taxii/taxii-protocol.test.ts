import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../../test/support/app.js";
import { createTokenFor } from "../../../../test/support/auth.js";
import { tempDataDir } from "../../intake/test-fixtures.js";
import { observablesClient } from "../../observables/observables.test-fixtures.js";
import { type Envelope, type Party, ROOT, TAXII, grant, makeCollection, party, taxii } from "./taxii.test-fixtures.js";

// TAXII 2.1 as the OASIS specification writes it, and the behaviours medallion's test suite checks:
// authentication, Accept (406) and Content-Type (415), read-only / write-only / no-access collections
// (403/404), an envelope's POST and its status, 413 and 422, the version and type filters, added_after,
// versions and DELETE. The staff API around it answers problem+json and audits every write.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call } = observablesClient(app);

let admin = "";
let writer: Party;
let reader: Party;
let readOnly = "";
let writeOnly = "";
let readWrite = "";

const uuid = () => crypto.randomUUID();
const indicator = (id: string, modified: string, extra: Record<string, unknown> = {}) => ({
  type: "indicator",
  spec_version: "2.1",
  id,
  created: "2026-01-01T00:00:00.000Z",
  modified,
  pattern: "[ipv4-addr:value = '198.51.100.7']",
  pattern_type: "stix",
  valid_from: "2026-01-01T00:00:00.000Z",
  ...extra,
});

beforeAll(async () => {
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  writer = await party(app(), call, admin, "TLP:GREEN");
  reader = await party(app(), call, admin, "TLP:GREEN");
  readOnly = await makeCollection(call, admin, { title: "Läs" });
  writeOnly = await makeCollection(call, admin, { title: "Skriv" });
  readWrite = await makeCollection(call, admin, { title: "Båda" });
  await grant(call, admin, readOnly, writer.organisationId, true, false);
  await grant(call, admin, writeOnly, writer.organisationId, false, true);
  await grant(call, admin, readWrite, writer.organisationId, true, true);
  await grant(call, admin, readWrite, reader.organisationId, true, false);
});

describe("TAXII 2.1 discovery, API root, collections", () => {
  it("asks for credentials (401 with a Basic challenge), takes a token as Bearer or as the Basic password", async () => {
    const none = await taxii(app(), null, "GET", "/taxii2/");
    expect(none.statusCode).toBe(401);
    expect(none.headers["www-authenticate"]).toContain("Basic");
    expect(none.headers["content-type"]).toBe(TAXII);
    const basic = Buffer.from(`${writer.email}:${writer.token}`).toString("base64");
    const discovery = await taxii(app(), null, "GET", "/taxii2/", { headers: { authorization: `Basic ${basic}` } });
    expect(discovery.statusCode).toBe(200);
    const body = discovery.json<{ api_roots: string[]; default: string; title: string }>();
    expect(body.api_roots).toHaveLength(1);
    expect(body.default).toMatch(/\/taxii2\/fyr\/$/);
    const wrongUser = Buffer.from(`someone@example.test:${writer.token}`).toString("base64");
    expect(
      (await taxii(app(), null, "GET", "/taxii2/", { headers: { authorization: `Basic ${wrongUser}` } })).statusCode,
    ).toBe(401);
    const staff = (await createTokenFor(app(), { roles: ["admin"] })).token;
    expect(
      (await taxii(app(), null, "GET", "/taxii2/", { headers: { authorization: `Bearer ${staff}` } })).statusCode,
    ).toBe(403);
  });

  it("answers 406 unless the request accepts TAXII 2.1", async () => {
    for (const accept of ["", "application/json", "application/taxii+json;version=2.0"]) {
      const res = await taxii(app(), writer, "GET", `${ROOT}/`, { headers: { accept } });
      expect(res.statusCode, accept).toBe(406);
      expect(res.json<{ http_status: string }>().http_status).toBe("406");
    }
    const root = await taxii(app(), writer, "GET", `${ROOT}/`, { headers: { accept: "application/taxii+json" } });
    expect(root.statusCode).toBe(200);
    expect(root.json<{ versions: string[] }>().versions).toEqual([TAXII]);
  });

  it("lists the caller's collections with what they may do", async () => {
    const res = await taxii(app(), writer, "GET", `${ROOT}/collections/`);
    const mine = res.json<{
      collections: { id: string; can_read: boolean; can_write: boolean; media_types: string[] }[];
    }>();
    const byId = new Map(mine.collections.map((c) => [c.id, c]));
    expect(byId.get(readOnly)).toMatchObject({ can_read: true, can_write: false });
    expect(byId.get(writeOnly)).toMatchObject({ can_read: false, can_write: true });
    expect(byId.get(readWrite)?.media_types).toEqual(["application/stix+json;version=2.1"]);
    expect((await taxii(app(), writer, "GET", `${ROOT}/collections/${uuid()}/`)).statusCode).toBe(404);
    expect((await taxii(app(), writer, "GET", `${ROOT}/nothing/`)).statusCode).toBe(404);
  });
});

describe("TAXII 2.1 objects", () => {
  it("refuses reading a write-only collection and writing a read-only one (403)", async () => {
    expect((await taxii(app(), writer, "GET", `${ROOT}/collections/${writeOnly}/objects/`)).statusCode).toBe(403);
    expect((await taxii(app(), writer, "GET", `${ROOT}/collections/${writeOnly}/manifest/`)).statusCode).toBe(403);
    const post = await taxii(app(), writer, "POST", `${ROOT}/collections/${readOnly}/objects/`, {
      body: { objects: [indicator(`indicator--${uuid()}`, "2026-01-02T00:00:00.000Z")] },
    });
    expect(post.statusCode).toBe(403);
  });

  it("answers 415 for another content type, 422 for no envelope, 413 above max_content_length", async () => {
    const url = `${ROOT}/collections/${readWrite}/objects/`;
    const json = await taxii(app(), writer, "POST", url, {
      raw: JSON.stringify({ objects: [] }),
      headers: { "content-type": "application/json" },
    });
    expect(json.statusCode).toBe(415);
    expect(json.headers["content-type"]).toBe(TAXII);
    expect((await taxii(app(), writer, "POST", url, { body: { things: [] } })).statusCode).toBe(422);
    expect((await taxii(app(), writer, "POST", url, { raw: "{not json" })).statusCode).toBe(400);
    const big = await taxii(app(), writer, "POST", url, {
      raw: JSON.stringify({ objects: [{ pad: "x".repeat(10 * 1024 * 1024) }] }),
    });
    expect(big.statusCode).toBe(413);
  });

  it("adds an envelope, answers its status, and serves it with the version and type filters", async () => {
    const id = `indicator--${uuid()}`;
    const sco = { type: "ipv4-addr", spec_version: "2.1", id: `ipv4-addr--${uuid()}`, value: "198.51.100.7" };
    const red = indicator(`indicator--${uuid()}`, "2026-01-02T00:00:00.000Z", {
      object_marking_refs: ["marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1"],
    });
    const url = `${ROOT}/collections/${readWrite}/objects/`;
    const post = await taxii(app(), writer, "POST", url, {
      body: {
        objects: [
          indicator(id, "2026-01-02T00:00:00.000Z"),
          indicator(id, "2026-01-03T00:00:00.000Z"),
          sco,
          red,
          { type: "indicator", id: "malware--x" },
        ],
      },
    });
    expect(post.statusCode).toBe(202);
    const status = post.json<{
      id: string;
      status: string;
      total_count: number;
      success_count: number;
      failure_count: number;
      failures: { id: string }[];
    }>();
    expect(status).toMatchObject({ status: "complete", total_count: 5, success_count: 3, failure_count: 2 });
    expect(status.failures.map((f) => f.id)).toEqual([red.id, "malware--x"]);
    expect((await taxii(app(), writer, "GET", `${ROOT}/status/${status.id}/`)).json()).toEqual(status);
    expect((await taxii(app(), reader, "GET", `${ROOT}/status/${status.id}/`)).statusCode).toBe(404);

    const get = (who: Party, q: string) => taxii(app(), who, "GET", `${ROOT}/collections/${readWrite}/objects/${q}`);
    const latest = (await get(reader, `?match[id]=${id}`)).json<Envelope>();
    expect(latest.objects?.map((o) => o.modified)).toEqual(["2026-01-03T00:00:00.000Z"]);
    const first = (await get(reader, `?match[id]=${id}&match[version]=first`)).json<Envelope>();
    expect(first.objects?.map((o) => o.modified)).toEqual(["2026-01-02T00:00:00.000Z"]);
    const all = (await get(reader, `?match[id]=${id}&match[version]=all`)).json<Envelope>();
    expect(all.objects).toHaveLength(2);
    const at = (await get(reader, `?match[id]=${id}&match[version]=2026-01-02T00:00:00.000Z`)).json<Envelope>();
    expect(at.objects).toHaveLength(1);
    const scos = (await get(reader, "?match[type]=ipv4-addr")).json<Envelope>();
    expect(scos.objects?.map((o) => o.id)).toEqual([sco.id]);
    expect((await get(reader, "")).body).not.toContain(red.id);
    expect((await get(reader, "?added_after=not-a-date")).statusCode).toBe(400);
    expect((await get(reader, "?next=forged")).statusCode).toBe(400);

    const one = await get(reader, `${id}/`);
    expect(one.json<Envelope>().objects).toHaveLength(1);
    expect(one.headers["x-taxii-date-added-first"]).toBeTruthy();
    const versions = await get(reader, `${id}/versions/`);
    expect(versions.json<{ versions: string[] }>().versions).toEqual([
      "2026-01-02T00:00:00.000Z",
      "2026-01-03T00:00:00.000Z",
    ]);
    const manifest = await taxii(app(), reader, "GET", `${ROOT}/collections/${readWrite}/manifest/?match[id]=${id}`);
    expect(manifest.json<{ objects: { id: string; version: string; media_type: string }[] }>().objects).toEqual([
      expect.objectContaining({
        id,
        version: "2026-01-03T00:00:00.000Z",
        media_type: "application/stix+json;version=2.1",
      }),
    ]);

    // Only a writer deletes, and only what its organisation added.
    expect((await taxii(app(), reader, "DELETE", `${ROOT}/collections/${readWrite}/objects/${id}/`)).statusCode).toBe(
      403,
    );
    const deleted = await taxii(
      app(),
      writer,
      "DELETE",
      `${ROOT}/collections/${readWrite}/objects/${id}/?match[version]=2026-01-02T00:00:00.000Z`,
    );
    expect(deleted.statusCode).toBe(200);
    expect((await get(reader, `${id}/versions/`)).json<{ versions: string[] }>().versions).toEqual([
      "2026-01-03T00:00:00.000Z",
    ]);
    expect((await taxii(app(), writer, "DELETE", `${ROOT}/collections/${readWrite}/objects/${id}/`)).statusCode).toBe(
      200,
    );
    expect((await get(reader, `${id}/`)).statusCode).toBe(404);

    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("action", "like", "exchange.taxii%")
      .execute();
    const actions = audit.map((a) => a.action);
    for (const a of [
      "exchange.taxii_collection_created",
      "exchange.taxii_access_set",
      "exchange.taxii_objects_added",
      "exchange.taxii_object_deleted",
    ])
      expect(actions).toContain(a);
  });
});

describe("the staff API around TAXII", () => {
  it("answers problem+json: invalid input, an unknown collection, a member organisation's collection without one", async () => {
    const bad = await call(admin, "POST", "/api/v1/exchange/collections", { title: "", audience: "partner" });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    const noOrg = await call(admin, "POST", "/api/v1/exchange/collections", {
      title: "x",
      audience: "member-organisation",
    });
    expect(noOrg.statusCode).toBe(400);
    const unknown = await call(admin, "POST", `/api/v1/exchange/collections/${uuid()}/incidents`, {
      reference: "FYR-INC-2026-0001",
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ code: string }>().code).toBe("taxii_collection_not_found");
    const listed = await call(admin, "GET", "/api/v1/exchange/collections");
    expect(listed.json<{ items: { id: string; url: string }[] }>().items.find((c) => c.id === readWrite)?.url).toMatch(
      new RegExp(`/taxii2/fyr/collections/${readWrite}/$`),
    );
  });
});
