import type { Nis2DueDeadline } from "../../../contract/dashboard.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import { selectFirstCertMessageAt, selectNis2Stages } from "./conversation-store.js";
import { allIncidentsClosed } from "./follow-up-closure.js";
import { selectLinkedClosure } from "./follow-up-store.js";
import { buildNis2View } from "./nis2-view.js";
import { selectRecentNis2Reports } from "./report-store.js";

const DAY = 86_400_000;
// The latest deadline of a NIS2 incident that is not ongoing: notification (≤ 72 h) plus a month.
const LOOK_BACK_DAYS = 40;
const REPORTS_READ = 500;

/**
 * The NIS2 deadlines not met yet that fall within `withinMs` from now (or have passed), over the
 * reports the actor may see, soonest first — the reporter's (early warning, notification, final report)
 * and the CERT's own (initial feedback within 24 h of the early warning). A report whose incidents are
 * all closed has none: its follow-up page no longer asks for stages either.
 */
export async function nis2DeadlinesDue(db: Db, actor: Actor, now: Date, withinMs: number): Promise<Nis2DueDeadline[]> {
  const reports = await selectRecentNis2Reports(
    db,
    actor,
    new Date(now.getTime() - LOOK_BACK_DAYS * DAY),
    REPORTS_READ,
  );
  const horizon = now.getTime() + withinMs;
  const due: Nis2DueDeadline[] = [];
  for (const report of reports) {
    const [stages, firstCertMessageAt, links] = await Promise.all([
      selectNis2Stages(db, report.id),
      selectFirstCertMessageAt(db, report.id),
      selectLinkedClosure(db, report.id),
    ]);
    if (allIncidentsClosed(links)) continue;
    const view = buildNis2View(report, stages, firstCertMessageAt, now);
    for (const d of view?.deadlines ?? []) {
      if (d.metAt !== null || d.dueAt === null || new Date(d.dueAt).getTime() > horizon) continue;
      due.push({
        reference: report.reference,
        summary: report.summary,
        kind: d.kind,
        party: d.party,
        dueAt: d.dueAt,
        overdue: d.overdue,
      });
    }
  }
  return due.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.reference.localeCompare(b.reference));
}
