import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { observablesClient, uniqueIp } from "../observables/observables.test-fixtures.js";
import type { Audience } from "./decision.js";
import { loadOneIncidentSharing } from "./incident-sharing.js";
import { insertNamedRecipient } from "./sharing-store.js";

// The sharing service on a real database: each value is bound by the reports it came from, the
// incident by all of them, and TLP:RED goes only to the organisations named on it.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, reportSaying, openIncident, values } = observablesClient(app);

let analyst = "";
const partner: Audience = {
  kind: "partner",
  organisationId: "00000000-0000-4000-8000-000000000001",
  maxTlp: "TLP:AMBER",
};

const organisation = async (name: string) => {
  const res = await call(analyst, "POST", "/api/v1/organisations", { name });
  if (res.statusCode !== 201) throw new Error(`organisation: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
};

beforeAll(async () => {
  analyst = (await createTokenFor(app(), { roles: ["admin"] })).token;
});

describe("loadIncidentSharing", () => {
  it("binds each value by the consent of the reports it was seen in, the incident by every report", async () => {
    const [shared, secret, both] = [uniqueIp(), uniqueIp(), uniqueIp()];
    const consenting = await reportSaying(`Skanning från ${shared} och ${both}`, {
      sharingConsent: { information: "third-parties", data: "third-parties", logs: "none" },
    });
    const refusing = await reportSaying(`Intrång från ${secret} och ${both}`, {
      sharingConsent: { information: "none", data: "none", logs: "none" },
    });
    const incident = await openIncident(analyst, { reports: [consenting, refusing], tlp: "TLP:AMBER" });
    const list = await values(analyst, "incidents", incident.reference);
    const idOf = (v: string) => Number(list.items.find((i) => i.value === v)?.id);

    const sharing = await loadOneIncidentSharing(app().fyr.deps.db, incident.reference);
    if (!sharing) throw new Error("no sharing facts");
    const decide = (v: string) => sharing.decide(sharing.observable(idOf(v)), partner);
    expect(decide(shared)).toEqual({
      allowed: true,
      mayAct: incident.pap === "PAP:CLEAR" || incident.pap === "PAP:GREEN",
    });
    expect(decide(secret)).toEqual({ allowed: false, reason: "no-consent" });
    expect(decide(both)).toEqual({ allowed: false, reason: "no-consent" });
    expect(sharing.decide(sharing.material("incident"), partner)).toEqual({ allowed: false, reason: "no-consent" });
  });

  it("lets a TLP:RED incident go to a named organisation only, and needs no consent without reports", async () => {
    const named = await organisation("Namngiven mottagare AB");
    const other = await organisation("Annan AB");
    const incident = await openIncident(analyst, { tlp: "TLP:RED" });
    const db = app().fyr.deps.db;
    const before = await loadOneIncidentSharing(db, incident.reference);
    if (!before) throw new Error("no sharing facts");
    await insertNamedRecipient(db, {
      incident_id: before.id,
      organisation_id: named,
      added_by: null,
      added_at: new Date(),
    });
    const sharing = await loadOneIncidentSharing(db, incident.reference);
    if (!sharing) throw new Error("no sharing facts");
    const whole = sharing.material("incident");
    expect(whole.consent).toEqual({ information: "not-applicable" });
    expect(sharing.decide(whole, { kind: "member-organisation", organisationId: named }).allowed).toBe(true);
    expect(sharing.decide(whole, { kind: "member-organisation", organisationId: other })).toEqual({
      allowed: false,
      reason: "tlp-red",
    });
  });

  it("answers null for an incident that does not exist", async () => {
    expect(await loadOneIncidentSharing(app().fyr.deps.db, "FYR-INC-1999-9999")).toBeNull();
  });
});
