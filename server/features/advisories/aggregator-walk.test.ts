import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import * as openpgp from "openpgp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { makeMember, makeOrganisation, signInMember } from "../members/test-fixtures.js";
import { validateCsaf } from "./csaf/validate.js";
import { type Team, caller, makeTeam, publishedAdvisory, writeCertKey } from "./test-fixtures.js";

// The provider walked as a CSAF aggregator walks it (CSAF 2.0 §7.3): security.txt → provider-metadata.json
// → each public ROLIE feed and each directory's index.txt / changes.csv → every document → its hashes →
// its signature, verified with openpgp against the key the provider publishes → the validator. TLP:AMBER
// and RED documents are listed in the metadata but read only by members of the constituency.

// Plain http so the member's test sign-in gets its ordinary cookie (https makes it __Host-); production is https.
const PUBLIC_URL = "http://cert.example.se";
const dir = mkdtempSync(join(tmpdir(), "fyr-csaf-walk-"));
const env: Record<string, string> = { FYR_PUBLIC_URL: PUBLIC_URL };
beforeAll(async () => {
  env.FYR_PGP_KEY_FILE = (await writeCertKey(dir)).file;
});
const app = useTestApp(env);
afterAll(() => rm(dir, { recursive: true, force: true }));
const call = caller(app);
let team: Team;
let clear: { trackingId: string };
let amber: { trackingId: string };
beforeAll(async () => {
  team = await makeTeam(app());
  clear = await publishedAdvisory(call, team);
  await publishedAdvisory(call, team, { tlp: "TLP:GREEN", kind: "flash", products: [] }, null);
  amber = await publishedAdvisory(call, team, { tlp: "TLP:AMBER" });
});

/** GET a URL the provider gave out (it must be under FYR_PUBLIC_URL), as an anonymous client. */
async function fetchUrl(url: string, headers: Record<string, string> = {}) {
  expect(url.startsWith(`${PUBLIC_URL}/`), url).toBe(true);
  const res = await app().fyr.http.inject({ method: "GET", url: url.slice(PUBLIC_URL.length), headers });
  return res;
}

// The provider metadata's schema (OASIS), from ../shared when it is there; it refers to the CSAF schema,
// which refers to FIRST's CVSS schemas.
const SCHEMAS = fileURLToPath(new URL("../../../../shared/data/csaf/", import.meta.url));
const PROVIDER_SCHEMA = join(SCHEMAS, "schema-2.0/provider_json_schema.json");
const readJson = (path: string): object => JSON.parse(readFileSync(join(SCHEMAS, path), "utf8"));

