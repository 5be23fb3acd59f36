import { randomUUID } from "node:crypto";
import type { Collection, CollectionAccessPut, CollectionCreate, PartnerPut } from "../../../../contract/exchange.js";
import { appendAudit } from "../../../platform/audit.js";
import type { ShareMaterial } from "../../../platform/db/tables/exchange.js";
import { notFound } from "../../../platform/errors.js";
import type { StaffContext } from "../../../platform/http/context.js";
import { getOrganisation } from "../../constituency/index.js";
import { loadVisibleIncident } from "../../incidents/access.js";
import { uuidV5 } from "../../observables/export-stix.js";
import { loadIncidentSharing } from "../../sharing/index.js";
import { selectExportIncident, selectExportNotes, selectExportValues } from "../export-store.js";
import type { ShareableIncident } from "../shareable-incident.js";
import { type StixObject, incidentStixObjects } from "../stix-bundle.js";
import { valueSco } from "../stix-values.js";
import {
  putGrant,
  selectAllCollections,
  selectCollection,
  selectGrants,
  upsertPartner,
  insertCollection,
} from "./admin-store.js";
import { type NewObjectRow, insertObjects } from "./taxii-store.js";
import { API_ROOT } from "./taxii-routes.js";

// Staff administration of the TAXII server: partner agreements, collections and their grants, and
// publishing an incident into a collection. Publishing stores every object of the incident, each marked
// with what it is to the sharing decision; what a reader receives is decided again at every read
// (taxii-visibility.ts), so publishing cannot over-share. Every write audited.

/** Marks an organisation as a partner CERT at its agreement's TLP (admins). */
export async function putPartner(ctx: StaffContext, organisationId: string, input: PartnerPut): Promise<void> {
  await getOrganisation(ctx, organisationId);
  await ctx.db.transaction().execute(async (tx) => {
    await upsertPartner(tx, {
      organisation_id: organisationId,
      max_tlp: input.maxTlp,
      created_by: ctx.actor.userId,
      created_at: ctx.clock.now(),
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "exchange.partner_set",
      target: { type: "organisation", id: organisationId },
      diff: { maxTlp: input.maxTlp },
      ip: ctx.ip ?? null,
    });
  });
}

const collectionUrl = (ctx: StaffContext, id: string) =>
  `${ctx.config.publicUrl}/taxii2/${API_ROOT}/collections/${id}/`;

/** Every collection with its grants. */
export async function listCollections(ctx: StaffContext): Promise<Collection[]> {
  const rows = await selectAllCollections(ctx.db);
  const grants = await selectGrants(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    audience: r.audience_kind,
    organisationId: r.organisation_id,
    audienceId: r.audience_id,
    maxTlp: r.max_tlp,
    url: collectionUrl(ctx, r.id),
    grants: grants
      .filter((g) => g.collection_id === r.id)
      .map((g) => ({ organisationId: g.organisation_id, canRead: g.can_read, canWrite: g.can_write })),
  }));
}

async function oneCollection(ctx: StaffContext, id: string): Promise<Collection> {
  const found = (await listCollections(ctx)).find((c) => c.id === id);
  if (!found) throw notFound("taxii_collection_not_found", `No collection ${id}`);
  return found;
}

/** A new collection for one audience (admins). */
export async function createCollection(ctx: StaffContext, input: CollectionCreate): Promise<Collection> {
  if (input.organisationId) await getOrganisation(ctx, input.organisationId);
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    await insertCollection(tx, {
      id,
      title: input.title,
      description: input.description,
      audience_kind: input.audience,
      organisation_id: input.organisationId ?? null,
      audience_id: input.audienceId ?? null,
      max_tlp: input.maxTlp,
      created_at: ctx.clock.now(),
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "exchange.taxii_collection_created",
      target: { type: "taxii_collection", id },
      diff: input,
      ip: ctx.ip ?? null,
    });
  });
  return oneCollection(ctx, id);
}

