import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type { Database } from "../../platform/db/schema.js";
import type { IncidentStatus, PapLabel, Severity } from "../../platform/db/tables/incidents.js";
import type { TlpLabel } from "../../platform/db/tables/intake.js";
import { incidentVisibleSql, reportVisibleSql } from "../../platform/tlp.js";
import { incidentUnreadSql } from "../../platform/unread.js";
import type { IncidentSort, ListCursor } from "./list-cursor.js";

/** What the incident list filters on; `view` already turned into conditions by the service. */
export interface ListFilter {
  statuses?: IncidentStatus[];
  severities?: Severity[];
  tlps?: TlpLabel[];
  rsitClass?: string;
  assignee?: string | null;
  sector?: string;
  /** Due before this instant (the overdue view). */
  dueBefore?: Date;
  q?: string;
}

export interface ListRow {
  id: string;
  reference: string;
  title: string;
  status: IncidentStatus;
  severity: Severity;
  rsit_class: string | null;
  rsit_type: string | null;
  tlp: TlpLabel;
  pap: PapLabel;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
  created_at: Date;
  updated_at: Date;
  due_at: Date | null;
  sla_paused_at: Date | null;
  /** The sort's timestamp as exact text, for the next page's cursor. */
  sort_at: string | null;
  severity_rank: number;
  /** A reply the viewer has not looked at (platform/unread.ts). */
  unread: boolean;
}

/**
 * Critical first. Migration 0009 indexes exactly this expression (with created_at desc, id desc), so
 * keep the two identical or the severity sort stops using the index.
 */
export const SEVERITY_RANK = sql<number>`(case i.severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end)`;

const exactText = (column: string) =>
  sql<string | null>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const SORT_COLUMN: Record<IncidentSort, string> = {
  created: "i.created_at",
  updated: "i.updated_at",
  due: "i.due_at",
  severity: "i.created_at",
  unread: "i.updated_at",
};

type Eb = ExpressionBuilder<Database & { i: Database["incidents"] }, "i">;

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function conditions(eb: Eb, filter: ListFilter): Expression<SqlBool>[] {
  const where: Expression<SqlBool>[] = [];
  if (filter.statuses) where.push(eb("i.status", "in", filter.statuses));
  if (filter.severities) where.push(eb("i.severity", "in", filter.severities));
  if (filter.tlps) where.push(eb("i.tlp", "in", filter.tlps));
  if (filter.rsitClass !== undefined) where.push(eb("i.rsit_class", "=", filter.rsitClass));
  if (filter.assignee === null) where.push(eb("i.assignee_id", "is", null));
  else if (filter.assignee !== undefined) where.push(eb("i.assignee_id", "=", filter.assignee));
  // Containment (@>), not = any(): only the former can use the GIN index on sectors (0009).
  if (filter.sector !== undefined) where.push(sql<SqlBool>`i.sectors @> array[${filter.sector}]::text[]`);
  if (filter.dueBefore) where.push(eb("i.due_at", "<", filter.dueBefore));
  if (filter.q !== undefined) {
    const words = sql<SqlBool>`i.search @@ (websearch_to_tsquery('swedish', ${filter.q}) || websearch_to_tsquery('english', ${filter.q}))`;
    // A part of a reference has a digit and no space ("2026-0007"). Only then the reference is matched
    // too: a LIKE with a leading % reads every row, which plain words (found through the GIN index) need not.
    const reference = /\d/.test(filter.q) && !/\s/.test(filter.q);
    where.push(reference ? sql<SqlBool>`(i.reference ilike ${likePattern(filter.q)} or ${words})` : words);
  }
  return where;
}

/** Rows after the cursor in the sort's order (keyset: every comparison has an index to walk). */
function after(cursor: ListCursor, unreadRank: RawBuilder<number>): Expression<SqlBool> {
  const at = sql`${cursor.at}::timestamptz`;
  const id = sql`${cursor.id}::uuid`;
  switch (cursor.sort) {
    case "created":
      return sql<SqlBool>`(i.created_at, i.id) < (${at}, ${id})`;
    case "updated":
      return sql<SqlBool>`(i.updated_at, i.id) < (${at}, ${id})`;
    case "due":
      // Soonest first, incidents without a due date last (in id order).
      return cursor.at === null
        ? sql<SqlBool>`(i.due_at is null and i.id > ${id})`
        : sql<SqlBool>`((i.due_at, i.id) > (${at}, ${id}) or i.due_at is null)`;
    case "severity":
      return sql<SqlBool>`(${SEVERITY_RANK} > ${cursor.rank}
        or (${SEVERITY_RANK} = ${cursor.rank} and (i.created_at, i.id) < (${at}, ${id})))`;
    case "unread":
      return sql<SqlBool>`(${unreadRank} > ${cursor.rank}
        or (${unreadRank} = ${cursor.rank} and (i.updated_at, i.id) < (${at}, ${id})))`;
  }
}

/** One page (plus one row, to know whether there is a next) of the incidents the actor may see. */
export async function selectIncidentPage(
  db: Db,
  actor: Actor,
  filter: ListFilter,
  sort: IncidentSort,
  cursor: ListCursor | undefined,
  limit: number,
  now: Date,
): Promise<ListRow[]> {
  const unread = incidentUnreadSql(actor, "i", now);
  // New to the viewer first: 0, then the rest: 1 (the cursor's rank, as in the severity sort).
  const unreadRank = sql<number>`(case when ${unread} then 0 else 1 end)`;
  let query = db
    .selectFrom("incidents as i")
    .leftJoin("users as u", "u.id", "i.assignee_id")
    .select([
      "i.id",
      "i.reference",
      "i.title",
      "i.status",
      "i.severity",
      "i.rsit_class",
      "i.rsit_type",
      "i.tlp",
      "i.pap",
      "i.assignee_id",
      "u.name as assignee_name",
      "u.email as assignee_email",
      "i.created_at",
      "i.updated_at",
      "i.due_at",
      "i.sla_paused_at",
      exactText(SORT_COLUMN[sort]).as("sort_at"),
      SEVERITY_RANK.as("severity_rank"),
      unread.$castTo<boolean>().as("unread"),
    ])
    .where(incidentVisibleSql(actor, "i"))
    .where((eb) => eb.and([...conditions(eb, filter), ...(cursor ? [after(cursor, unreadRank)] : [])]))
    .limit(limit);
  switch (sort) {
    case "created":
      query = query.orderBy("i.created_at", "desc").orderBy("i.id", "desc");
      break;
    case "updated":
      query = query.orderBy("i.updated_at", "desc").orderBy("i.id", "desc");
      break;
    case "due":
      query = query.orderBy(sql`i.due_at asc nulls last`).orderBy("i.id", "asc");
      break;
    case "severity":
      query = query.orderBy(SEVERITY_RANK).orderBy("i.created_at", "desc").orderBy("i.id", "desc");
      break;
    case "unread":
      query = query.orderBy(unreadRank).orderBy("i.updated_at", "desc").orderBy("i.id", "desc");
      break;
  }
  return query.execute();
}

/** How many reports the actor may see are linked to each of these incidents. */
export async function countVisibleReports(db: Db, actor: Actor, incidentIds: string[]): Promise<Map<string, number>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("incident_reports as ir")
    .innerJoin("reports as r", "r.id", "ir.report_id")
    .select(["ir.incident_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("ir.incident_id", "in", incidentIds)
    .where(reportVisibleSql(actor, "r"))
    .groupBy("ir.incident_id")
    .execute();
  return new Map(rows.map((r) => [r.incident_id, Number(r.n)]));
}
