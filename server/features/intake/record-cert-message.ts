import type { Db } from "../../platform/db/connect.js";
import { insertMessage } from "./conversation-store.js";

export interface CertMessageRecord {
  reportId: string;
  authorUserId: string | null;
  body: string;
  sentAt: Date;
}

/**
 * Puts a CERT message in a report's conversation, in the caller's transaction, so the reporter sees it
 * on the follow-up page. For callers that mail and audit it themselves (an incident writing to the
 * reporter of a linked report); sendCertMessage is the report page's own path.
 */
export async function recordCertMessage(tx: Db, message: CertMessageRecord): Promise<string> {
  return insertMessage(tx, {
    report_id: message.reportId,
    author: "cert",
    author_user_id: message.authorUserId,
    body: message.body,
    via: "console",
    mail_message_id: null,
    nis2_stage: null,
    sent_at: message.sentAt,
  });
}
