import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ObservableDetail } from "../../../contract/observables.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { rm } from "node:fs/promises";
import { observablesClient, uniqueDomain, uniqueIp } from "./observables.test-fixtures.js";

// The related panel: cases that share values with this one, closest first, with what they share.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_CORRELATION_COMMON_CASES: "3" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, reportSaying, related, values, openIncident } = observablesClient(app);

let analyst = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
});

describe("the related panel", () => {
  it("lists another report sharing a defanged URL and an address, with the shared values", async () => {
    const domain = uniqueDomain("login");
    const ip = uniqueIp();
    const first = await reportSaying(`Nätfiskesida hxxps://${domain.replace(".", "[.]")}/konto från ${ip}`);
    const second = await reportSaying(
      `Our users got mail linking https://${domain}/konto, sent via ${ip.replaceAll(".", "[.]")}`,
    );
    const unrelated = await reportSaying(`Nothing in common: ${uniqueDomain()}`);

    const list = await related(analyst, "reports", second);
    expect(list.items.map((i) => i.reference)).toEqual([first]);
    const [item] = list.items;
    expect(item?.kind).toBe("report");
    expect(item?.ongoing).toBe(true);
    expect(item?.shared).toEqual(
      expect.arrayContaining([
        { type: "url", value: `https://${domain}/konto` },
        { type: "domain", value: domain },
        { type: "ipv4", value: ip },
      ]),
    );
    expect((await related(analyst, "reports", unrelated)).items).toEqual([]);
  });

  it("ranks the case sharing more and rarer values first, and brings the incident a report is in", async () => {
    const [a, b, c] = [uniqueDomain(), uniqueDomain(), uniqueDomain()];
    const mine = await reportSaying(`Se ${a} och ${b} och ${c}`);
    const close = await reportSaying(`Samma ${a} och ${b}`);
    const far = await reportSaying(`Bara ${c}`);
    const incident = await openIncident(analyst, { title: "Samlat fall", reports: [close] });

    const refs = (await related(analyst, "reports", mine)).items.map((i) => i.reference);
    expect(refs.slice(0, 2).sort()).toEqual([close, incident.reference].sort());
    expect(refs[2]).toBe(far);
    // From the incident's side: its linked report is its own, so it lists the other two reports only.
    const fromIncident = (await related(analyst, "incidents", incident.reference)).items.map((i) => i.reference);
    expect(fromIncident).toEqual([mine]);
  });

  it("leaves out values on a warning list, marked do-not-correlate, or common", async () => {
    const shared = uniqueDomain();
    const noisy = uniqueDomain("noisy");
    const texts = (extra: string) => `Från 10.1.2.3 och ${shared} ${extra}`;
    const mine = await reportSaying(texts(noisy));
    const other = await reportSaying(texts(""));
    // noisy in 4 cases with a threshold of 3: common.
    for (let i = 0; i < 3; i++) await reportSaying(`Också ${noisy}`);

    let list = await related(analyst, "reports", mine);
    expect(list.items.map((i) => i.reference)).toContain(other);
    expect(list.items.find((i) => i.reference === other)?.shared).toEqual([{ type: "domain", value: shared }]);
    expect(list.notCorrelated["warning-list"]).toBe(1); // 10.1.2.3, a private address
    expect(list.notCorrelated.common).toBe(1);
    expect(list.commonThreshold).toBe(3);

    const page = await call(analyst, "GET", `/api/v1/observables?value=${noisy}`);
    expect(page.json<ObservableDetail>()).toMatchObject({ common: true, caseCount: 4 });

    const detail = (await call(analyst, "GET", `/api/v1/observables?value=${shared}`)).json<ObservableDetail>();
    const patched = await call(analyst, "PATCH", `/api/v1/observables/${detail.id}`, {
      version: detail.version,
      doNotCorrelate: true,
    });
    expect(patched.statusCode).toBe(200);
    list = await related(analyst, "reports", mine);
    expect(list.items.map((i) => i.reference)).not.toContain(other);
    expect(list.notCorrelated["do-not-correlate"]).toBe(1);
  });

  it("matches an address inside a network seen elsewhere only with the CIDR toggle", async () => {
    const ip = uniqueIp();
    const network = `${ip.split(".").slice(0, 3).join(".")}.0/24`;
    const mine = await reportSaying(`Skanning från ${ip}`);
    const other = await reportSaying(`Blockera nätet ${network}`);
    expect((await related(analyst, "reports", mine)).items).toEqual([]);
    const list = await related(analyst, "reports", mine, "?cidr=true");
    expect(list.items.map((i) => i.reference)).toEqual([other]);
    expect(list.items[0]?.shared).toEqual([{ type: "ipv4", value: ip, via: { type: "cidr", value: network } }]);
  });
});

