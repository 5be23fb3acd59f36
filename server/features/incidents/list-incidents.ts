import type { IncidentListItem, IncidentsPage, IncidentsQuery } from "../../../contract/incident-list.js";
import type { ServiceContext } from "../../platform/deps.js";
import { forbidden } from "../../platform/errors.js";
import { readsCases } from "../../platform/tlp.js";
import { readKeysetPage } from "../../platform/keyset-page.js";
import { listKeys } from "./list-cursor.js";
import { type ListFilter, type ListRow, countVisibleReports, selectIncidentPage } from "./list-store.js";

/** The list's filters, without paging: what a saved view stores. */
export type IncidentFilters = Omit<IncidentsQuery, "cursor" | "limit">;

const OPEN = ["new", "open", "stalled"] as const;
const RUNNING_CLOCK = ["new", "open"] as const;

/** Narrows a status filter to a view's statuses (a filter outside the view matches nothing). */
function within<T extends string>(view: readonly T[], chosen: T[] | undefined): T[] {
  return chosen ? chosen.filter((s) => view.includes(s)) : [...view];
}

/** Turns a view and the query's filters into the store's conditions. */
function toFilter(query: IncidentFilters, me: string, now: Date): ListFilter {
  const base: ListFilter = {
    statuses: query.status,
    severities: query.severity,
    tlps: query.tlp,
    rsitClass: query.class,
    assignee: query.assignee === "me" ? me : query.assignee,
    sector: query.sector,
    q: query.q === "" ? undefined : query.q,
  };
  switch (query.view) {
    case "all":
      return base;
    case "mine":
      return { ...base, assignee: me };
    case "unassigned":
      // An explicit assignee filter contradicts the view: nobody's incidents then match.
      return query.assignee ? { ...base, statuses: [] } : { ...base, assignee: null };
    case "overdue":
      // The SLA clock runs only while new or open: stalled pauses it, closed stops it.
      return { ...base, statuses: within(RUNNING_CLOCK, query.status), dueBefore: now };
    case "stalled":
      return { ...base, statuses: within(["stalled"] as const, query.status) };
    case "open":
      return { ...base, statuses: within(OPEN, query.status) };
  }
}

/** A row as the list shows it; `overdue` against `now`. */
export function toListItem(row: ListRow, reportCount: number, now: Date): IncidentListItem {
  return {
    reference: row.reference,
    title: row.title,
    status: row.status,
    severity: row.severity,
    classification: row.rsit_class && row.rsit_type ? { class: row.rsit_class, type: row.rsit_type } : null,
    tlp: row.tlp,
    pap: row.pap,
    assignee:
      row.assignee_id && row.assignee_name !== null && row.assignee_email !== null
        ? { id: row.assignee_id, name: row.assignee_name, email: row.assignee_email }
        : null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    reportCount,
    dueAt: row.due_at?.toISOString() ?? null,
    pausedAt: row.sla_paused_at?.toISOString() ?? null,
    unread: row.unread,
    overdue:
      (row.status === "new" || row.status === "open") && row.due_at !== null && row.due_at.getTime() < now.getTime(),
  };
}

/** The incident list: a view, filters and a sort, one keyset page of what the actor may see (TLP). */
export async function listIncidents(ctx: ServiceContext, query: IncidentsQuery): Promise<IncidentsPage> {
  const actor = ctx.actor;
  if (actor.kind !== "user" || !readsCases(actor)) throw forbidden();
  const keys = listKeys(query.sort);
  const now = ctx.clock.now();
  const filter = toFilter(query, actor.userId, now);
  if (filter.statuses?.length === 0) {
    keys.decode(query.cursor); // a forged cursor is refused even when nothing can match
    return { items: [], nextCursor: null };
  }
  const { rows, nextCursor } = await readKeysetPage(
    query,
    keys,
    ({ after, limit }) => selectIncidentPage(ctx.db, actor, filter, query.sort, after, limit, now),
    (row) => ({
      sort: query.sort,
      at: row.sort_at,
      rank: query.sort === "severity" ? row.severity_rank : query.sort === "unread" ? (row.unread ? 0 : 1) : null,
      id: row.id,
    }),
  );
  const counts = await countVisibleReports(
    ctx.db,
    actor,
    rows.map((r) => r.id),
  );
  return { items: rows.map((row) => toListItem(row, counts.get(row.id) ?? 0, now)), nextCursor };
}
