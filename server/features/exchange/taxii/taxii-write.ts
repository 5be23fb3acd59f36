import { randomUUID } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "../../../platform/audit.js";
import { TaxiiError, taxiiNotFound } from "./taxii-http.js";
import { type TaxiiContext, callerCollection } from "./taxii-read.js";
import {
  type NewObjectRow,
  type StatusRow,
  deleteContributedVersions,
  insertObjects,
  insertStatus,
  selectStatus,
} from "./taxii-store.js";

// The write side of a collection (§5.5 Add Objects, §5.7 Delete An Object, §4.3 Status): a partner that
// may write a collection adds STIX objects to it; every one is taken or refused at once, the status
// says which. Objects marked TLP:RED or TLP:AMBER+STRICT are refused: a collection is no named recipient.

const NAMED_ONLY = new Set([
  "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
  "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
  "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
]);

const Envelope = z.object({ objects: z.array(z.record(z.string(), z.unknown())).min(1).max(10_000) });

const STIX_ID = /^([a-z][a-z0-9-]{0,249})--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Checked =
  | { ok: true; row: Omit<NewObjectRow, "collection_id" | "date_added" | "added_by_organisation"> }
  | { ok: false; id: string; version?: string; message: string };

/** One object of a POST: a STIX 2.1 object with an id of its type, else why not. */
function checkObject(o: Record<string, unknown>, now: Date): Checked {
  const id = typeof o.id === "string" ? o.id : "";
  const type = typeof o.type === "string" ? o.type : "";
  const m = STIX_ID.exec(id);
  if (!m || m[1] !== type) return { ok: false, id, message: "id must be <type>--<uuid> of the object's type" };
  if (o.spec_version !== "2.1") return { ok: false, id, message: "spec_version must be 2.1" };
  const stamp = typeof o.modified === "string" ? o.modified : typeof o.created === "string" ? o.created : null;
  if (stamp !== null && Number.isNaN(Date.parse(stamp)))
    return { ok: false, id, message: "modified/created is not a timestamp" };
  const version = stamp === null ? now : new Date(stamp);
  const refs = Array.isArray(o.object_marking_refs) ? o.object_marking_refs : [];
  if (refs.some((r) => typeof r === "string" && NAMED_ONLY.has(r)))
    return {
      ok: false,
      id,
      version: version.toISOString(),
      message: "TLP:RED and TLP:AMBER+STRICT objects are not accepted",
    };
  return {
    ok: true,
    row: {
      object_id: id,
      version,
      type,
      spec_version: "2.1",
      incident_id: null,
      share_material: null,
      observable_id: null,
      body: o,
    },
  };
}

/** The status resource of a stored status (§4.3.1). */
export function statusResource(s: StatusRow) {
  const successes = s.successes;
  const failures = s.failures;
  return {
    id: s.id,
    status: "complete",
    request_timestamp: s.request_timestamp.toISOString(),
    total_count: successes.length + failures.length,
    success_count: successes.length,
    successes,
    failure_count: failures.length,
    failures,
    pending_count: 0,
    pendings: [],
  };
}

/** Adds an envelope's objects to a collection the caller may write; the status (202). Audited. */
export async function addObjects(ctx: TaxiiContext, collectionId: string, body: unknown) {
  const { collection } = await callerCollection(ctx, collectionId, "write");
  const parsed = Envelope.safeParse(body);
  if (!parsed.success)
    throw new TaxiiError(
      422,
      "Unprocessable entity",
      "The body must be an envelope with 1–10,000 objects",
      "invalid_envelope",
    );
  const now = ctx.clock.now();
  const org = ctx.actor.organisationId;
  const checked = parsed.data.objects.map((o) => checkObject(o, now));
  const rows: NewObjectRow[] = [];
  const failures: StatusRow["failures"] = [];
  for (const c of checked) {
    if (c.ok) rows.push({ ...c.row, collection_id: collection.id, date_added: now, added_by_organisation: org });
    else failures.push({ id: c.id, ...(c.version ? { version: c.version } : {}), message: c.message });
  }
  const status: StatusRow = {
    id: randomUUID(),
    collection_id: collection.id,
    organisation_id: org,
    posted_by: ctx.actor.userId,
    request_timestamp: now,
    successes: rows.map((r) => ({ id: r.object_id, version: r.version.toISOString() })),
    failures,
  };
  await ctx.db.transaction().execute(async (tx) => {
    const added = await insertObjects(tx, rows);
    await insertStatus(tx, status);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "exchange.taxii_objects_added",
      target: { type: "taxii_collection", id: collection.id },
      diff: { status: status.id, accepted: rows.length, stored: added, refused: failures.length },
      ip: ctx.ip ?? null,
    });
  });
  return statusResource(status);
}

/** The status of a POST of the caller's organisation (another's is 404, as an unknown id). */
export async function readStatus(ctx: TaxiiContext, statusId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(statusId)) throw taxiiNotFound("No such status");
  const row = await selectStatus(ctx.db, statusId.toLowerCase(), ctx.actor.organisationId);
  if (!row) throw taxiiNotFound("No such status");
  return statusResource(row);
}

/**
 * Deletes versions of an object (all, or those `match[version]` names as timestamps) that the caller's
 * organisation contributed; the CERT's own objects are not a partner's to delete. Audited.
 */
export async function deleteObject(
  ctx: TaxiiContext,
  collectionId: string,
  objectId: string,
  versions: string[] | undefined,
) {
  const { collection, access } = await callerCollection(ctx, collectionId, "write");
  if (!access.canRead) throw new TaxiiError(403, "Forbidden", "Deleting needs read and write access", "forbidden");
  const times = (versions ?? []).filter((v) => v !== "all" && v !== "first" && v !== "last");
  if (times.some((t) => Number.isNaN(Date.parse(t))))
    throw new TaxiiError(400, "Bad request", "match[version] must be timestamps", "invalid");
  const removed = await ctx.db.transaction().execute(async (tx) => {
    const n = await deleteContributedVersions(
      tx,
      collection.id,
      objectId,
      ctx.actor.organisationId,
      times.length > 0 ? times.map((t) => new Date(t)) : null,
    );
    if (n > 0)
      await appendAudit(tx, ctx.clock, {
        actor: ctx.actor,
        action: "exchange.taxii_object_deleted",
        target: { type: "taxii_collection", id: collection.id },
        diff: { object: objectId, versions: n },
        ip: ctx.ip ?? null,
      });
    return n;
  });
  if (removed === 0) throw taxiiNotFound("No such object of yours in this collection");
}
