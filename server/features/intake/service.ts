// Intake's face to other features (the mail channel, later incidents): the use cases they may call.
import type { Nis2View } from "../../../contract/intake.js";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type { TlpLabel } from "../../platform/db/tables/intake.js";
import { selectFirstCertMessageAt, selectNis2Stages } from "./conversation-store.js";
import { buildNis2View } from "./nis2-view.js";
import {
  selectNis2Facts,
  selectReportIdByMailMessageId,
  selectReportIdByReference,
  selectVisibleReportByReference,
  updateReport,
} from "./report-store.js";

export { addReporterMessage, type ReporterMessageInput } from "./add-reporter-message.js";
export { scheduleBlobSweep } from "./blob-sweep.js";
// Inbound mail's machinery, for other features that take mail (feed sources mail their reports).
export { parseInboundMail } from "./mail/parse.js";
export type { AttachmentSink } from "./mail/mime-reader.js";
export { pollMailboxOnce } from "./mail/imap-poller.js";
export { inTransaction } from "../../platform/db/connect.js";
export { readMultipartUpload, cleanFilename, type UploadLimits } from "./multipart-intake.js";
export { submitReport } from "./submit-report.js";
// The duty rota acknowledges a report from a page's link or a mailed "ack" (features/oncall).
export { acknowledgeReport } from "./acknowledge-report.js";
export { loadPgpKeyring } from "./mail/pgp-keyring.js";
export { nis2DeadlinesDue } from "./nis2-due.js";
export type { Channel, IntakeContext, StoredAttachment, SubmittedReport } from "./types.js";

/** The id of the report with this reference, or null. */
export function findReportIdByReference(db: Db, reference: string): Promise<string | null> {
  return selectReportIdByReference(db, reference);
}

/** The report a mailed Message-ID already went into (as the report or a follow-up message), or null. */
export function findReportIdByMessageId(db: Db, messageId: string): Promise<string | null> {
  return selectReportIdByMailMessageId(db, messageId);
}

/**
 * The NIS2 clock of whichever of these reports NIS2 applies to with the earliest awareness time
 * (the incident's binding deadlines), or null when it applies to none.
 */
export async function earliestNis2View(
  db: Db,
  reportIds: readonly string[],
  now: Date,
): Promise<(Nis2View & { reportId: string; reference: string }) | null> {
  const reports = await selectNis2Facts(db, reportIds);
  let best: { awareAt: number; view: Nis2View & { reportId: string; reference: string } } | null = null;
  for (const report of reports) {
    const [stages, firstCertMessageAt] = await Promise.all([
      selectNis2Stages(db, report.id),
      selectFirstCertMessageAt(db, report.id),
    ]);
    const view = buildNis2View(report, stages, firstCertMessageAt, now);
    if (!view) continue;
    const awareAt = (report.nis2_aware_at ?? stages.find((s) => s.aware_at)?.aware_at ?? report.received_at).getTime();
    if (!best || awareAt < best.awareAt)
      best = { awareAt, view: { ...view, reportId: report.id, reference: report.reference } };
  }
  return best?.view ?? null;
}

/**
 * A report joins an incident: its status becomes `linked`. A report still `new` is thereby taken on,
 * so it is acknowledged too (who and when), and leaves the unacknowledged queue. Call in the linking
 * transaction with the report row locked.
 */
export async function markReportLinked(
  tx: Db,
  report: { id: string; status: string; acknowledged_at: Date | null },
  by: string | null,
  at: Date,
): Promise<void> {
  await updateReport(tx, report.id, {
    status: "linked",
    ...(report.acknowledged_at === null ? { acknowledged_at: at, acknowledged_by: by } : {}),
  });
}

/** A report left its last incident: back to `acknowledged` (its history stays as it was). */
export async function markReportUnlinked(tx: Db, reportId: string): Promise<void> {
  await updateReport(tx, reportId, { status: "acknowledged" });
}

/** The report `reference` as the actor may see it (TLP policy), or null: hidden answers like missing. */
export async function findVisibleReport(
  db: Db,
  actor: Actor,
  reference: string,
): Promise<{ id: string; reference: string; tlp: TlpLabel } | null> {
  const row = await selectVisibleReportByReference(db, actor, reference);
  return row === undefined ? null : { id: row.id, reference: row.reference, tlp: row.tlp };
}
