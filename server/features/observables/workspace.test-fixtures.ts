import type { TypedValue } from "../../../contract/observables.js";
import type { TestApp } from "../../../test/support/app.js";
import { insertIncident } from "../incidents/list.test-fixtures.js";
import { recordSightings } from "./record-sightings.js";

// Shared by the observables workspace's tests (index, bulk lookup, value search, the policy): cases
// holding chosen values at chosen times, written straight into the tables.

/** An incident (TLP:AMBER unless told) whose note held `values` at `at`. */
export async function incidentHolding(
  app: () => TestApp,
  values: readonly TypedValue[],
  at: Date,
  over: Parameters<typeof insertIncident>[1] = {},
): Promise<{ id: string; reference: string }> {
  const db = app().fyr.deps.db;
  const incident = await insertIncident(db, { createdAt: at, ...over });
  await recordSightings(
    db,
    values.map((value) => ({
      value,
      caseKind: "incident" as const,
      caseId: incident.id,
      origin: "note" as const,
      originId: incident.id,
      seenAt: at,
    })),
  );
  return incident;
}

/** A domain value. */
export const domain = (value: string): TypedValue => ({ type: "domain", value });
