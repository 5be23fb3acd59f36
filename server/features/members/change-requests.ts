import { z } from "zod";
import type { Organisation, OrganisationRef } from "../../../contract/constituency.js";
import {
  type ChangeRequest,
  ChangeRequestChange,
  type ChangeRequestCreate,
  type ChangeRequestDecision,
  type ChangeRequestList,
  type ChangeRequestQuery,
} from "../../../contract/members.js";
import { systemActor } from "../../platform/auth/actor.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, notFound } from "../../platform/errors.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { getOrganisation } from "../constituency/index.js";
import { applyChange, itemNamed } from "./apply-change.js";
import {
  type ChangeRequestRow,
  decidePending,
  insertChangeRequest,
  selectChangeRequest,
  selectChangeRequestPage,
} from "./change-requests-store.js";
import { readAdmittedOrganisation } from "./my-organisation.js";
import { type MemberContext, assertMayManageMembers, assertMayReadMembers, memberScope } from "./policy.js";

// n6's change requests: a member asks for a change to their organisation (or one below it), staff approve
// or reject it with a note, and an approval applies it through the registry. The trail keeps both halves:
// change_request.requested (the member), change_request.approved|rejected (the approver), and between them
// the registry's own entry for the change, written as the approver.

const KEYS = keyset(z.object({ at: z.iso.datetime({ offset: true }), id: z.uuid() }).strict());
const notFoundRequest = (id: string) => notFound("change_request_not_found", `No change request ${id}`);

/** The organisations' names, read through the registry (the callers' policy admitted each id). */
async function organisationRefs(ctx: ServiceContext, ids: readonly string[]): Promise<Map<string, OrganisationRef>> {
  const reader = { ...ctx, actor: systemActor("member-area") };
  const orgs = await Promise.all([...new Set(ids)].map((id) => getOrganisation(reader, id)));
  return new Map(orgs.map((o) => [o.id, { id: o.id, name: o.name }]));
}

function present(row: ChangeRequestRow, orgs: Map<string, OrganisationRef>): ChangeRequest {
  const change = ChangeRequestChange.parse({ kind: row.kind, payload: row.payload });
  return {
    ...change,
    id: row.id,
    organisation: orgs.get(row.organisation_id) ?? { id: row.organisation_id, name: "" },
    reason: row.reason,
    status: row.status,
    requestedBy: { id: row.requested_by, name: row.requested_by_name },
    decidedBy: row.decided_by ? { id: row.decided_by, name: row.decided_by_name ?? "" } : null,
    note: row.note,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
  };
}

async function presentOne(ctx: ServiceContext, row: ChangeRequestRow): Promise<ChangeRequest> {
  return present(row, await organisationRefs(ctx, [row.organisation_id]));
}

/** Whether the organisation holds the item a removal or contact change names. */
function holdsItem(org: Organisation, item: NonNullable<ReturnType<typeof itemNamed>>): boolean {
  const list = { network: org.networks, domain: org.domains, asn: org.asns, contact: org.contacts }[item.kind];
  return list.some((i) => i.id === item.id);
}

/**
 * A change as the audit trail keeps it: what people recognise (a network's label, a domain, `AS64500`, a
 * contact's address) in place of the registry's internal ids, which the audit screen never shows.
 */
function describeChange(org: Organisation, change: ChangeRequestChange): Record<string, unknown> {
  const item = itemNamed(change);
  const payload: Record<string, unknown> = { ...change.payload };
  if (!item) return payload;
  for (const key of ["networkId", "domainId", "asnId", "contactId"]) delete payload[key];
  return { item: itemLabel(org, item), ...payload };
}

function itemLabel(org: Organisation, item: NonNullable<ReturnType<typeof itemNamed>>): string {
  switch (item.kind) {
    case "network":
      return org.networks.find((n) => n.id === item.id)?.label ?? "";
    case "domain":
      return org.domains.find((d) => d.id === item.id)?.domain ?? "";
    case "asn": {
      const asn = org.asns.find((a) => a.id === item.id)?.asn;
      return asn === undefined ? "" : `AS${asn}`;
    }
    case "contact":
      return org.contacts.find((c) => c.id === item.id)?.email ?? "";
  }
}

