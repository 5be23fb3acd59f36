import type { Selectable } from "kysely";
import type { ChangeRequestChange, ChangeRequestStatus } from "../../../contract/members.js";
import type { Db } from "../../platform/db/connect.js";
import type { ChangeRequestsTable } from "../../platform/db/tables/members.js";
import type { PageWindow } from "../../platform/keyset-page.js";

// SQL for change requests only. Who may read which rows is the caller's (policy.ts): a member's reads
// always pass their scope's organisations.

export type ChangeRequestRow = Selectable<ChangeRequestsTable> & {
  requested_by_name: string;
  decided_by_name: string | null;
};

/** Keys of the lists' order: newest first. */
export interface ChangeRequestKeys {
  at: string;
  id: string;
}

function withNames(db: Db) {
  return db
    .selectFrom("change_requests as c")
    .innerJoin("users as r", "r.id", "c.requested_by")
    .leftJoin("users as d", "d.id", "c.decided_by")
    .selectAll("c")
    .select(["r.name as requested_by_name", "d.name as decided_by_name"]);
}

export async function insertChangeRequest(
  db: Db,
  row: { organisationId: string; requestedBy: string; change: ChangeRequestChange; reason: string; at: Date },
): Promise<string> {
  const inserted = await db
    .insertInto("change_requests")
    .values({
      organisation_id: row.organisationId,
      requested_by: row.requestedBy,
      kind: row.change.kind,
      payload: JSON.stringify(row.change.payload),
      reason: row.reason,
      created_at: row.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** One request; with `organisations`, only when it belongs to one of them. */
export async function selectChangeRequest(
  db: Db,
  id: string,
  organisations?: readonly string[],
): Promise<ChangeRequestRow | undefined> {
  let q = withNames(db).where("c.id", "=", id);
  if (organisations !== undefined) {
    if (organisations.length === 0) return undefined;
    q = q.where("c.organisation_id", "in", organisations);
  }
  return q.executeTakeFirst();
}

/** A page of requests, newest first, filtered by organisations (a member's scope) and status. */
export async function selectChangeRequestPage(
  db: Db,
  filter: { organisations?: readonly string[]; status?: ChangeRequestStatus },
  window: PageWindow<ChangeRequestKeys>,
): Promise<ChangeRequestRow[]> {
  let q = withNames(db).orderBy("c.created_at", "desc").orderBy("c.id", "desc").limit(window.limit);
  if (filter.organisations !== undefined) {
    if (filter.organisations.length === 0) return [];
    q = q.where("c.organisation_id", "in", filter.organisations);
  }
  if (filter.status !== undefined) q = q.where("c.status", "=", filter.status);
  const after = window.after;
  if (after !== undefined) {
    const at = new Date(after.at);
    q = q.where((eb) =>
      eb.or([eb("c.created_at", "<", at), eb.and([eb("c.created_at", "=", at), eb("c.id", "<", after.id)])]),
    );
  }
  return q.execute();
}

/**
 * Decides a pending request in one statement, so of two staff deciding at once only one wins; undefined
 * when it was not pending (or does not exist).
 */
export async function decidePending(
  db: Db,
  id: string,
  decision: { status: Exclude<ChangeRequestStatus, "pending">; by: string; note: string; at: Date },
): Promise<boolean> {
  const row = await db
    .updateTable("change_requests")
    .set({ status: decision.status, decided_by: decision.by, note: decision.note, decided_at: decision.at })
    .where("id", "=", id)
    .where("status", "=", "pending")
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}
