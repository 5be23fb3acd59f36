import type { Readable } from "node:stream";
import { MispAttributeInput, MispEventInput, type MispImportResult } from "../../../contract/misp.js";
import type { Actor } from "../../platform/auth/actor.js";
import { appendAudit } from "../../platform/audit.js";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import { newUuidV7 } from "../../platform/db/uuid-v7.js";
import type { ServiceContext } from "../../platform/deps.js";
import { controlCharacterIssues, type TextIssue } from "../../../contract/text.js";
import { type FieldError, invalid } from "../../platform/errors.js";
import { fieldErrorOf } from "../../platform/field-errors.js";
import { tlpRank } from "../../platform/tlp.js";
import { loadVisibleIncident } from "../incidents/access.js";
import { recordSightings } from "../observables/record-sightings.js";
import { insertMispImport, insertMispImportValues } from "./misp-import-store.js";
import { streamMispEvent } from "./misp-stream.js";
import { MispEventReader, type ReadEvent, readMispEvent } from "./misp-values.js";

// Importing a MISP event into an incident (issue 17): each attribute Fyr keeps becomes a value of the
// incident (a sighting, so it correlates with every other case holding it), recorded with the TLP its
// tags gave, which the sharing decision then never lets it go wider than. Attributes of types Fyr does
// not keep are skipped and listed; a value that is not what its type says refuses the whole event.

/** The largest upload: MISP events of a million attributes are some hundreds of megabytes. */
export const MISP_UPLOAD_MAX_BYTES = 512 * 1024 * 1024;
const MAX_ATTRIBUTES = 1_000_000;

export interface ImportTarget {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip?: string | null;
}

/** A parsed event into an incident already resolved (a feed pull's). */
export async function importIntoIncident(
  ctx: ImportTarget,
  incident: { id: string; reference: string },
  input: MispEventInput,
  sourceId: string | null = null,
): Promise<MispImportResult> {
  return storeImport(ctx, incident, input.Event, readMispEvent(input), sourceId);
}

async function storeImport(
  ctx: ImportTarget,
  incident: { id: string; reference: string },
  event: Pick<MispEventInput["Event"], "uuid" | "info" | "timestamp">,
  read: ReadEvent,
  sourceId: string | null,
): Promise<MispImportResult> {
  if (read.errors.length > 0)
    throw invalid(
      "misp_event_invalid",
      `${read.errors.length} attribute values are not what their type says`,
      read.errors,
    );
  const id = newUuidV7(ctx.clock.now().getTime());
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
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
    const held = await insertMispImportValues(tx, id, incident.id, strictestPerValue(read.values));
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
        values: held,
        skipped: read.skipped.length,
      },
      ip: ctx.ip ?? null,
    });
    return held;
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

/** Each value once, at the strictest TLP it was given in the event. */
function strictestPerValue(values: ReadEvent["values"]): ReadEvent["values"] {
  const by = new Map<string, ReadEvent["values"][number]>();
  for (const v of values) {
    const key = `${v.value.type} ${v.value.value}`;
    const seen = by.get(key);
    if (!seen || tlpRank(v.tlp) > tlpRank(seen.tlp)) by.set(key, v);
  }
  return [...by.values()];
}

const textFault = (where: string, issue: TextIssue): FieldError => ({
  path: [where, ...issue.path.map(String)].join("."),
  message: issue.message,
  code: "control_characters",
});

/**
 * An analyst uploads a MISP event into an incident they may see (404 otherwise; the route admits case
 * workers only). The body is read as it arrives (misp-stream.ts): each attribute is checked and kept as
 * its value alone. Schema faults answer validation_failed naming every field (up to a hundred), values
 * not of their type misp_event_invalid; either way nothing is stored.
 */
export async function importMispUpload(
  ctx: ServiceContext,
  reference: string,
  body: Readable,
): Promise<MispImportResult> {
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, reference);
  const reader = new MispEventReader();
  let schemaFaults = 0;
  const skeleton = await streamMispEvent(body, MISP_UPLOAD_MAX_BYTES, (path, raw) => {
    if (reader.attributes >= MAX_ATTRIBUTES)
      throw invalid("validation_failed", "Too many attributes", [
        { path, message: `At most ${MAX_ATTRIBUTES} attributes`, code: "too_many", params: { limit: MAX_ATTRIBUTES } },
      ]);
    const parsed = MispAttributeInput.safeParse(raw);
    const control = controlCharacterIssues(raw);
    if (control.length > 0) {
      schemaFaults += 1;
      reader.refuse(control.map((i) => textFault(path, i)));
    } else if (parsed.success) reader.add(path, parsed.data);
    else {
      schemaFaults += 1;
      reader.refuse(parsed.error.issues.map((issue) => fieldErrorOf(issue, path, raw)));
    }
  });
  const head = MispEventInput.safeParse(skeleton);
  const control = controlCharacterIssues(skeleton).map((i) => textFault("body", i));
  if (!head.success || schemaFaults > 0 || control.length > 0) {
    const own = head.success
      ? control
      : [...control, ...head.error.issues.map((i) => fieldErrorOf(i, "body", skeleton))];
    throw invalid(
      "validation_failed",
      "The MISP event is not in MISP's format",
      [...own, ...reader.errors].slice(0, 100),
    );
  }
  return storeImport(ctx, incident, head.data.Event, reader.finish(head.data.Event.Tag), null);
}