/** A member asks for a change to an organisation of theirs (default: their own). */
export async function requestChange(ctx: MemberContext, input: ChangeRequestCreate): Promise<ChangeRequest> {
  const scope = await memberScope(ctx);
  const organisationId = input.organisationId ?? scope.organisationId;
  const org = await readAdmittedOrganisation(ctx, scope, organisationId);
  const change = ChangeRequestChange.parse(input);
  const item = itemNamed(change);
  if (item && !holdsItem(org, item)) {
    throw notFound("organisation_item_not_found", `No such ${item.kind} on this organisation`);
  }
  const id = await ctx.db.transaction().execute(async (tx) => {
    const created = await insertChangeRequest(tx, {
      organisationId,
      requestedBy: ctx.actor.userId,
      change,
      reason: input.reason ?? "",
      at: ctx.clock.now(),
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "change_request.requested",
      target: { type: "change_request", id: created },
      diff: {
        organisation: org.name,
        kind: change.kind,
        change: describeChange(org, change),
        reason: input.reason ?? "",
      },
      ip: ctx.ip,
    });
    return created;
  });
  const row = await selectChangeRequest(ctx.db, id);
  if (!row) throw notFoundRequest(id);
  return present(row, new Map([[org.id, { id: org.id, name: org.name }]]));
}

async function page(
  ctx: ServiceContext,
  query: ChangeRequestQuery,
  organisations: readonly string[] | undefined,
): Promise<ChangeRequestList> {
  const { rows, nextCursor } = await readKeysetPage(
    query,
    KEYS,
    (window) => selectChangeRequestPage(ctx.db, { organisations, status: query.status }, window),
    (r) => ({ at: r.created_at.toISOString(), id: r.id }),
  );
  const orgs = await organisationRefs(
    ctx,
    rows.map((r) => r.organisation_id),
  );
  return { items: rows.map((r) => present(r, orgs)), nextCursor };
}

/** The member's organisations' requests (their colleagues' too), newest first. */
export async function listMyChangeRequests(ctx: MemberContext, query: ChangeRequestQuery): Promise<ChangeRequestList> {
  return page(ctx, query, (await memberScope(ctx)).organisations);
}

/** One request of the member's organisations (404 for any other, as for one that does not exist). */
export async function getMyChangeRequest(ctx: MemberContext, id: string): Promise<ChangeRequest> {
  const row = await selectChangeRequest(ctx.db, id, (await memberScope(ctx)).organisations);
  if (!row) throw notFoundRequest(id);
  return presentOne(ctx, row);
}

/** Staff: every organisation's requests, newest first (`?status=pending` is the queue). */
export async function listChangeRequests(ctx: ServiceContext, query: ChangeRequestQuery): Promise<ChangeRequestList> {
  assertMayReadMembers(ctx.actor);
  return page(ctx, query, undefined);
}

async function decide(
  ctx: ServiceContext,
  id: string,
  status: "approved" | "rejected",
  input: ChangeRequestDecision,
): Promise<ChangeRequest> {
  assertMayManageMembers(ctx.actor);
  if (ctx.actor.kind !== "user") throw new Error("a decision is a person's");
  const approver = ctx.actor;
  // One transaction: the claim, the registry's write (its own audit entry and version) and the decision's
  // audit entry commit together or not at all. The claim is one statement, so a second approver waits on
  // the row and finds it decided; a change the registry refuses (the network is held already, a bad key)
  // rolls the claim back and the request stays pending.
  return inTransaction(ctx.db, async (tx) => {
    const t: ServiceContext = { ...ctx, db: tx };
    const row = await selectChangeRequest(tx, id);
    if (!row) throw notFoundRequest(id);
    const note = input.note ?? "";
    const at = ctx.clock.now();
    if (!(await decidePending(tx, id, { status, by: approver.userId, note, at }))) {
      throw conflict("change_request_decided", "The change request has been decided already");
    }
    const change = ChangeRequestChange.parse({ kind: row.kind, payload: row.payload });
    // Read before the change, so a removed item is still there to be named.
    const org = await getOrganisation(t, row.organisation_id);
    if (status === "approved") await applyChange(t, row.organisation_id, change);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: status === "approved" ? "change_request.approved" : "change_request.rejected",
      target: { type: "change_request", id },
      diff: {
        organisation: org.name,
        kind: change.kind,
        change: describeChange(org, change),
        requestedBy: row.requested_by_name,
        requestedAt: row.created_at.toISOString(),
        note,
      },
      ip: ctx.ip,
    });
    const after = await selectChangeRequest(tx, id);
    if (!after) throw notFoundRequest(id);
    return presentOne(t, after);
  });
}

/** Staff approve a request: it is applied to the registry as theirs, and the member sees the note. */
export const approveChangeRequest = (ctx: ServiceContext, id: string, input: ChangeRequestDecision) =>
  decide(ctx, id, "approved", input);

/** Staff reject a request with a note the member reads. */
export const rejectChangeRequest = (ctx: ServiceContext, id: string, input: ChangeRequestDecision) =>
  decide(ctx, id, "rejected", input);
