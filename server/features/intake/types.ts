import type { MailAuthVerdict } from "../../platform/db/tables/intake.js";
import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import type { MailFileNotStored, MailReadLevel } from "../../platform/db/tables/intake.js";
import type { ServiceContext } from "../../platform/deps.js";

/**
 * What happens, in the same transaction, when a reporter writes on their report: the incidents it is
 * linked to take the answer (a stalled one resumes). Wired by the composition root — intake does not
 * know incidents — and the same function the incident workspace runs for a mailed reply.
 */
export type ReporterAnswerHook = (tx: Db, clock: Clock, reportId: string) => Promise<void>;

/** What intake's services need besides the usual context: the configuration (prefix, URLs, targets). */
export type IntakeContext = ServiceContext & { config: Config; reporterAnswered?: ReporterAnswerHook };

/** A file already in the blob store, about to be attached to a report or message. */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  sha256: string;
  size: number;
}

/** How a report came in; mailed reports carry their evidence (raw message, headers, PGP status). */
export type Channel =
  | { kind: "web" | "api" | "phone"; acknowledge?: boolean }
  | {
      kind: "email";
      messageId: string | null;
      rawSha256: string;
      rawSize: number;
      headers: Record<string, string>;
      pgp: { encrypted: boolean; signature: "valid" | "invalid" | "unknown_key" | "none" };
      /** Hash of the author-written content: with the Message-ID, what makes a message "the same". */
      contentSha256?: string;
      /** The trusted receiving MTA's SPF/DKIM/DMARC verdict, or null. */
      auth?: MailAuthVerdict | null;
      /** An earlier, different message carried the same Message-ID. */
      messageIdReused?: boolean;
      /** The reference the mail claimed to answer without proof (reply token or matching sender). */
      unverifiedReference?: string | null;
      /** Whether an acknowledgement may go out (RFC 3834, per-sender limit): the mail channel decides. */
      acknowledge?: boolean;
      /** How much of the message was read, and which files were left out (said on the report and receipt). */
      reading?: { level: MailReadLevel; skippedParts: number; notStored: readonly MailFileNotStored[] };
    };

/** What submitReport answers: enough for the receipt. */
export interface SubmittedReport {
  reportId: string;
  reference: string;
  followUpToken: string;
  receivedAt: Date;
}
