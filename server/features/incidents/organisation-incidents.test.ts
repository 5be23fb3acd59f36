import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrganisationIncidents } from "../../../contract/incident-organisations.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { systemActor } from "../../platform/auth/actor.js";
import { createOrganisation } from "../constituency/index.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { coreClient } from "./core.test-fixtures.js";

// An organisation's page lists its incidents (GET /api/v1/organisations/{id}/incidents) through the
// incidents' TLP policy: a TLP:RED incident is listed and counted only for those on it (and admins).

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, openIncident } = coreClient(app);

const people = { analyst: "", outsider: "", observer: "", admin: "", publisher: "" };
let analystId = "";
let orgId = "";
const refs = { green: "", red: "", dismissed: "" };

const list = (token: string, id = orgId, query = "") =>
  call(token, "GET", `/api/v1/organisations/${id}/incidents${query}`);
const link = async (reference: string) => {
  const res = await call(people.analyst, "POST", `/api/v1/incidents/${reference}/organisations`, {
    organisationId: orgId,
  });
  expect(res.statusCode, res.body).toBe(200);
};

beforeAll(async () => {
  ({ token: people.analyst, userId: analystId } = await createTokenFor(app(), { roles: ["analyst"] }));
  people.outsider = (await createTokenFor(app(), { roles: ["analyst", "duty"] })).token;
  people.observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
  people.admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  people.publisher = (await createTokenFor(app(), { roles: ["publisher"] })).token;
  const ctx = { db: app().fyr.deps.db, clock: app().clock, actor: systemActor("test") };
  orgId = (await createOrganisation(ctx, { name: "Incidentbolaget AB", networks: ["198.51.100.0/24"] })).id;
  refs.green = (await openIncident(people.analyst, { title: "Grönt intrång", tlp: "TLP:GREEN" })).reference;
  await link(refs.green);
  refs.red = (
    await openIncident(people.analyst, { title: "Rött intrång", tlp: "TLP:RED", assigneeId: analystId })
  ).reference;
  await link(refs.red);
  // A suggestion set aside is not a link: never listed.
  refs.dismissed = (await openIncident(people.analyst, { title: "Avfärdat" })).reference;
  await call(people.analyst, "POST", `/api/v1/incidents/${refs.dismissed}/observables`, { value: "198.51.100.4" });
  const dismissed = await call(
    people.analyst,
    "POST",
    `/api/v1/incidents/${refs.dismissed}/organisations/${orgId}/dismiss`,
  );
  expect(dismissed.statusCode, dismissed.body).toBe(200);
});

describe("an organisation's incidents", () => {
  it("lists the incidents linked to it, newest first, for those on them", async () => {
    const res = await list(people.analyst);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<OrganisationIncidents>();
    expect(body.total).toBe(2);
    expect(body.items.map((i) => i.reference).sort()).toEqual([refs.green, refs.red].sort());
    expect(body.items.find((i) => i.reference === refs.green)).toMatchObject({
      title: "Grönt intrång",
      tlp: "TLP:GREEN",
      source: "manual",
    });
    expect((await list(people.admin)).json<OrganisationIncidents>().total).toBe(2);
    const one = (await list(people.analyst, orgId, "?limit=1")).json<OrganisationIncidents>();
    expect(one.items.length).toBe(1);
    expect(one.total).toBe(2);
  });

  it("neither lists nor counts a TLP:RED incident for a reader not on it", async () => {
    for (const token of [people.outsider, people.observer]) {
      const body = (await list(token)).json<OrganisationIncidents>();
      expect(body).toEqual({ total: 1, items: [expect.objectContaining({ reference: refs.green })] });
      expect(JSON.stringify(body)).not.toContain("Rött");
    }
  });

  it("is for case readers, 404 for an unknown organisation, and names a bad limit", async () => {
    expect((await list(people.publisher)).statusCode).toBe(403);
    const unknown = await list(people.analyst, "00000000-0000-4000-8000-000000000000");
    expect(unknown.json()).toMatchObject({ status: 404, code: "organisation_not_found" });
    const bad = await list(people.analyst, orgId, "?limit=1000");
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(["querystring.limit"]);
  });
});
