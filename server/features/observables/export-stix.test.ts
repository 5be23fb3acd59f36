import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { TlpLabel } from "../../../contract/intake.js";
import { type ExportedIncident, type StixObject, observablesStixBundle, uuidV5 } from "./export-stix.js";
import { type CaseObservable, OBSERVABLE_TYPES } from "../../../contract/observables.js";
import { VALUE_OF_EVERY_TYPE, observable } from "./export.test-fixtures.js";

// The OASIS STIX 2.1 schemas live beside the repository (like the taxonomies contract/rsit.test.ts reads).
const STIX_DATA = fileURLToPath(new URL("../../../../shared/data/stix", import.meta.url));

const opts = { now: new Date("2025-03-04T05:06:07.089Z"), producer: "cert.example.se" };
const incident = (tlp: TlpLabel = "TLP:AMBER"): ExportedIncident => ({
  reference: "INC-2025-0042",
  title: "Nätfiske mot kommuner",
  tlp,
});

/** One value of every type, a CVE, and the three kinds of value that must never become indicators. */
function everyKind(): CaseObservable[] {
  return [
    observable("ipv4", "198.51.100.7", { tag: "malicious" }),
    observable("ipv6", "2001:db8::7"),
    observable("cidr", "10.0.0.0/8"),
    observable("cidr", "2001:db8::/32"),
    observable("domain", "evil.example"),
    observable("url", "https://evil.example/o'neil\\x?a=1"),
    observable("email", "o'brien@evil.example"),
    observable("md5", "d41d8cd98f00b204e9800998ecf8427e"),
    observable("sha1", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
    observable("sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    observable("asn", "AS64500", { doNotCorrelate: true }),
    observable("cve", "CVE-2024-3400"),
    // The types added for issue 13, and a path that is a directory.
    ...(["sha512", "ssdeep", "tlsh", "ja3", "ja4", "btc", "xmr", "mac", "regkey", "filename", "filepath"] as const).map(
      (type) => observable(type, VALUE_OF_EVERY_TYPE[type]),
    ),
    observable("filepath", "/var/www/html/phpmyadmin"),
    observable("domain", "mail.harmless.example", { tag: "benign" }),
    observable("ipv4", "198.51.100.99", { tag: "false-positive" }),
    observable("ipv4", "192.0.2.1", { warningLists: [{ id: "wl-1", name: "Documentation addresses" }] }),
  ];
}

const indicatorFor = (objects: StixObject[], value: string) =>
  objects.find((o) => o.type === "indicator" && o.name === value);

describe("observablesStixBundle", () => {
  it("writes the STIX pattern of each type, escaping quote and backslash", () => {
    const { objects } = observablesStixBundle(incident(), everyKind(), opts);
    const pattern = (value: string) => {
      const o = indicatorFor(objects, value);
      return o?.type === "indicator" ? o.pattern : undefined;
    };
    expect(pattern("198.51.100.7")).toBe("[ipv4-addr:value = '198.51.100.7']");
    expect(pattern("2001:db8::7")).toBe("[ipv6-addr:value = '2001:db8::7']");
    expect(pattern("10.0.0.0/8")).toBe("[ipv4-addr:value = '10.0.0.0/8']");
    expect(pattern("2001:db8::/32")).toBe("[ipv6-addr:value = '2001:db8::/32']");
    expect(pattern("evil.example")).toBe("[domain-name:value = 'evil.example']");
    expect(pattern("https://evil.example/o'neil\\x?a=1")).toBe(
      "[url:value = 'https://evil.example/o\\'neil\\\\x?a=1']",
    );
    expect(pattern("o'brien@evil.example")).toBe("[email-addr:value = 'o\\'brien@evil.example']");
    expect(pattern("d41d8cd98f00b204e9800998ecf8427e")).toBe("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']");
    expect(pattern("da39a3ee5e6b4b0d3255bfef95601890afd80709")).toBe(
      "[file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']",
    );
    expect(pattern("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).toBe(
      "[file:hashes.'SHA-256' = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855']",
    );
    expect(pattern("AS64500")).toBe("[autonomous-system:number = 64500]");
  });

  it("writes the new types as STIX Cyber-observable Objects, or as custom objects where STIX has none", () => {
    const { objects } = observablesStixBundle(incident(), everyKind(), opts);
    const pattern = (value: string) => {
      const o = indicatorFor(objects, value);
      return o?.type === "indicator" ? o.pattern : undefined;
    };
    const v = VALUE_OF_EVERY_TYPE;
    expect(pattern(v.sha512)).toBe(`[file:hashes.'SHA-512' = '${v.sha512}']`);
    expect(pattern(v.ssdeep)).toBe(`[file:hashes.SSDEEP = '${v.ssdeep}']`);
    // STIX's TLSH is the 70-character digest, without the "T1" version prefix TLSH 4 writes.
    expect(pattern(v.tlsh)).toBe(`[file:hashes.TLSH = '${v.tlsh.slice(2)}']`);
    expect(pattern(v.mac)).toBe("[mac-addr:value = '00:1a:2b:3c:4d:5e']");
    expect(pattern(v.regkey)).toBe(`[windows-registry-key:key = '${v.regkey.replaceAll("\\", "\\\\")}']`);
    expect(pattern(v.filename)).toBe("[file:name = 'invoice.pdf.exe']");
    expect(pattern(v.filepath)).toBe(
      "[file:name = 'setup_crack.exe' AND file:parent_directory_ref.path = 'C:\\\\Users\\\\Public\\\\Downloads']",
    );
    expect(pattern("/var/www/html/phpmyadmin")).toBe("[directory:path = '/var/www/html/phpmyadmin']");
    expect(pattern(v.btc)).toBe(
      `[x-cryptocurrency-wallet:value = '${v.btc}' AND x-cryptocurrency-wallet:currency = 'BTC']`,
    );
    expect(pattern(v.xmr)).toBe(
      `[x-cryptocurrency-wallet:value = '${v.xmr}' AND x-cryptocurrency-wallet:currency = 'XMR']`,
    );
    expect(pattern(v.ja3)).toBe(`[x-tls-fingerprint:ja3 = '${v.ja3}']`);
    expect(pattern(v.ja4)).toBe(`[x-tls-fingerprint:ja4 = '${v.ja4}']`);
  });

  it("exports a value of every type: an indicator, or a vulnerability for a CVE", () => {
    const items = OBSERVABLE_TYPES.map((type) => observable(type, VALUE_OF_EVERY_TYPE[type]));
    const { objects } = observablesStixBundle(incident(), items, opts);
    const described = objects.filter((o) => o.type === "indicator" || o.type === "vulnerability");
    expect(described).toHaveLength(OBSERVABLE_TYPES.length);
  });

  it("leaves out benign, false-positive and warning-listed values", () => {
    const json = JSON.stringify(observablesStixBundle(incident(), everyKind(), opts));
    for (const value of ["mail.harmless.example", "198.51.100.99", "192.0.2.1"]) expect(json).not.toContain(value);
  });

  it("makes a CVE a vulnerability and says which indicators are known malicious", () => {
    const { objects } = observablesStixBundle(incident(), everyKind(), opts);
    const vulnerabilities = objects.filter((o) => o.type === "vulnerability");
    expect(vulnerabilities).toMatchObject([
      { name: "CVE-2024-3400", external_references: [{ source_name: "cve", external_id: "CVE-2024-3400" }, {}] },
    ]);
    expect(indicatorFor(objects, "198.51.100.7")).toMatchObject({ indicator_types: ["malicious-activity"] });
    expect(indicatorFor(objects, "evil.example")).toMatchObject({
      indicator_types: ["unknown"],
      valid_from: "2025-02-01T10:00:00.000Z",
      external_references: [{ source_name: "cert.example.se", external_id: "INC-2025-0042" }],
    });
  });

  it("reports everything under the incident, created by the CERT and marked with the incident's TLP", () => {
    const { objects } = observablesStixBundle(incident("TLP:GREEN"), everyKind(), opts);
    const identity = objects.find((o) => o.type === "identity");
    const report = objects.find((o) => o.type === "report");
    const described = objects.filter((o) => o.type !== "marking-definition" && o.type !== "report");
    expect(identity).toMatchObject({ name: "cert.example.se", identity_class: "organization" });
    expect(report).toMatchObject({
      name: "INC-2025-0042: Nätfiske mot kommuner",
      report_types: ["indicator", "vulnerability"],
      published: "2025-03-04T05:06:07.089Z",
      external_references: [{ source_name: "cert.example.se", external_id: "INC-2025-0042" }],
    });
    expect(report?.type === "report" && report.object_refs).toEqual(described.map((o) => o.id));
    expect(described).toHaveLength(25); // identity, twenty-three indicators, one vulnerability
    for (const o of objects) {
      if (o.type === "marking-definition") continue;
      expect(o.created_by_ref).toBe(identity?.id);
      expect(o.object_marking_refs).toEqual(["marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da"]);
    }
  });

  it("marks TLP:AMBER+STRICT with the TLP 2.0 marking, not the looser TLP 1.0 AMBER", () => {
    const { objects } = observablesStixBundle(incident("TLP:AMBER+STRICT"), everyKind(), opts);
    expect(objects.filter((o) => o.type === "marking-definition")).toEqual([
      {
        type: "marking-definition",
        spec_version: "2.1",
        id: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
        created: "2022-10-01T00:00:00.000Z",
        name: "TLP:AMBER+STRICT",
        extensions: {
          "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
            extension_type: "property-extension",
            tlp_2_0: "amber+strict",
          },
        },
      },
    ]);
  });

  it("gives the same ids on a second export, as a newer version of the same objects", () => {
    const first = observablesStixBundle(incident(), everyKind(), opts);
    const later = { ...opts, now: new Date("2025-04-01T00:00:00.000Z") };
    const second = observablesStixBundle(incident(), everyKind(), later);
    expect(second.objects.map((o) => o.id)).toEqual(first.objects.map((o) => o.id));
    expect(second.objects.map((o) => o.created)).toEqual(first.objects.map((o) => o.created));
    expect(second.objects.find((o) => o.type === "indicator")).toMatchObject({ modified: "2025-04-01T00:00:00.000Z" });
    expect(observablesStixBundle(incident(), everyKind(), opts)).toEqual(first);
  });

  it("computes UUIDv5 as RFC 9562 does", () => {
    // Python's documented example: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org").
    expect(uuidV5("python.org", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("886313e1-3b8a-5372-9b90-0c9aee199e5d");
  });
});

describe.skipIf(!existsSync(STIX_DATA))("observablesStixBundle against the OASIS STIX 2.1 schemas", () => {
  const validators = new Map<string, ValidateFunction>();
  let ajv: Ajv2020;
  const SCHEMA_BASE = "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/";

  beforeAll(() => {
    // The OASIS patterns escape "-" outside classes (`\\-?$`), which a Unicode-mode RegExp rejects; strict mode
    // would refuse their unknown keywords ("definitions" beside $defs, titles inside allOf).
    ajv = new Ajv2020({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    // ajv-formats has no idn-hostname (used by domain-name SCOs, which the bundle schema references).
    ajv.addFormat("idn-hostname", true);
    // Every file is registered under its $id, taken from where it lies, with two upstream slips mended:
    // interop/course-of-action.json declares campaign's $id and interop/observed-data.json one under
    // schemas/ (they would clash or break relative $refs), and interop/vulnerability.json requires
    // "external_references:" (with the colon), which no object can have.
    for (const dir of ["schemas/common", "schemas/sdos", "schemas/sros", "schemas/observables", "interop"]) {
      for (const file of readdirSync(join(STIX_DATA, dir)).filter((f) => f.endsWith(".json"))) {
        const text = readFileSync(join(STIX_DATA, dir, file), "utf8").replace(
          '"external_references:"',
          '"external_references"',
        );
        ajv.addSchema({ ...(JSON.parse(text) as object), $id: `${SCHEMA_BASE}${dir}/${file}` });
      }
    }
    const get = (path: string) => {
      const validate = ajv.getSchema(SCHEMA_BASE + path);
      if (!validate) throw new Error(`no schema ${path}`);
      return validate;
    };
    validators.set("bundle", get("schemas/common/bundle.json"));
    validators.set("marking-definition", get("schemas/common/marking-definition.json"));
    validators.set("identity", get("schemas/sdos/identity.json"));
    validators.set("interop-core", get("interop/core.json"));
    for (const type of ["indicator", "vulnerability", "report"]) validators.set(type, get(`interop/${type}.json`));
  });

  /** The schema errors of each object: its own schema (the interop profile where there is one), and core interop. */
  function problems(objects: readonly StixObject[]): string[] {
    const found: string[] = [];
    for (const o of objects) {
      const checks = o.type === "marking-definition" ? [o.type] : [o.type, "interop-core"];
      for (const name of checks) {
        const validate = validators.get(name);
        if (!validate) throw new Error(`no validator ${name}`);
        const where = `${o.id} (${name})`; // before validate(), whose type guard would narrow o away
        if (!validate(o)) found.push(`${where}: ${JSON.stringify(validate.errors)}`);
      }
    }
    return found;
  }

  it.each(TlpLabel.options)("produces a valid bundle and valid objects at %s", (tlp) => {
    const bundle = observablesStixBundle(incident(tlp), everyKind(), opts);
    const validateBundle = validators.get("bundle");
    expect(validateBundle?.(bundle), JSON.stringify(validateBundle?.errors)).toBe(true);
    expect(problems(bundle.objects)).toEqual([]);
    const markings = bundle.objects.filter((o) => o.type === "marking-definition");
    expect(markings).toHaveLength(1);
    const marked = bundle.objects.filter((o) => o.type !== "marking-definition");
    expect(
      marked.every((o) => o.object_marking_refs.length === 1 && o.object_marking_refs[0] === markings[0]?.id),
    ).toBe(true);
  });

  /**
   * The objects an indicator's pattern describes, as STIX Cyber-observable Objects: each comparison
   * `type:path = value` sets that property (`hashes.'SHA-512'` a key of hashes; `parent_directory_ref.path`
   * the path of a directory object the file refers to).
   */
  function observedObjects(pattern: string): Record<string, unknown>[] {
    const objects = new Map<string, Record<string, unknown>>();
    const extra: Record<string, unknown>[] = [];
    const comparison = /([a-z0-9-]+):([A-Za-z0-9_.'-]+) = ('(?:[^'\\]|\\.)*'|\d+)/g;
    for (const [, type = "", path = "", literal = ""] of pattern.matchAll(comparison)) {
      const value = literal.startsWith("'") ? literal.slice(1, -1).replace(/\\(.)/g, "$1") : Number(literal);
      const object = objects.get(type) ?? { type, id: `${type}--${uuidV5(`${type}|${pattern}`)}` };
      objects.set(type, object);
      const [head = "", ...rest] = path.split(/\.(?=(?:[^']*'[^']*')*[^']*$)/).map((p) => p.replace(/^'|'$/g, ""));
      if (head === "parent_directory_ref") {
        const directory = {
          type: "directory",
          id: `directory--${uuidV5(`directory|${pattern}`)}`,
          [rest[0] ?? ""]: value,
        };
        extra.push(directory);
        object[head] = directory.id;
      } else if (rest.length > 0) {
        object[head] = { ...(object[head] as object | undefined), [rest.join(".")]: value };
      } else object[head] = value;
    }
    return [...objects.values(), ...extra];
  }

  it("describes every value with an object the OASIS schemas accept, or a custom object named as STIX allows", () => {
    const items = [
      ...OBSERVABLE_TYPES.map((type) => observable(type, VALUE_OF_EVERY_TYPE[type])),
      observable("filepath", "/var/www/html/phpmyadmin"),
      observable("cidr", "2001:db8::/32"),
    ];
    const bundle = observablesStixBundle(incident(), items, opts);
    const checked = new Set<string>();
    const found: string[] = [];
    for (const o of bundle.objects) {
      if (o.type !== "indicator") continue;
      for (const sco of observedObjects(o.pattern)) {
        const type = String(sco.type);
        checked.add(type);
        if (type.startsWith("x-")) {
          // STIX 2.1 §11.1: a custom object's type and its properties' names.
          if (!/^x-[a-z0-9-]{1,248}$/.test(type)) found.push(`${o.pattern}: type ${type}`);
          for (const key of Object.keys(sco)) {
            if (key !== "id" && key !== "type" && !/^[a-z0-9_]{3,250}$/.test(key)) found.push(`${o.pattern}: ${key}`);
          }
          continue;
        }
        const validate = ajv.getSchema(`${SCHEMA_BASE}schemas/observables/${type}.json`);
        if (!validate) throw new Error(`no schema for ${type}`);
        if (!validate(sco)) found.push(`${o.pattern}: ${JSON.stringify(validate.errors)}`);
      }
    }
    expect(found).toEqual([]);
    expect([...checked].sort()).toEqual([
      "autonomous-system",
      "directory",
      "domain-name",
      "email-addr",
      "file",
      "ipv4-addr",
      "ipv6-addr",
      "mac-addr",
      "url",
      "windows-registry-key",
      "x-cryptocurrency-wallet",
      "x-tls-fingerprint",
    ]);
  });

  it("rejects a MAC address or a registry key STIX would not read, so the check above is not vacuous", () => {
    const mac = ajv.getSchema(`${SCHEMA_BASE}schemas/observables/mac-addr.json`);
    expect(mac?.({ type: "mac-addr", id: `mac-addr--${uuidV5("m")}`, value: "00-1A-2B-3C-4D-5E" })).toBe(false);
    const key = ajv.getSchema(`${SCHEMA_BASE}schemas/observables/windows-registry-key.json`);
    const id = `windows-registry-key--${uuidV5("k")}`;
    expect(key?.({ type: "windows-registry-key", id, key: "HKLM\\SOFTWARE\\Run" })).toBe(false);
  });

  it("is valid for an incident with no values yet", () => {
    const bundle = observablesStixBundle(incident(), [], opts);
    expect(validators.get("bundle")?.(bundle)).toBe(true);
    expect(problems(bundle.objects)).toEqual([]);
  });

  it("rejects an unmarked object and an indicator without a pattern, so the checks above are not vacuous", () => {
    const bundle = observablesStixBundle(incident(), everyKind(), opts);
    const indicator = bundle.objects.find((o) => o.type === "indicator");
    if (indicator?.type !== "indicator") throw new Error("no indicator");
    expect(problems([{ ...indicator, object_marking_refs: [] }])).not.toEqual([]);
    const { pattern: _pattern, ...patternless } = indicator;
    expect(validators.get("bundle")?.({ ...bundle, objects: [patternless] })).toBe(false);
  });
});
