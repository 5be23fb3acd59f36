import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrganisationCreate } from "../../../contract/constituency.js";
import type { IncidentOrganisations } from "../../../contract/incident-organisations.js";
import type { IncidentDetail } from "../../../contract/incidents.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { systemActor } from "../../platform/auth/actor.js";
import { createOrganisation } from "../constituency/index.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { coreClient } from "./core.test-fixtures.js";

// Incidents get real organisations (issue 14): suggested from the owners of the incident's values, one
// click to accept, by hand from the directory, set aside, unlinked — each audited; and never a
// suggestion from a value the reader may not see (a TLP:RED incident, a report only a RED incident shows).

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, fileReport, openIncident } = coreClient(app);

const people = { analyst: "", observer: "", outsider: "", admin: "", publisher: "" };
let analystId = "";
const org = { kommun: "", bolag: "", isp: "", webb: "", hidden: "" };

const registry = () => ({ db: app().fyr.deps.db, clock: app().clock, actor: systemActor("test") });
const orgs = (token: string, reference: string) => call(token, "GET", `/api/v1/incidents/${reference}/organisations`);
const addValue = async (token: string, reference: string, value: string) => {
  const res = await call(token, "POST", `/api/v1/incidents/${reference}/observables`, { value });
  expect(res.statusCode, res.body).toBe(201);
};
const auditActions = async (reference: string) =>
  (
    await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["action", "diff"])
      .where("target_type", "=", "incident")
      .where("target_id", "=", reference)
      .where("action", "like", "incident.organisation_%")
      .orderBy("id")
      .execute()
  ).map((r) => r.action);

beforeAll(async () => {
  ({ token: people.analyst, userId: analystId } = await createTokenFor(app(), { roles: ["analyst"] }));
  people.observer = (await createTokenFor(app(), { roles: ["observer"] })).token;
  people.outsider = (await createTokenFor(app(), { roles: ["analyst", "duty"] })).token;
  people.admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  people.publisher = (await createTokenFor(app(), { roles: ["publisher"] })).token;
  const make = async (name: string, holdings: Omit<OrganisationCreate, "name">) =>
    (await createOrganisation(registry(), { ...holdings, name })).id;
  org.isp = await make("Leverantören AB", { networks: ["198.51.100.0/24"], asns: [64501] });
  org.kommun = await make("Exempelby kommun", { networks: ["198.51.100.0/26"], domains: ["exempelby-kommun.se"] });
  org.bolag = await make("Exempelby Energi AB", { networks: ["2001:db8:10::/48"] });
  org.webb = await make("Webbhotellet AB", {
    urlPrefixes: ["https://hotellet-exempel.se/kund/"],
    domains: ["hotellet-exempel.se"],
  });
  org.hidden = await make("Hemliga verket", { networks: ["203.0.113.0/28"] });
});

