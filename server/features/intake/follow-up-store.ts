import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";

export interface LinkedClosureRow {
  linked: number;
  closed: number;
  resolved: number;
  closed_at: Date | null;
}

/** How many incidents the report is linked to, how many of them are closed (and resolved), and when the last closed. */
export async function selectLinkedClosure(db: Db, reportId: string): Promise<LinkedClosureRow> {
  const { rows } = await sql<LinkedClosureRow>`
    select count(*) as linked,
      count(*) filter (where i.status in ('resolved', 'rejected')) as closed,
      count(*) filter (where i.status = 'resolved') as resolved,
      max(coalesce(i.resolved_at, i.rejected_at)) as closed_at
    from incident_reports l join incidents i on i.id = l.incident_id
    where l.report_id = ${reportId}`.execute(db);
  const row = rows[0];
  return {
    linked: Number(row?.linked ?? 0),
    closed: Number(row?.closed ?? 0),
    resolved: Number(row?.resolved ?? 0),
    closed_at: row?.closed_at ?? null,
  };
}