describe("the CSAF provider, walked like an aggregator", () => {
  it("leads from security.txt to documents whose hashes and signatures hold and which validate", async () => {
    const txt = (await call("GET", "/.well-known/security.txt", null)).body;
    const csafLine = /^CSAF: (.+)$/m.exec(txt)?.[1];
    expect(csafLine).toBe(`${PUBLIC_URL}/.well-known/csaf/provider-metadata.json`);
    const metaRes = await fetchUrl(csafLine ?? "");
    expect(metaRes.statusCode).toBe(200);
    const meta = metaRes.json();
    expect(meta).toMatchObject({ role: "csaf_trusted_provider", canonical_url: csafLine, metadata_version: "2.0" });
    if (existsSync(PROVIDER_SCHEMA)) {
      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats.default(ajv);
      // FIRST's CVSS schemas are draft-04: their $schema line is dropped, their keywords read the same here.
      for (const ref of ["cvss-v2.0.json", "cvss-v3.0.json", "cvss-v3.1.json"]) {
        const {
          $schema: _draft,
          id: _id,
          ...schema
        } = readJson(`referenced_schema/${ref}`) as { $schema?: string; id?: string };
        ajv.addSchema(schema, `https://www.first.org/cvss/${ref}`);
      }
      ajv.addSchema(readJson("schema-2.0/csaf_json_schema.json"));
      const validate = ajv.compile(readJson("schema-2.0/provider_json_schema.json"));
      expect(validate(meta), JSON.stringify(validate.errors)).toBe(true);
    } else {
      console.warn(`provider-metadata.json not checked against its schema: ${PROVIDER_SCHEMA} is absent`);
    }

    const keyInfo = meta.public_openpgp_keys[0];
    const armoredKey = (await fetchUrl(keyInfo.url)).body;
    const key = await openpgp.readKey({ armoredKey });
    expect(key.getFingerprint().toUpperCase()).toBe(keyInfo.fingerprint);

    const feeds: { tlp_label: string; url: string }[] = meta.distributions.flatMap(
      (d: { rolie?: { feeds: object[] } }) => d.rolie?.feeds ?? [],
    );
    expect(feeds.map((f) => f.tlp_label)).toEqual(["WHITE", "GREEN", "AMBER", "RED"]);
    const seen = new Set<string>();
    for (const feedInfo of feeds.filter((f) => f.tlp_label === "WHITE" || f.tlp_label === "GREEN")) {
      const feed = (await fetchUrl(feedInfo.url)).json().feed;
      for (const entry of feed.entry) {
        const link = (rel: string) =>
          entry.link.filter((l: { rel: string }) => l.rel === rel).map((l: { href: string }) => l.href);
        const [self] = link("self");
        const docRes = await fetchUrl(self);
        expect(docRes.statusCode).toBe(200);
        const bytes = docRes.rawPayload;
        for (const hashUrl of link("hash")) {
          const algorithm = hashUrl.endsWith(".sha512") ? "sha512" : "sha256";
          const line = (await fetchUrl(hashUrl)).body;
          expect(line.split(/\s+/)[0]).toBe(createHash(algorithm).update(bytes).digest("hex"));
        }
        const [signatureUrl] = link("signature");
        const signature = await openpgp.readSignature({ armoredSignature: (await fetchUrl(signatureUrl)).body });
        const verified = await openpgp.verify({
          message: await openpgp.createMessage({ binary: new Uint8Array(bytes) }),
          signature,
          verificationKeys: key,
        });
        await expect(verified.signatures[0]?.verified).resolves.toBe(true);
        const doc = JSON.parse(bytes.toString("utf8"));
        expect((await validateCsaf(doc)).failures).toEqual([]);
        expect(doc.document.distribution.tlp.label).toBe(feedInfo.tlp_label);
        seen.add(doc.document.tracking.id);
      }
    }
    expect(seen).toContain(clear.trackingId);
    expect(seen).toContain(`${clear.trackingId}-en`);
    expect(seen).not.toContain(amber.trackingId);

    // The directory distribution lists the same documents, newest change first in changes.csv.
    const dirs: string[] = meta.distributions.flatMap((d: { directory_url?: string }) =>
      d.directory_url ? [d.directory_url] : [],
    );
    const clearDir = dirs.find((d) => d.endsWith("/.well-known/csaf/clear/")) ?? "";
    const index = (await fetchUrl(`${clearDir}index.txt`)).body.trim().split("\n");
    expect(index).toContain(`${new Date().getUTCFullYear()}/${clear.trackingId.toLowerCase()}.json`);
    const changes = (await fetchUrl(`${clearDir}changes.csv`)).body.trim().split("\n");
    expect(changes[0]).toMatch(/^"\d{4}\/[a-z0-9_+-]+\.json","\d{4}-\d\d-\d\dT[\d:.]+Z"$/);
    const listing = await fetchUrl(clearDir);
    expect(listing.body).toContain('href="index.txt"');
  });

  it("serves TLP:AMBER documents to members only, and answers everyone else as if they did not exist", async () => {
    const year = new Date().getUTCFullYear();
    const path = `amber/${year}/${amber.trackingId.toLowerCase()}.json`;
    expect((await call("GET", `/.well-known/csaf/${path}`, null)).statusCode).toBe(404);
    expect((await call("GET", `/.well-known/csaf/feed-tlp-amber.json`, null)).statusCode).toBe(404);
    expect((await call("GET", `/api/v1/my/csaf/${path}`, null)).statusCode).toBe(401);
    // Staff do not read the member API (and their console has the advisory anyway).
    expect((await call("GET", `/api/v1/my/csaf/${path}`, team.reviewer)).statusCode).toBe(403);
    const member = await makeMember(app(), await makeOrganisation(app()));
    const headers = await signInMember(app(), member);
    const doc = await app().fyr.http.inject({ method: "GET", url: `/api/v1/my/csaf/${path}`, headers });
    expect(doc.statusCode).toBe(200);
    expect(doc.json().document.distribution.tlp.label).toBe("AMBER");
    const feed = await app().fyr.http.inject({ method: "GET", url: "/api/v1/my/csaf/feed-tlp-amber.json", headers });
    expect(feed.json().feed.entry.map((e: { id: string }) => e.id)).toContain(amber.trackingId);
    // A member never reaches the public folders through the member path, nor anything outside the folders.
    const clearThere = await app().fyr.http.inject({
      method: "GET",
      url: `/api/v1/my/csaf/clear/${year}/${clear.trackingId.toLowerCase()}.json`,
      headers,
    });
    expect(clearThere.statusCode).toBe(404);
    // The public pages and feeds never show it.
    expect((await call("GET", `/advisories/${amber.trackingId}`, null)).statusCode).toBe(404);
    expect((await call("GET", "/advisories/feed.rss", null)).body).not.toContain(amber.trackingId);
  });
});