/** Sets what an organisation may do with a collection (admins); both false removes the grant. */
export async function putCollectionAccess(
  ctx: StaffContext,
  collectionId: string,
  organisationId: string,
  input: CollectionAccessPut,
): Promise<Collection> {
  if (!(await selectCollection(ctx.db, collectionId)))
    throw notFound("taxii_collection_not_found", "No such collection");
  await getOrganisation(ctx, organisationId);
  await ctx.db.transaction().execute(async (tx) => {
    await putGrant(tx, {
      collection_id: collectionId,
      organisation_id: organisationId,
      can_read: input.canRead,
      can_write: input.canWrite,
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "exchange.taxii_access_set",
      target: { type: "taxii_collection", id: collectionId },
      diff: { organisationId, ...input },
      ip: ctx.ip ?? null,
    });
  });
  return oneCollection(ctx, collectionId);
}

/** Each STIX object of the incident with what it is to the sharing decision. */
function classify(shared: ShareableIncident, objects: StixObject[], reference: string) {
  const byId = new Map<string, { material: ShareMaterial; observableId: number | null }>();
  for (const v of shared.values) {
    const sco = valueSco(v.type, v.value, []);
    if (!sco) continue;
    byId.set(sco.id, { material: "value", observableId: v.id });
    byId.set(`indicator--${uuidV5(`${reference}|${v.type}|${v.value}`)}`, {
      material: "indicator",
      observableId: v.id,
    });
  }
  return objects.map((o) => {
    const known = byId.get(o.id);
    if (known) return { object: o, ...known };
    const material: ShareMaterial = o.type === "incident" ? "incident" : o.type === "note" ? "note" : "meta";
    return { object: o, material, observableId: null };
  });
}

/** The version of a STIX object: modified, else created, else (an SCO) the time it was added. */
function versionOf(o: StixObject, now: Date): Date {
  const stamp = typeof o.modified === "string" ? o.modified : typeof o.created === "string" ? o.created : null;
  return stamp === null ? now : new Date(stamp);
}

/**
 * Publishes an incident the caller sees into a collection: its STIX objects as the fullest audience
 * would have them, each decided again at every read. The incident's `other_object_refs` are left out:
 * they would name values (deterministic SCO ids) a reader may not receive. Audited.
 */
export async function publishIncident(ctx: StaffContext, collectionId: string, reference: string) {
  const collection = await selectCollection(ctx.db, collectionId);
  if (!collection) throw notFound("taxii_collection_not_found", "No such collection");
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, reference);
  const sharing = (await loadIncidentSharing(ctx.db, { ids: [incident.id] })).get(incident.id);
  const head = await selectExportIncident(ctx.db, incident.id);
  if (!sharing || !head) throw notFound("incident_not_found", `No incident ${reference}`);
  const mayAct = sharing.pap === "PAP:CLEAR" || sharing.pap === "PAP:GREEN";
  const values = await selectExportValues(ctx.db, incident.id);
  const full: ShareableIncident = {
    head,
    tlp: sharing.tlp,
    pap: sharing.pap,
    incidentAllowed: true,
    blocked: null,
    values: values.map((v) => ({ ...v, mayAct })),
    notes: await selectExportNotes(ctx.db, incident.id),
    withheld: { values: {}, notes: {} },
  };
  const producer = new URL(ctx.config.publicUrl).hostname;
  const objects = incidentStixObjects(full, { producer }).map((o) => {
    if (o.type !== "incident") return o;
    const ext = o.extensions as Record<string, Record<string, unknown>> | undefined;
    if (!ext) return o;
    const stripped = Object.fromEntries(
      Object.entries(ext).map(([k, v]) => [
        k,
        Object.fromEntries(Object.entries(v).filter(([p]) => p !== "other_object_refs")),
      ]),
    );
    return { ...o, extensions: stripped };
  });
  const now = ctx.clock.now();
  const rows: NewObjectRow[] = classify(full, objects, head.reference).map((c) => ({
    collection_id: collection.id,
    object_id: c.object.id,
    version: versionOf(c.object, now),
    date_added: now,
    type: c.object.type,
    spec_version: "2.1",
    incident_id: incident.id,
    share_material: c.material,
    observable_id: c.observableId,
    added_by_organisation: null,
    body: c.object,
  }));
  const stored = await ctx.db.transaction().execute(async (tx) => {
    const added = await insertObjects(tx, rows);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "exchange.taxii_incident_published",
      target: { type: "incident", id: head.reference },
      diff: { collection: collection.id, objects: rows.length, stored: added },
      ip: ctx.ip ?? null,
    });
    return added;
  });
  return { objects: rows.length, stored };
}
