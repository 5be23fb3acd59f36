import { readFileSync, readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { observablesClient, uniqueIp } from "../observables/observables.test-fixtures.js";
import { insertNamedRecipient } from "../sharing/sharing-store.js";
import type { MispEvent } from "./misp-event.js";
import type { StixBundle, StixObject } from "./stix-bundle.js";

// The incident exports (STIX 2.1, MISP) through the HTTP API: valid against the OASIS schemas, and
// never carrying what the sharing decision withholds — TLP:RED, values without consent, another
// organisation's AMBER, a hidden incident.

const SCHEMAS = join(import.meta.dirname, "fixtures", "stix", "schemas");
const SCHEMA_BASE = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, reportSaying, openIncident } = observablesClient(app);

let analyst = "";
let observer = "";
let admin = "";
const validators = new Map<string, ValidateFunction>();

const CONSENT_ALL = { information: "third-parties", data: "third-parties", logs: "third-parties" } as const;

beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  // The OASIS patterns escape "-" outside classes, which a Unicode-mode RegExp rejects; strict mode
  // refuses their extra keywords.
  const ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv);
  ajv.addFormat("idn-hostname", true); // not in ajv-formats; used by domain-name
  for (const dir of ["common", "sdos", "sros", "observables"])
    for (const file of readdirSync(join(SCHEMAS, dir)).filter((f) => f.endsWith(".json"))) {
      const schema = JSON.parse(readFileSync(join(SCHEMAS, dir, file), "utf8")) as BundleSchema;
      if (file === "bundle.json") listIncidentAndNote(schema);
      ajv.addSchema({ ...schema, $id: `${SCHEMA_BASE}${dir}/${file}` });
    }
  const get = (path: string) => {
    const v = ajv.getSchema(SCHEMA_BASE + path);
    if (!v) throw new Error(`no schema ${path}`);
    return v;
  };
  validators.set("bundle", get("common/bundle.json"));
  for (const t of ["incident", "note", "indicator", "identity"]) validators.set(t, get(`sdos/${t}.json`));
  validators.set("marking-definition", get("common/marking-definition.json"));
  for (const t of ["ipv4-addr", "domain-name", "url"]) validators.set(t, get(`observables/${t}.json`));
});

interface BundleSchema {
  properties: {
    objects: {
      items: {
        anyOf: [{ oneOf: object[] }, { allOf: [object, { properties: { type: { not: { enum: string[] } } } }] }];
      };
    };
  };
}

/**
 * Upstream slip: bundle.json lists neither incident nor note (STIX 2.1 SDOs whose schemas are in sdos/),
 * so either matches both halves of its custom-object oneOf and fails. They join its SDOs and the types
 * a custom object may not have, as every other SDO.
 */
function listIncidentAndNote(schema: BundleSchema): void {
  const [sdos, custom] = schema.properties.objects.items.anyOf;
  sdos.oneOf.push({ $ref: "../sdos/incident.json" }, { $ref: "../sdos/note.json" });
  custom.allOf[1].properties.type.not.enum.push("incident", "note");
}

function schemaProblems(bundle: StixBundle): string[] {
  const found: string[] = [];
  const bundleCheck = validators.get("bundle");
  if (bundleCheck && !bundleCheck(bundle)) found.push(`bundle: ${JSON.stringify(bundleCheck.errors)}`);
  for (const o of bundle.objects) {
    const v = validators.get(o.type);
    const where = o.id; // before v(), whose type guard would narrow o away
    if (v && !v(o)) found.push(`${where}: ${JSON.stringify(v.errors)}`);
  }
  return found;
}

const stix = async (reference: string, audience = "partner", token = analyst) => {
  const res = await call(
    token,
    "GET",
    `/api/v1/incidents/${reference}/export.stix.json?audience=${encodeURIComponent(audience)}`,
  );
  return res;
};
const misp = (reference: string, audience = "partner") =>
  call(analyst, "GET", `/api/v1/incidents/${reference}/export.misp.json?audience=${encodeURIComponent(audience)}`);
const valuesIn = (bundle: StixBundle) =>
  bundle.objects.filter((o: StixObject) => o.type === "ipv4-addr").map((o) => o.value);

