import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BulkLookupResult } from "../../../contract/observable-lookup.js";
import type { ObservableDetail } from "../../../contract/observables.js";
import type { SearchPage } from "../../../contract/search.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { observablesClient, uniqueDomain } from "./observables.test-fixtures.js";

// Which types correlate (contract/observables.ts, UNCORRELATED_TYPES): file names, paths, registry keys
// and MAC addresses are recorded, shown and found, but two incidents sharing only those are not related.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, reportSaying, related, values, openIncident } = observablesClient(app);

let analyst = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
});

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/** A file name, a path, a registry key and a MAC address nobody else in the run uses. */
function artefacts() {
  const id = hex(4);
  const mac = ["02", ...[1, 2, 3, 4, 5].map(() => hex(1))].join(":");
  return {
    text: `Bilagan faktura-${id}.pdf sparades som C:\\Users\\Public\\Downloads\\upd${id}.exe, autostart via HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run\\Upd${id}, nätkort ${mac}.`,
    filename: `faktura-${id}.pdf`,
    mac,
  };
}

/** A report saying `text` and an incident made of it: [incident, report]. */
async function incidentSaying(text: string): Promise<[string, string]> {
  const report = await reportSaying(text);
  return [(await openIncident(analyst, { title: `Fall ${hex(3)}`, reports: [report] })).reference, report];
}

describe("values of a type that never correlates", () => {
  it("do not make two incidents related, and the related view says which types were left out", async () => {
    const shared = artefacts();
    const [first, firstReport] = await incidentSaying(shared.text);
    const [second] = await incidentSaying(`Samma spår: ${shared.text}`);

    const mine = await values(analyst, "incidents", second);
    const types = new Set(mine.items.map((i) => i.type));
    expect([...types].sort()).toEqual(["filename", "filepath", "mac", "regkey"]);

    const list = await related(analyst, "incidents", second);
    expect(list.items.map((i) => i.reference)).not.toContain(first);
    expect(list.items.map((i) => i.reference)).not.toContain(firstReport);
    expect(list.items).toEqual([]);
    expect(list.notCorrelated.type).toBe(mine.items.length);
    expect(list.uncorrelatedTypes).toEqual(["mac", "regkey", "filename", "filepath"]);
    // Nor through the network toggle, nor from the report's side.
    expect((await related(analyst, "incidents", second, "?cidr=true")).items).toEqual([]);
  });

  it("are still found by lookup, bulk lookup and search, in both cases", async () => {
    const shared = artefacts();
    const [first] = await incidentSaying(shared.text);
    const [second] = await incidentSaying(shared.text);
    const page = await call(analyst, "GET", `/api/v1/observables?value=${encodeURIComponent(shared.filename)}`);
    expect(page.statusCode).toBe(200);
    const detail = page.json<ObservableDetail>();
    expect(detail).toMatchObject({ type: "filename", value: shared.filename, caseCount: 2 });
    expect(detail.incidents.map((i) => i.reference).sort()).toEqual([first, second].sort());

    const bulk = await call(analyst, "POST", "/api/v1/observables/lookup", { text: `${shared.mac}\n` });
    const found = bulk.json<BulkLookupResult>().seen.find((v) => v.value === shared.mac);
    expect(found).toMatchObject({ type: "mac", caseCount: 2 });

    const search = await call(analyst, "GET", `/api/v1/search?q=${encodeURIComponent(shared.filename)}`);
    expect(search.statusCode).toBe(200);
    const hits = search.json<SearchPage>().values ?? [];
    expect(hits.map((v) => `${v.type} ${v.value}`)).toContain(`filename ${shared.filename}`);
  });

  it("leave a shared domain to link the same incidents, sharing the domain alone", async () => {
    const shared = artefacts();
    const domain = uniqueDomain("c2");
    const first = await incidentSaying(`${shared.text} C2: ${domain.replace(".", "[.]")}`);
    const [second] = await incidentSaying(`${shared.text} Kontakt med ${domain}`);
    const list = await related(analyst, "incidents", second);
    // The other incident, and its report (which the incident brings, so it ranks first).
    expect(list.items.map((i) => i.reference).sort()).toEqual([...first].sort());
    for (const item of list.items) {
      expect(item.shared).toEqual([{ type: "domain", value: domain }]);
      expect(item.sharedCount).toBe(1);
    }
    const own = (await values(analyst, "incidents", second)).items;
    expect(list.notCorrelated.type).toBe(own.filter((v) => v.type !== "domain").length);
    expect(list.notCorrelated.type).toBeGreaterThanOrEqual(4);
  });

  it("do not link a report to another either", async () => {
    const shared = artefacts();
    await reportSaying(shared.text);
    const second = await reportSaying(shared.text);
    const list = await related(analyst, "reports", second);
    expect(list.items).toEqual([]);
    expect(list.uncorrelatedTypes).toEqual(["mac", "regkey", "filename", "filepath"]);
  });
});

describe("an internationalised domain", () => {
  it("is stored as punycode, found by its Unicode form, and correlates", async () => {
    const label = `räksmörgås-${hex(3)}`;
    const first = await incidentSaying(`Nätfiske från ${label}[.]se`);
    const [second] = await incidentSaying(`Samma avsändare ${label}.se`);
    const stored = (await values(analyst, "incidents", second)).items.find((i) => i.type === "domain");
    expect(stored?.value).toMatch(/^xn--/);
    expect(stored?.value).toBe(new URL(`http://${label}.se`).hostname);
    const page = await call(analyst, "GET", `/api/v1/observables?value=${encodeURIComponent(`${label}.se`)}`);
    expect(page.json<ObservableDetail>()).toMatchObject({ type: "domain", value: stored?.value });
    const refs = (await related(analyst, "incidents", second)).items.map((i) => i.reference);
    expect(refs.sort()).toEqual([...first].sort());
  });
});
