import type { IncidentStatus } from "../../../contract/incidents.js";
import type { TlpLabel } from "../../../contract/intake.js";
import type { ObservableType } from "../../../contract/observables.js";
import type { ServiceContext } from "../../platform/deps.js";
import { selectInvolvedIncidents, selectObservable } from "./observable-store.js";
import { assertMayReadObservables } from "./policy.js";

/** An incident holding a value, as the value's page lists it. */
export interface IncidentHolding {
  reference: string;
  title: string;
  status: IncidentStatus;
  tlp: TlpLabel;
  lastSeen: string;
}

/**
 * The incidents holding a value (directly, or through a linked report) that the actor may see, newest
 * sighting first — for other features (a CVE's vulnerability page). Through the TLP policy's hidden set,
 * as the value's own page: an incident hidden from the actor is neither listed nor counted.
 */
export async function incidentsHoldingValue(
  ctx: Pick<ServiceContext, "db" | "actor">,
  type: ObservableType,
  value: string,
  limit = 100,
): Promise<IncidentHolding[]> {
  assertMayReadObservables(ctx.actor);
  const row = await selectObservable(ctx.db, type, value);
  if (row === undefined) return [];
  const incidents = await selectInvolvedIncidents(ctx.db, ctx.actor, row.id, limit);
  return incidents.map((i) => ({
    reference: i.reference,
    title: i.title,
    status: i.status,
    tlp: i.tlp,
    lastSeen: i.last_seen.toISOString(),
  }));
}