describe("incident organisations", () => {
  let incident: IncidentDetail;

  beforeAll(async () => {
    incident = await openIncident(people.analyst, { affectedOrganisations: ["Okänd förening"] });
    await addValue(people.analyst, incident.reference, "198.51.100.7");
    await addValue(people.analyst, incident.reference, "198.51.100.9");
    await addValue(people.analyst, incident.reference, "2001:db8:10:1::5");
    await addValue(people.analyst, incident.reference, "https://hotellet-exempel.se/kund/login.php");
    await addValue(people.analyst, incident.reference, "192.0.2.55"); // nobody's
  });

  it("suggests the most specific owner of each value, with why, and keeps the free text", async () => {
    const res = await orgs(people.analyst, incident.reference);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<IncidentOrganisations>();
    expect(body.items).toEqual([]);
    expect(body.canEdit).toBe(true);
    const byName = Object.fromEntries(body.suggestions.map((s) => [s.organisation.name, s]));
    // The municipality's /26 beats the provider's /24; the provider is not suggested at all.
    expect(Object.keys(byName).sort()).toEqual(["Exempelby Energi AB", "Exempelby kommun", "Webbhotellet AB"]);
    expect(body.suggestions[0]?.organisation.id).toBe(org.kommun); // two values: first
    expect(byName["Exempelby kommun"]?.values).toBe(2);
    expect(byName["Exempelby kommun"]?.because[0]).toMatchObject({
      type: "ipv4",
      matchedBy: "network",
      match: "198.51.100.0/26",
    });
    // A URL prefix is more specific than its host's domain.
    expect(byName["Webbhotellet AB"]?.because[0]).toMatchObject({ type: "url", matchedBy: "url" });
    const detail = (
      await call(people.analyst, "GET", `/api/v1/incidents/${incident.reference}`)
    ).json<IncidentDetail>();
    expect(detail.affectedOrganisations).toEqual(["Okänd förening"]);
  });

  it("accepts a suggestion in one call, audited, and no longer suggests it", async () => {
    const res = await call(
      people.analyst,
      "POST",
      `/api/v1/incidents/${incident.reference}/organisations/${org.kommun}/accept`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<IncidentOrganisations>();
    expect(body.items).toEqual([
      expect.objectContaining({
        organisation: { id: org.kommun, name: "Exempelby kommun" },
        source: "suggested",
        addedBy: expect.objectContaining({ id: analystId }),
      }),
    ]);
    expect(body.suggestions.map((s) => s.organisation.id)).not.toContain(org.kommun);
    const again = await call(
      people.analyst,
      "POST",
      `/api/v1/incidents/${incident.reference}/organisations/${org.kommun}/accept`,
    );
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe("incident_organisation_exists");
    expect(await auditActions(incident.reference)).toEqual(["incident.organisation_accepted"]);
  });

  it("refuses to accept what is not suggested, and links it by hand instead", async () => {
    const res = await call(
      people.analyst,
      "POST",
      `/api/v1/incidents/${incident.reference}/organisations/${org.hidden}/accept`,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json<{ code: string }>().code).toBe("organisation_not_suggested");
    const manual = await call(people.analyst, "POST", `/api/v1/incidents/${incident.reference}/organisations`, {
      organisationId: org.hidden,
    });
    expect(manual.statusCode, manual.body).toBe(200);
    expect(manual.json<IncidentOrganisations>().items.map((i) => [i.organisation.name, i.source])).toEqual([
      ["Exempelby kommun", "suggested"],
      ["Hemliga verket", "manual"],
    ]);
    const unknown = await call(people.analyst, "POST", `/api/v1/incidents/${incident.reference}/organisations`, {
      organisationId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ code: string }>().code).toBe("organisation_not_found");
  });

  it("sets a suggestion aside so it is not offered again, and takes that back", async () => {
    const base = `/api/v1/incidents/${incident.reference}/organisations/${org.webb}`;
    const dismissed = (await call(people.analyst, "POST", `${base}/dismiss`)).json<IncidentOrganisations>();
    expect(dismissed.suggestions.map((s) => s.organisation.id)).not.toContain(org.webb);
    expect(dismissed.dismissed.map((d) => d.organisation.id)).toEqual([org.webb]);
    expect(dismissed.items.map((i) => i.organisation.id)).not.toContain(org.webb);
    const undone = await call(people.analyst, "DELETE", base);
    expect(undone.statusCode).toBe(200);
    expect(undone.json<IncidentOrganisations>().suggestions.map((s) => s.organisation.id)).toContain(org.webb);
    const gone = await call(people.analyst, "DELETE", base);
    expect(gone.statusCode).toBe(404);
    expect(gone.json<{ code: string }>().code).toBe("incident_organisation_not_found");
    expect((await auditActions(incident.reference)).slice(-2)).toEqual([
      "incident.organisation_dismissed",
      "incident.organisation_removed",
    ]);
  });

  it("lets observers read but not change, and others not at all", async () => {
    const read = await orgs(people.observer, incident.reference);
    expect(read.statusCode).toBe(200);
    expect(read.json<IncidentOrganisations>().canEdit).toBe(false);
    expect(read.json<IncidentOrganisations>().suggestions.length).toBeGreaterThan(0);
    const write = await call(
      people.observer,
      "POST",
      `/api/v1/incidents/${incident.reference}/organisations/${org.bolag}/accept`,
    );
    expect(write.statusCode).toBe(403);
    expect((await orgs(people.publisher, incident.reference)).statusCode).toBe(403);
  });

  it("matches a network value only to who owns all of it", async () => {
    const other = await openIncident(people.analyst);
    await addValue(people.analyst, other.reference, "198.51.100.0/25");
    const names = (await orgs(people.analyst, other.reference))
      .json<IncidentOrganisations>()
      .suggestions.map((s) => s.organisation.name);
    // The municipality's /26 holds only half of the /25: the provider's /24 owns it.
    expect(names).toEqual(["Leverantören AB"]);
  });
});

describe("incident organisations under TLP", () => {
  it("answers a TLP:RED incident's list to its readers alone (404 as if missing)", async () => {
    const red = await openIncident(people.analyst, { tlp: "TLP:RED", assigneeId: analystId });
    await addValue(people.analyst, red.reference, "203.0.113.5");
    const mine = (await orgs(people.analyst, red.reference)).json<IncidentOrganisations>();
    expect(mine.suggestions.map((s) => s.organisation.id)).toEqual([org.hidden]);
    const outsider = await orgs(people.outsider, red.reference);
    expect(outsider.statusCode).toBe(404);
    expect(outsider.json<{ code: string }>().code).toBe("incident_not_found");
    const accept = await call(
      people.outsider,
      "POST",
      `/api/v1/incidents/${red.reference}/organisations/${org.hidden}/accept`,
    );
    expect(accept.statusCode).toBe(404);
    expect((await orgs(people.admin, red.reference)).statusCode).toBe(200);
  });

  it("never suggests from a linked report the reader may not see", async () => {
    const report = await fileReport({ whatHappened: "Intrång från 203.0.113.9 mot vår server", tlp: "TLP:AMBER" });
    await app().fyr.runDueJobs(); // the report's values are extracted
    await openIncident(people.analyst, { tlp: "TLP:RED", assigneeId: analystId, reports: [report.reference] });
    const amber = await openIncident(people.analyst, { reports: [report.reference] });
    const named = (await orgs(people.analyst, amber.reference)).json<IncidentOrganisations>();
    expect(named.suggestions.map((s) => s.organisation.id)).toContain(org.hidden);
    // The outsider sees the AMBER incident, not the report the RED one holds: nothing from its text.
    const outsider = await orgs(people.outsider, amber.reference);
    expect(outsider.statusCode).toBe(200);
    expect(outsider.json<IncidentOrganisations>().suggestions).toEqual([]);
    const accept = await call(
      people.outsider,
      "POST",
      `/api/v1/incidents/${amber.reference}/organisations/${org.hidden}/accept`,
    );
    expect(accept.statusCode).toBe(409);
    expect(accept.json<{ code: string }>().code).toBe("organisation_not_suggested");
  });
});
