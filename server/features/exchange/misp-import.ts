import type { MispEventInput, MispImportResult } from "../../../contract/misp.js";
import type { Actor } from "../../platform/auth/actor.js";
import { appendAudit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import { newUuidV7 } from "../../platform/db/uuid-v7.js";
import type { ServiceContext } from "../../platform/deps.js";
import { invalid } from "../../platform/errors.js";
import { loadVisibleIncident } from "../incidents/access.js";
import { recordSightings } from "../observables/record-sightings.js";
import { insertMispImport, insertMispImportValues, selectObservableIds } from "./misp-import-store.js";
import { readMispEvent } from "./misp-values.js";

// Importing a MISP event into an incident (issue 17): each attribute Fyr keeps becomes a value of the
// incident (a sighting, so it correlates with every other case holding it), recorded with the TLP its
// tags gave, which the sharing decision then never lets it go wider than. Attributes of types Fyr does
// not keep are skipped and listed; a value that is not what its type says refuses the whole event.

const MAX_ERRORS = 100;

export interface ImportTarget {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip?: string | null;
}

/** Imports into an incident already resolved (the feed pull's, or the analyst's below). */
export async function importIntoIncident(
  ctx: ImportTarget,
  incident: { id: string; reference: string },
  input: MispEventInput,
  sourceId: string | null = null,
): Promise<MispImportResult> {
  const read = readMispEvent(input);
  if (read.errors.length > 0)
    throw invalid(
      "misp_event_invalid",
      `${read.errors.length} attribute values are not what their type says`,
      read.errors.slice(0, MAX_ERRORS),
    );
  const id = newUuidV7(ctx.clock.now().getTime());
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  const event = input.Event;
  const timestamp = event.timestamp === undefined ? null : Number(event.timestamp);
  const at = ctx.clock.now();
  const imported = await ctx.db.transaction().execute(async (tx) => {
    await insertMispImport(tx, {
      id,
      incident_id: incident.id,
      source_id: sourceId,
      event_uuid: event.uuid.toLowerCase(),
      event_timestamp: timestamp,
      info: event.info.slice(0, 2000),
      tlp: read.tlp,
      attributes: read.attributes,
      skipped: read.skipped.length,
      imported_by: userId,
      imported_at: at,
    });
    await recordSightings(
      tx,
      read.values.map((v) => ({
        value: v.value,
        caseKind: "incident" as const,
        caseId: incident.id,
        origin: "manual" as const,
        originId: incident.id,
        seenAt: at,
        createdBy: userId,
      })),
      { ifAbsent: true },
    );
    const ids = await selectObservableIds(
      tx,
      read.values.map((v) => v.value),
    );
    const rows = read.values.flatMap((v) => {
      const observableId = ids.get(`${v.value.type} ${v.value.value}`);
      return observableId === undefined
        ? []
        : [{ import_id: id, incident_id: incident.id, observable_id: observableId, tlp: v.tlp }];
    });
    await insertMispImportValues(tx, rows);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "exchange.misp_imported",
      target: { type: "incident", id: incident.reference },
      diff: {
        import: id,
        source: sourceId,
        event: event.uuid.toLowerCase(),
        tlp: read.tlp,
        attributes: read.attributes,
        values: new Set(rows.map((r) => r.observable_id)).size,
        skipped: read.skipped.length,
      },
      ip: ctx.ip ?? null,
    });
    return new Set(rows.map((r) => r.observable_id)).size;
  });
  return {
    id,
    incident: incident.reference,
    eventUuid: event.uuid.toLowerCase(),
    tlp: read.tlp,
    attributes: read.attributes,
    imported,
    skipped: read.skipped,
  };
}

/** An analyst imports an uploaded MISP event into an incident they may see (404 otherwise; the route admits case workers only). */
export async function importMispEvent(
  ctx: ServiceContext,
  reference: string,
  input: MispEventInput,
): Promise<MispImportResult> {
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, reference);
  return importIntoIncident(ctx, incident, input);
}