describe("a case's values", () => {
  it("are listed with their origins, added by hand, and only hand-added ones removed", async () => {
    const domain = uniqueDomain();
    const report = await reportSaying(`Domänen ${domain}`);
    const incident = await openIncident(analyst, { title: "Handpåläggning", reports: [report] });
    const added = await call(analyst, "POST", `/api/v1/incidents/${incident.reference}/observables`, {
      value: "CVE-2026-12345",
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ type: "cve", value: "CVE-2026-12345", origins: ["manual"] });

    const list = await values(analyst, "incidents", incident.reference);
    expect(list.items.map((i) => `${i.type} ${i.value}`)).toEqual(
      expect.arrayContaining([`domain ${domain}`, "cve CVE-2026-12345"]),
    );
    const extracted = list.items.find((i) => i.value === domain);
    const manual = list.items.find((i) => i.value === "CVE-2026-12345");
    const refused = await call(
      analyst,
      "DELETE",
      `/api/v1/incidents/${incident.reference}/observables/${extracted?.id}`,
    );
    expect(refused.statusCode).toBe(409);
    const removed = await call(analyst, "DELETE", `/api/v1/incidents/${incident.reference}/observables/${manual?.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await values(analyst, "incidents", incident.reference)).items.map((i) => i.value)).not.toContain(
      "CVE-2026-12345",
    );
  });

  it("export as a CSV download and a STIX 2.1 bundle, never rendered inline", async () => {
    const domain = uniqueDomain();
    const report = await reportSaying(`Exportera ${domain}`);
    const incident = await openIncident(analyst, { title: "Export", reports: [report] });
    const csv = await call(analyst, "GET", `/api/v1/incidents/${incident.reference}/observables.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-disposition"]).toMatch(/^attachment; filename=".*-observables\.csv"/);
    expect(csv.headers["x-content-type-options"]).toBe("nosniff");
    expect(csv.body.replace(/^\uFEFF/, "").split("\r\n")[0]).toMatch(/^type,value,/);
    expect(csv.body).toContain(`domain,${domain}`);
    const stix = await call(analyst, "GET", `/api/v1/incidents/${incident.reference}/observables.stix`);
    const bundle = stix.json<{ type: string; objects: { type: string; pattern?: string }[] }>();
    expect(bundle.type).toBe("bundle");
    expect(bundle.objects.map((o) => o.pattern)).toContain(`[domain-name:value = '${domain}']`);
  });

  it("audits every export like a file download: who, which incident, format and count", async () => {
    const { userId, token } = await createTokenFor(app(), { roles: ["analyst"] });
    const report = await reportSaying(`Granska ${uniqueDomain()} och ${uniqueDomain()}`);
    const incident = await openIncident(token, { title: "Spårad export", reports: [report] });
    const count = (await values(token, "incidents", incident.reference)).items.length;
    for (const format of ["csv", "stix"]) {
      const res = await call(token, "GET", `/api/v1/incidents/${incident.reference}/observables.${format}`);
      expect(res.statusCode).toBe(200);
    }
    const entries = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["action", "actor", "actor_id", "diff"])
      .where("target_type", "=", "incident")
      .where("target_id", "=", incident.reference)
      .where("action", "=", "incident.observables_exported")
      .orderBy("id")
      .execute();
    expect(count).toBeGreaterThanOrEqual(2);
    expect(entries.map((e) => e.diff)).toEqual([
      expect.objectContaining({ format: "csv", count }),
      expect.objectContaining({ format: "stix", count }),
    ]);
    for (const e of entries) expect(e.actor_id).toBe(userId);
  });

  it("refuses a value that is none, naming the field", async () => {
    const report = await reportSaying(`Inget särskilt ${uniqueDomain()}`);
    const res = await call(analyst, "POST", `/api/v1/reports/${report}/observables`, { value: "inte ett värde" });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ path: "body.value" }] });
    const typed = await call(analyst, "POST", `/api/v1/reports/${report}/observables`, {
      value: "1.2.3.4",
      type: "sha256",
    });
    expect(typed.statusCode).toBe(400);
  });

  it("lets observers read but not change", async () => {
    const observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
    const domain = uniqueDomain();
    const report = await reportSaying(`Observera ${domain}`);
    expect((await values(observer, "reports", report)).items.map((i) => i.value)).toContain(domain);
    const add = await call(observer, "POST", `/api/v1/reports/${report}/observables`, { value: uniqueDomain() });
    expect(add.statusCode).toBe(403);
    const detail = (await call(observer, "GET", `/api/v1/observables?value=${domain}`)).json<ObservableDetail>();
    const tag = await call(observer, "PATCH", `/api/v1/observables/${detail.id}`, {
      version: detail.version,
      tag: "malicious",
    });
    expect(tag.statusCode).toBe(403);
  });
});

describe("a value's page", () => {
  it("is found by its defanged form and pages through every sighting, newest first", async () => {
    const domain = uniqueDomain();
    const first = await reportSaying(`Först ${domain}`);
    const second = await reportSaying(`Sedan ${domain}`);
    const defanged = encodeURIComponent(domain.replace(".", "[.]"));
    const page1 = (
      await call(analyst, "GET", `/api/v1/observables?value=${defanged}&limit=1`)
    ).json<ObservableDetail>();
    expect(page1).toMatchObject({ type: "domain", value: domain, caseCount: 2, common: false });
    expect(page1.sightings.items.map((s) => s.reference)).toEqual([second]);
    const cursor = page1.sightings.nextCursor ?? "";
    const page2 = (
      await call(analyst, "GET", `/api/v1/observables?value=${domain}&limit=1&cursor=${cursor}`)
    ).json<ObservableDetail>();
    expect(page2.sightings.items.map((s) => s.reference)).toEqual([first]);
    expect(page2.sightings.nextCursor).toBeNull();
    const forged = await call(analyst, "GET", `/api/v1/observables?value=${domain}&cursor=bm9wZQ`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json()).toMatchObject({ code: "invalid_cursor" });
  });
});
