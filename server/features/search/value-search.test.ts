import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SearchPage } from "../../../contract/search.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { addNote } from "../incidents/list.test-fixtures.js";
import { observablesClient, uniqueDomain } from "../observables/observables.test-fixtures.js";
import { domain, incidentHolding } from "../observables/workspace.test-fixtures.js";

// The search box finds stored values as well as words: an address, a hash, a domain and the names
// under it (`*.example.se`), the addresses inside a network (`192.0.2.0/24`) — each with the cases
// where it was seen. Words are searched as before.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call } = observablesClient(app);

let analyst = "";
beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
});

async function search(q: string, extra = ""): Promise<SearchPage> {
  const res = await call(analyst, "GET", `/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<SearchPage>();
}
const octet = () => 1 + Math.floor(Math.random() * 250);
const at = new Date("2030-03-01T10:00:00Z");

describe("search finds values", () => {
  it("finds an address (defanged too) with the cases it was seen in, and the networks around it", async () => {
    const [b, c] = [octet(), octet()];
    const ip = `46.${b}.${c}.7`;
    const incident = await incidentHolding(app, [{ type: "ipv4", value: ip }], at, { title: "Skanning" });
    const net = await incidentHolding(app, [{ type: "cidr", value: `46.${b}.${c}.0/24` }], at);
    const page = await search(ip.replaceAll(".", "[.]"));
    expect(page.values?.map((v) => v.value)).toEqual([ip, `46.${b}.${c}.0/24`]);
    expect(page.values?.[0]?.cases).toMatchObject([
      { kind: "incident", reference: incident.reference, title: "Skanning" },
    ]);
    expect(page.values?.[1]?.cases.map((x) => x.reference)).toEqual([net.reference]);
    expect(page.moreValues).toBe(false);
  });

  it("finds a hash and a CVE id by their value", async () => {
    const hash = [...Array(64)].map(() => "0123456789abcdef"[Math.floor(Math.random() * 16)]).join("");
    await incidentHolding(app, [{ type: "sha256", value: hash }], at);
    expect((await search(hash.toUpperCase())).values?.map((v) => v.type)).toEqual(["sha256"]);
  });

  it("finds a domain and the names under it with *.domain, and nothing that merely ends alike", async () => {
    const apex = uniqueDomain("apex");
    const names = [apex, `mail.${apex}`, `a.b.${apex}`];
    await incidentHolding(app, [...names, `not-${apex}`, `x${apex}`].map(domain), at);
    for (const q of [`*.${apex}`, `.${apex}`, `*[.]${apex}`])
      expect((await search(q)).values?.map((v) => v.value).toSorted(), q).toEqual(names.toSorted());
    // Without the star: that one name.
    expect((await search(apex)).values?.map((v) => v.value)).toEqual([apex]);
  });

  it("finds the addresses and networks inside a network, at most 50, saying there were more", async () => {
    const [a, b] = [octet(), octet()];
    const inside = [`47.${a}.${b}.1`, `47.${a}.${b}.200`];
    await incidentHolding(
      app,
      [
        ...inside.map((value) => ({ type: "ipv4" as const, value })),
        { type: "ipv4", value: `47.${a}.${(b + 1) % 256}.1` },
      ],
      at,
    );
    await incidentHolding(app, [{ type: "cidr", value: `47.${a}.${b}.128/25` }], at);
    const page = await search(`47.${a}.${b}.0/24`);
    expect(page.values?.map((v) => v.value)).toEqual([inside[0], `47.${a}.${b}.128/25`, inside[1]]);
    // A query of no words still answers (no 400): the values are what it asks for.
    expect(page.items).toBeDefined();

    const many = Array.from({ length: 55 }, (_, i) => ({ type: "ipv4" as const, value: `48.${a}.${b}.${i + 1}` }));
    await incidentHolding(app, many, at);
    const wide = await search(`48.${a}.${b}.0/24`);
    expect(wide.values).toHaveLength(50);
    expect(wide.moreValues).toBe(true);
  });

  it("keeps searching words: a value also finds the text that names it, values only on the first page", async () => {
    const name = uniqueDomain("text");
    const incident = await incidentHolding(app, [domain(name)], at);
    await addNote(app().fyr.deps.db, incident.id, `Trafik mot ${name} blockerad`);
    await addNote(app().fyr.deps.db, incident.id, `Igen ${name} i natt`);
    const first = await search(name, "&limit=1");
    expect(first.values?.map((v) => v.value)).toEqual([name]);
    expect(first.items).toHaveLength(1);
    const second = await search(name, `&limit=1&cursor=${first.nextCursor ?? ""}`);
    expect(second.values).toBeUndefined();
    expect(second.items).toHaveLength(1);
    // Words are not values.
    expect((await search("ransomware krypterade")).values).toBeUndefined();
  });
});
