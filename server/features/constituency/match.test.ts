import { beforeAll, describe, expect, it } from "vitest";
import type { MatchBatchResult, Network, OwnerMatchList } from "../../../contract/constituency.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { constituencyClient, uniqueDomain, uniqueNet4, uniqueNet6 } from "./constituency.test-fixtures.js";
import { bumpRegistryVersion } from "./registry-version.js";

const app = useTestApp();
const { call, createOrganisation } = constituencyClient(app);

let duty = "";
let observer = "";

beforeAll(async () => {
  duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
  observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
});

const match = async (query: string) => {
  const res = await call(observer, "GET", `/api/v1/constituency/match?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<OwnerMatchList>().items;
};

describe("the owner match", () => {
  it("answers the most specific owner first: longest prefix, then wider networks", async () => {
    const net = uniqueNet4();
    const isp = await createOrganisation(duty, { name: "Operatören", networks: [`${net}.0.0/16`], asns: [64510] });
    const customer = await createOrganisation(duty, { name: "Kunden", networks: [`${net}.2.0/24`] });
    const host = await createOrganisation(duty, { name: "Servern", networks: [`${net}.2.7 - ${net}.2.9`] });
    expect(await match(`ip=${net}.2.8`)).toEqual([
      {
        organisation: { id: host.id, name: "Servern" },
        matchedBy: "network",
        match: `${net}.2.7 - ${net}.2.9`,
        inhibitions: [],
      },
      {
        organisation: { id: customer.id, name: "Kunden" },
        matchedBy: "network",
        match: `${net}.2.0/24`,
        inhibitions: [],
      },
      {
        organisation: { id: isp.id, name: "Operatören" },
        matchedBy: "network",
        match: `${net}.0.0/16`,
        inhibitions: [],
      },
    ]);
    expect((await match(`ip=${net}.2.10`)).map((m) => m.organisation.name)).toEqual(["Kunden", "Operatören"]);
    expect((await match(`ip=${net}.3.1`)).map((m) => m.organisation.name)).toEqual(["Operatören"]);
    // A network beats an AS number.
    const both = await match(`ip=${net}.2.200&asn=AS64510`);
    expect(both.map((m) => [m.organisation.name, m.matchedBy])).toEqual([
      ["Kunden", "network"],
      ["Operatören", "network"],
    ]);
    const other = await createOrganisation(duty, { name: "Transit", asns: [64511] });
    expect((await match(`ip=${net}.2.200&asn=64511`)).map((m) => m.organisation.id)).toEqual([
      customer.id,
      isp.id,
      other.id,
    ]);
  });

  it("IPv6, domains by longest suffix, URLs by prefix then host", async () => {
    const v6 = uniqueNet6();
    const domain = uniqueDomain();
    const parent = await createOrganisation(duty, { name: "Moder", networks: [`${v6}::/48`], domains: [domain] });
    const child = await createOrganisation(duty, {
      name: "Dotter",
      domains: [`shop.${domain}`],
      urlPrefixes: [`https://www.${domain}/kund/`],
    });
    expect((await match(`ip=${v6}::1`)).map((m) => m.organisation.name)).toEqual(["Moder"]);
    expect(await match(`domain=a.shop.${domain.toUpperCase()}.`)).toMatchObject([
      { organisation: { id: child.id }, matchedBy: "domain", match: `shop.${domain}` },
      { organisation: { id: parent.id }, matchedBy: "domain", match: domain },
    ]);
    expect(await match(`url=${encodeURIComponent(`http://www.${domain}/kund/x?y=1`)}`)).toMatchObject([
      { organisation: { id: child.id }, matchedBy: "url", match: `https://www.${domain}/kund/` },
      { organisation: { id: parent.id }, matchedBy: "domain", match: domain },
    ]);
    expect(
      (await match(`url=${encodeURIComponent(`https://www.${domain}/annat`)}`)).map((m) => m.organisation.id),
    ).toEqual([parent.id]);
    expect((await match(`url=${encodeURIComponent(`http://[${v6}::5]/x`)}`)).map((m) => m.matchedBy)).toEqual([
      "network",
    ]);
    expect(await match(`domain=${uniqueDomain()}`)).toEqual([]);
  });

  it("answers inhibitions with each owner, and whether they hold for a type", async () => {
    const net = uniqueNet4();
    const org = await createOrganisation(duty, { networks: [`${net}.0.0/24`, `${net}.1.0/24`] });
    const [first, second] = org.networks as [Network, Network];
    const base = `/api/v1/organisations/${org.id}/inhibitions`;
    await call(duty, "POST", base, { networkId: first.id, classificationTypes: ["scanner"] });
    await call(duty, "POST", base, { classificationTypes: ["spam"] });
    await call(duty, "POST", base, { classificationTypes: ["*"], expiresAt: "2020-01-01T00:00:00Z" });
    const inFirst = await match(`ip=${net}.0.1&type=scanner`);
    expect(inFirst[0]?.inhibitions.map((i) => i.classificationTypes)).toEqual([["scanner"], ["spam"]]);
    expect(inFirst[0]?.inhibited).toBe(true);
    const inSecond = await match(`ip=${net}.1.1&type=scanner`);
    expect(inSecond[0]).toMatchObject({ match: second.label, inhibited: false });
    expect((await match(`ip=${net}.1.1&type=spam`))[0]?.inhibited).toBe(true);
  });

  it("matches many values at once, in order", async () => {
    const net = uniqueNet4();
    const org = await createOrganisation(duty, { networks: [`${net}.0.0/16`], asns: [64520] });
    const res = await call(observer, "POST", "/api/v1/constituency/match", {
      values: [{ ip: `${net}.9.9` }, { ip: "192.0.2.1" }, { asn: 64520 }, { asn: "AS64520", ip: `${net}.1.1` }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<MatchBatchResult>().items;
    expect(items.map((i) => i.items.map((m) => [m.organisation.id, m.matchedBy]))).toEqual([
      [[org.id, "network"]],
      [],
      [[org.id, "asn"]],
      [[org.id, "network"]],
    ]);
  });

  it("names every bad value, and bounds a batch", async () => {
    const one = await call(observer, "GET", "/api/v1/constituency/match?ip=300.1.1.1&asn=0&domain=a%20b&type=nope");
    expect(one.statusCode).toBe(400);
    expect(one.json<{ errors: { path: string; code: string }[] }>().errors.map((e) => [e.path, e.code])).toEqual([
      ["query.ip", "invalid_network"],
      ["query.domain", "invalid_domain"],
      ["query.asn", "asn_reserved"],
      ["query.type", "invalid_choice"],
    ]);
    const none = await call(observer, "GET", "/api/v1/constituency/match");
    expect(none.json()).toMatchObject({ code: "match_value_required", errors: [{ path: "query", code: "required" }] });
    const batch = await call(observer, "POST", "/api/v1/constituency/match", {
      values: [{ ip: "192.0.2.1" }, { url: "ftp://x" }, {}],
    });
    expect(batch.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      "body.values.1.url",
      "body.values.2",
    ]);
    const big = await call(observer, "POST", "/api/v1/constituency/match", {
      values: Array.from({ length: 10_001 }, () => ({ ip: "192.0.2.1" })),
    });
    expect(big.statusCode).toBe(400);
    expect(big.json()).toMatchObject({ errors: [{ path: "body.values", code: "too_many" }] });
  });

  it("sees a change at once: its own writes, and another process's (the registry version moved)", async () => {
    const net = uniqueNet4();
    expect(await match(`ip=${net}.0.1`)).toEqual([]);
    const org = await createOrganisation(duty, { networks: [`${net}.0.0/24`] });
    expect((await match(`ip=${net}.0.1`)).map((m) => m.organisation.id)).toEqual([org.id]);
    const removed = await call(duty, "DELETE", `/api/v1/organisations/${org.id}/networks/${org.networks[0]?.id}`);
    expect(removed.statusCode).toBe(204);
    expect(await match(`ip=${net}.0.1`)).toEqual([]);
    // Another process (the CLI's import) writes straight to the database and moves the version.
    const db = app().fyr.deps.db;
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto("organisation_networks")
        .values({
          organisation_id: org.id,
          first_address: `${net}.0.0`,
          last_address: `${net}.0.255`,
          label: `${net}.0.0/24`,
        })
        .execute();
      await bumpRegistryVersion(tx, new Date(), [org.id]);
    });
    expect((await match(`ip=${net}.0.1`)).map((m) => m.organisation.id)).toEqual([org.id]);
  });
});
