import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BulkLookupResult } from "../../../contract/observable-lookup.js";
import type { ObservableDetail } from "../../../contract/observables.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { observablesClient, uniqueDomain, uniqueIp } from "./observables.test-fixtures.js";
import { domain, incidentHolding } from "./workspace.test-fixtures.js";

// Bulk lookup: a pasted list or a mail's headers, read by the extractor; which values Fyr has seen,
// where and when, with verdicts and tags; the limits.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call } = observablesClient(app);

let analyst = "";
let observer = "";
let publisher = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
  publisher = (await createTokenFor(app(), { roles: ["publisher"] })).token;
});

const lookup = (text: string, token = analyst) => call(token, "POST", "/api/v1/observables/lookup", { text });

describe("bulk lookup", () => {
  it("says which values of a pasted blocklist were seen, where, when and how judged, in the list's order", async () => {
    const [seenDomain, unseenDomain] = [uniqueDomain("seen"), uniqueDomain("unseen")];
    const ip = uniqueIp();
    const older = await incidentHolding(app, [domain(seenDomain)], new Date("2030-05-01T10:00:00Z"));
    const newer = await incidentHolding(
      app,
      [domain(seenDomain), { type: "ipv4", value: ip }],
      new Date("2030-06-01T10:00:00Z"),
      {
        title: "Nätfiske mot kommunen",
      },
    );
    const page = (await call(analyst, "GET", `/api/v1/observables?value=${seenDomain}`)).json<ObservableDetail>();
    await call(analyst, "PATCH", `/api/v1/observables/${page.id}`, { version: page.version, tag: "malicious" });
    await call(analyst, "POST", `/api/v1/observables/${page.id}/tags`, { tag: "phishing-kit" });

    // A blocklist as people paste them: comments, defanged values, blank lines, duplicates.
    const list = `# blocklist\n${ip.replaceAll(".", "[.]")}\n\n${unseenDomain}\n${seenDomain.replace(".", "[.]")}\n${seenDomain}\n`;
    const res = await lookup(list);
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json<BulkLookupResult>();
    expect(result.extracted).toBe(3);
    expect(result.seen.map((v) => v.value)).toEqual([ip, seenDomain]);
    expect(result.unseen).toEqual([{ type: "domain", value: unseenDomain }]);
    const d = result.seen[1];
    expect(d).toMatchObject({
      type: "domain",
      verdict: "malicious",
      tags: ["phishing-kit"],
      caseCount: 2,
      common: false,
      firstSeen: "2030-05-01T10:00:00.000Z",
      lastSeen: "2030-06-01T10:00:00.000Z",
    });
    expect(d?.cases.map((c) => c.reference)).toEqual([newer.reference, older.reference]);
    expect(d?.cases[0]).toMatchObject({
      kind: "incident",
      title: "Nätfiske mot kommunen",
      tlp: "TLP:AMBER",
      status: "new",
    });
    // Observers look up too.
    expect((await lookup(list, observer)).json<BulkLookupResult>().seen).toHaveLength(2);
  });

  it("reads a mail's headers with the extractor", async () => {
    const relay = uniqueDomain("relay");
    const ip = uniqueIp();
    await incidentHolding(app, [domain(relay)], new Date("2030-07-01T10:00:00Z"));
    const headers = [
      `Received: from ${relay} (${relay} [${ip}])`,
      "\tby mx.example.se with ESMTPS id 4Xy; Tue, 1 Jul 2030 10:00:00 +0200",
      `From: "Banken" <kundtjanst@${relay}>`,
      "Subject: Verifiera ditt konto",
    ].join("\n");
    const result = (await lookup(headers)).json<BulkLookupResult>();
    expect(result.seen.map((v) => v.value)).toEqual([relay]);
    expect(result.unseen.map((v) => v.value)).toEqual(expect.arrayContaining([ip, `kundtjanst@${relay}`]));
  });

  it("answers an empty list for text with no values, and refuses more than 10,000 values with a 413", async () => {
    expect((await lookup("inga värden här alls")).json<BulkLookupResult>()).toMatchObject({
      extracted: 0,
      seen: [],
      unseen: [],
    });
    const many = Array.from({ length: 10_001 }, (_, i) => `host-${i}.bulk-limit.se`).join("\n");
    const res = await lookup(many);
    expect(res.statusCode).toBe(413);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({
      code: "lookup_too_many_values",
      errors: [{ path: "body.text", code: "too_many", params: { limit: 10_000 } }],
    });
    const exactly = Array.from({ length: 10_000 }, (_, i) => `host-${i}.bulk-limit.se`).join("\n");
    expect((await lookup(exactly)).json<BulkLookupResult>().unseen).toHaveLength(10_000);
  });

  it("refuses a body over its limit (413), a text over 2,000,000 characters and a malformed body (400)", async () => {
    const huge = await call(analyst, "POST", "/api/v1/observables/lookup", { text: "a".repeat(2_400_000) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toMatchObject({ code: "body_too_large" });
    const long = await lookup("a".repeat(2_000_001));
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ errors: [{ path: "body.text", code: "too_long" }] });
    const wrong = await call(analyst, "POST", "/api/v1/observables/lookup", { text: 42 });
    expect(wrong.json()).toMatchObject({ code: "validation_failed", errors: [{ path: "body.text" }] });
    expect((await lookup("1.2.3.4", publisher)).statusCode).toBe(403);
  });
});