const organisation = async (name: string) => {
  const res = await call(admin, "POST", "/api/v1/organisations", { name });
  if (res.statusCode !== 201) throw new Error(`organisation: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
};

describe("GET /api/v1/incidents/{reference}/export.stix.json", () => {
  it("is a bundle the OASIS schemas accept: incident with the core extension, SCOs, indicators, note, identity, TLP 2.0 and 1.0", async () => {
    const ip = uniqueIp();
    const report = await reportSaying(`Skanning från ${ip} mot http://login-${ip.replaceAll(".", "-")}.com/x`, {
      tlp: "TLP:GREEN",
      sharingConsent: CONSENT_ALL,
    });
    const incident = await openIncident(analyst, { reports: [report], tlp: "TLP:GREEN" });
    await call(analyst, "PATCH", `/api/v1/incidents/${incident.reference}`, {
      version: incident.version,
      pap: "PAP:GREEN",
    });
    await call(analyst, "POST", `/api/v1/incidents/${incident.reference}/notes`, { body: "Blockera adressen." });
    const res = await stix(incident.reference);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/stix+json");
    const bundle = res.json<StixBundle>();
    expect(schemaProblems(bundle)).toEqual([]);
    const types = new Set(bundle.objects.map((o) => o.type));
    for (const t of ["identity", "marking-definition", "incident", "ipv4-addr", "indicator", "note"])
      expect(types).toContain(t);
    const ids = bundle.objects.map((o) => o.id);
    expect(ids).toContain("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"); // TLP 2.0 GREEN
    expect(ids).toContain("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"); // TLP 1.0 GREEN
    const inc = bundle.objects.find((o) => o.type === "incident");
    expect(JSON.stringify(inc)).toContain("extension-definition--ef765651-680c-498d-9894-99799f2fa126");
    expect(valuesIn(bundle)).toContain(ip);
    // The same incident exported twice is the same objects (ids stable).
    const again = (await stix(incident.reference)).json<StixBundle>();
    expect(again.objects.map((o) => o.id).sort()).toEqual(ids.sort());
  });

  it("leaves out values without consent and counts them", async () => {
    const [ok, secret] = [uniqueIp(), uniqueIp()];
    const yes = await reportSaying(`Från ${ok}`, { tlp: "TLP:GREEN", sharingConsent: CONSENT_ALL });
    const no = await reportSaying(`Från ${secret}`, {
      tlp: "TLP:GREEN",
      sharingConsent: { information: "third-parties", data: "none", logs: "none" },
    });
    const incident = await openIncident(analyst, { reports: [yes, no], tlp: "TLP:GREEN" });
    const res = await stix(incident.reference);
    expect(res.statusCode).toBe(200);
    const bundle = res.json<StixBundle>();
    expect(valuesIn(bundle)).toContain(ok);
    expect(res.body).not.toContain(secret);
    expect(JSON.parse(String(res.headers["fyr-withheld"]))).toMatchObject({ values: { "no-consent": 1 } });
    const event = (await misp(incident.reference)).body;
    expect(event).toContain(ok);
    expect(event).not.toContain(secret);
  });

  it("never exports a TLP:RED incident except to a named organisation", async () => {
    const ip = uniqueIp();
    const report = await reportSaying(`Hemligt ${ip}`, { tlp: "TLP:RED", sharingConsent: CONSENT_ALL });
    const incident = await openIncident(analyst, { reports: [report], tlp: "TLP:RED" });
    for (const audience of ["partner", "public"]) {
      const res = await stix(incident.reference, audience);
      expect(res.statusCode).toBe(403);
      expect(res.json<{ code: string }>().code).toBe("share_withheld");
      expect(res.body).not.toContain(ip);
      expect((await misp(incident.reference, audience)).statusCode).toBe(403);
    }
    const named = await organisation("Namngiven AB");
    const other = await organisation("Annan AB");
    const row = await app()
      .fyr.deps.db.selectFrom("incidents")
      .select("id")
      .where("reference", "=", incident.reference)
      .executeTakeFirstOrThrow();
    await insertNamedRecipient(app().fyr.deps.db, {
      incident_id: row.id,
      organisation_id: named,
      added_by: null,
      added_at: new Date(),
    });
    expect((await stix(incident.reference, `organisation:${other}`)).statusCode).toBe(403);
    const toNamed = await stix(incident.reference, `organisation:${named}`);
    expect(toNamed.statusCode).toBe(200);
    expect(toNamed.body).toContain(ip);
  });

  it("gives another member organisation no TLP:AMBER, the affected one all of it", async () => {
    const ip = uniqueIp();
    const report = await reportSaying(`Intrång ${ip}`, {
      tlp: "TLP:AMBER",
      sharingConsent: { information: "affected-organisations", data: "affected-organisations", logs: "none" },
    });
    const incident = await openIncident(analyst, { reports: [report], tlp: "TLP:AMBER" });
    const affected = await organisation("Drabbad AB");
    const other = await organisation("Grannen AB");
    const linked = await call(analyst, "POST", `/api/v1/incidents/${incident.reference}/organisations`, {
      organisationId: affected,
    });
    expect(linked.statusCode).toBeLessThan(300);
    const mine = await stix(incident.reference, `organisation:${affected}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(ip);
    expect((await stix(incident.reference, `organisation:${other}`)).statusCode).toBe(403);
    expect((await stix(incident.reference, "partner")).statusCode).toBe(403);
  });

  it("answers 404 for an incident hidden from the caller, 403 to an observer, 400 for a bad audience", async () => {
    const lead = (await createTokenFor(app(), { roles: ["analyst"] })).token;
    const red = await openIncident(lead, { tlp: "TLP:RED" });
    expect((await stix(red.reference)).statusCode).toBe(404);
    expect((await stix(red.reference, "partner", observer)).statusCode).toBe(403);
    const green = await openIncident(analyst, { tlp: "TLP:GREEN" });
    expect((await stix(green.reference, "everyone")).statusCode).toBe(400);
    expect((await stix(green.reference, "partner:00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
  });
});

describe("GET /api/v1/incidents/{reference}/export.misp.json", () => {
  it("is a MISP event with a stable uuid, typed attributes, lower-case TLP, PAP and RSIT tags", async () => {
    const ip = uniqueIp();
    const report = await reportSaying(`C2 på ${ip}`, { tlp: "TLP:GREEN", sharingConsent: CONSENT_ALL });
    const incident = await openIncident(analyst, {
      reports: [report],
      tlp: "TLP:GREEN",
      classification: { class: "malicious-code", type: "c2-server" },
    });
    const first = (await misp(incident.reference)).json<MispEvent>();
    const second = (await misp(incident.reference)).json<MispEvent>();
    expect(first.Event.uuid).toBe(second.Event.uuid);
    const tags = first.Event.Tag.map((t) => t.name);
    expect(tags).toContain("tlp:green");
    expect(tags).toContain('rsit:malicious-code="c2-server"');
    expect(tags.some((t) => t.startsWith("PAP:"))).toBe(true);
    const attribute = first.Event.Attribute.find((a) => a.value === ip);
    expect(attribute).toMatchObject({ type: "ip-dst", category: "Network activity" });
    expect(first.Event.distribution).toBe("2");
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", incident.reference)
      .execute();
    expect(audit.map((a) => a.action)).toContain("exchange.misp_exported");
  });
});
