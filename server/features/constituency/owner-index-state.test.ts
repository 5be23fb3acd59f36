import { describe, expect, it, vi } from "vitest";
import type { Network, Organisation } from "../../../contract/constituency.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { constituencyClient, uniqueNet4 } from "./constituency.test-fixtures.js";
import { currentOwnerIndex, freshOwnerIndex } from "./owner-index-state.js";
import { bumpRegistryVersion, localRegistryWrite } from "./registry-version.js";

// The owner index kept up with the registry (deltas, builds beside the one in use) answers as an index
// built from the registry now would, whatever writes ran at the same time as the matches.

const app = useTestApp();
const { call, createOrganisation } = constituencyClient(app);
const NOW = Date.now();

/** Every address of the test's /16 that matters (each /24's edges and middle), matched both ways. */
async function expectFresh(net: string): Promise<void> {
  const db = app().fyr.deps.db;
  const kept = await currentOwnerIndex(db);
  const fresh = await freshOwnerIndex(db);
  for (let third = 0; third < 8; third++)
    for (const fourth of [0, 5, 6, 20, 21, 128, 255]) {
      const q = { ip: `${net}.${third}.${fourth}` };
      expect(kept.match(q, NOW, "scanner"), q.ip).toEqual(fresh.match(q, NOW, "scanner"));
    }
}

describe("the owner index under concurrent writes", () => {
  it("answers as a fresh build after writes that ran while it matched", async () => {
    const duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
    const observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
    const net = uniqueNet4();
    const orgs: Organisation[] = [];
    for (let i = 0; i < 4; i++) orgs.push(await createOrganisation(duty, { networks: [`${net}.${i}.0/24`] }));
    const match = (ip: string) => call(observer, "GET", `/api/v1/constituency/match?ip=${ip}`);
    const writes = orgs.flatMap((o, i) => [
      call(duty, "POST", `/api/v1/organisations/${o.id}/networks`, { network: `${net}.${(i + 1) % 8}.0/24` }),
      call(duty, "POST", `/api/v1/organisations/${o.id}/networks`, { network: `${net}.${i}.6 - ${net}.${i}.20` }),
      call(duty, "POST", `/api/v1/organisations/${o.id}/inhibitions`, { classificationTypes: ["scanner"] }),
      call(duty, "DELETE", `/api/v1/organisations/${o.id}/networks/${(o.networks[0] as Network).id}`),
      call(duty, "PATCH", `/api/v1/organisations/${o.id}`, { name: `Omdöpt ${i}`, version: o.version }),
    ]);
    const reads = Array.from({ length: 40 }, (_, i) => match(`${net}.${i % 8}.${i}`));
    const results = await Promise.all([...writes, ...reads]);
    // A rename racing the organisation's other writes may find its version stale (409): that is the rule.
    for (const r of results) expect([200, 201, 204, 409], r.body).toContain(r.statusCode);
    await expectFresh(net);
    // Each write is seen by the next match at once.
    const moved = await call(duty, "POST", `/api/v1/organisations/${orgs[0]?.id}/networks`, {
      network: `${net}.7.0/24`,
    });
    expect(moved.statusCode).toBe(201);
    const seen = (await match(`${net}.7.1`)).json<{ items: { organisation: { id: string } }[] }>().items;
    expect(seen.map((m) => m.organisation.id)).toContain(orgs[0]?.id);
    await expectFresh(net);
  });

  it("takes a change too large to name (an import) in by a build beside the index in use", async () => {
    const duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
    const net = uniqueNet4();
    const org = await createOrganisation(duty, { networks: [`${net}.0.0/24`] });
    const db = app().fyr.deps.db;
    await currentOwnerIndex(db);
    // Another process (the CLI's import) writes straight to the database and names no organisation.
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto("organisation_networks")
        .values({ organisation_id: org.id, first_address: `${net}.1.0`, last_address: `${net}.1.255`, label: "x" })
        .execute();
      await bumpRegistryVersion(tx, new Date(), "many");
    });
    // The match answers at once (from the index as it was, maybe) and the new index follows in moments.
    await currentOwnerIndex(db);
    await vi.waitFor(
      async () => {
        const answer = (await currentOwnerIndex(db)).match({ ip: `${net}.1.1` }, NOW);
        expect(answer.map((m) => m.organisation.id)).toEqual([org.id]);
      },
      { timeout: 15_000, interval: 100 },
    );
    await expectFresh(net);
  });

  it("hears another process's write by its notice, without reading the version on every match", async () => {
    const duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
    const observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
    const net = uniqueNet4();
    const org = await createOrganisation(duty, { networks: [`${net}.0.0/24`] });
    const owners = async (ip: string) =>
      (await call(observer, "GET", `/api/v1/constituency/match?ip=${ip}`))
        .json<{ items: { organisation: { id: string } }[] }>()
        .items.map((m) => m.organisation.id);
    expect(await owners(`${net}.0.1`)).toEqual([org.id]);
    const db = app().fyr.deps.db;
    await db.transaction().execute(async (tx) => {
      await tx
        .insertInto("organisation_networks")
        .values({ organisation_id: org.id, first_address: `${net}.1.0`, last_address: `${net}.1.255`, label: "y" })
        .execute();
      await bumpRegistryVersion(tx, new Date(), [org.id]);
    });
    // As if another process had written: this one's own-write window does not apply.
    localRegistryWrite.at = -Infinity;
    await vi.waitFor(async () => expect(await owners(`${net}.1.1`)).toEqual([org.id]), { timeout: 5_000 });
  });
});
