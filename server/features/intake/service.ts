// Intake's face to other features (the mail channel, later incidents): the use cases they may call.
import type { Db } from "../../platform/db/connect.js";
import { selectReportIdByMailMessageId, selectReportIdByReference } from "./report-store.js";

export { addReporterMessage, type ReporterMessageInput } from "./add-reporter-message.js";
export { scheduleBlobSweep } from "./blob-sweep.js";
export { inTransaction } from "../../platform/db/connect.js";
export { submitReport } from "./submit-report.js";
export type { Channel, IntakeContext, StoredAttachment, SubmittedReport } from "./types.js";

/** The id of the report with this reference, or null. */
export function findReportIdByReference(db: Db, reference: string): Promise<string | null> {
  return selectReportIdByReference(db, reference);
}

/** The report a mailed Message-ID already went into (as the report or a follow-up message), or null. */
export function findReportIdByMessageId(db: Db, messageId: string): Promise<string | null> {
  return selectReportIdByMailMessageId(db, messageId);
}
