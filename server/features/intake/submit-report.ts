import type { ReportSubmission } from "../../../contract/intake.js";
import { appendAudit } from "../../platform/audit.js";
import { newUuidV7 } from "../../platform/db/uuid-v7.js";
import { WriteBatch } from "../../platform/db/write-together.js";
import { AppError } from "../../platform/errors.js";
import { insertAttachments, insertNis2Stage } from "./conversation-store.js";
import { hashFollowUpToken, newFollowUpToken } from "./follow-up-token.js";
import { allocateReportNumber, formatReference, yearIn } from "./reference.js";
import { type NewReportRow, insertReport } from "./report-store.js";
import { queueReceiptMail } from "./reporter-mail.js";
import type { Channel, IntakeContext, StoredAttachment, SubmittedReport } from "./types.js";

export const toDate = (iso: string | null) => (iso === null ? null : new Date(iso));

/** Each initial question to its column (the answers arrive parsed by contract/intake.ts). */
function answerColumns(input: ReportSubmission) {
  const nis2 = input.nis2;
  return {
    language: input.language,
    reporter_name: input.reporter.name,
    reporter_email: input.reporter.email,
    reporter_phone: input.reporter.phone,
    reporter_role: input.reporter.role,
    organisation_name: input.organisation.name,
    organisation_number: input.organisation.orgNumber,
    organisation_sector: input.organisation.sector,
    summary: input.summary,
    what_happened: input.whatHappened,
    discovery_how: input.discovery.how,
    discovered_at: toDate(input.discovery.discoveredAt),
    countermeasures: input.countermeasures,
    ongoing: input.ongoing,
    data_leak_risk: input.dataLeakRisk,
    more_affected_risk: input.moreAffectedRisk,
    help_wanted: input.helpWanted,
    contacted_parties: input.contactedParties,
    police_report_status: input.policeReport.status,
    police_report_reference: input.policeReport.reference,
    sharing_information: input.sharingConsent.information,
    sharing_data: input.sharingConsent.data,
    sharing_logs: input.sharingConsent.logs,
    tlp: input.tlp,
    nis2_applies: nis2?.applies ?? null,
    nis2_aware_at: toDate(nis2?.awareAt ?? null),
    nis2_suspected_malicious: nis2?.suspectedMalicious ?? null,
    nis2_cross_border_impact: nis2?.crossBorderImpact ?? null,
    nis2_trust_service_provider: nis2?.trustServiceProvider ?? null,
  } satisfies Partial<NewReportRow>;
}

function channelColumns(channel: Channel) {
  switch (channel.kind) {
    case "web":
    case "api":
    case "phone":
      return { channel: channel.kind };
    case "email":
      return {
        channel: channel.kind,
        mail_message_id: channel.messageId,
        mail_headers: JSON.stringify(channel.headers),
        raw_sha256: channel.rawSha256,
        raw_size: channel.rawSize,
        pgp_encrypted: channel.pgp.encrypted,
        pgp_signature: channel.pgp.signature,
        mail_read_level: channel.reading?.level ?? null,
        mail_skipped_parts: channel.reading?.skippedParts ?? null,
        mail_files_not_stored: channel.reading ? JSON.stringify(channel.reading.notStored) : null,
        mail_content_sha256: channel.contentSha256 ?? null,
        mail_auth: channel.auth ? JSON.stringify(channel.auth) : null,
        mail_message_id_reused: channel.messageIdReused ?? false,
        mail_unverified_reference: channel.unverifiedReference ?? null,
      };
  }
}

const isUniqueViolation = (err: unknown, constraint: string) =>
  typeof err === "object" && err !== null && "code" in err && err.code === "23505" && String(err).includes(constraint);

/**
 * Takes in a report from any channel: the report with every answer, its attachments (already in
 * the blob store), the first NIS2 stage, the audit entry and the reporter's receipt mail. The number
 * is drawn first; everything else is one statement (db/write-together.ts), so either all of it exists
 * or none, and the reporter waits for two round trips to the database, not eight.
 */
export async function submitReport(
  ctx: IntakeContext,
  input: ReportSubmission,
  attachments: readonly StoredAttachment[],
  channel: Channel,
): Promise<SubmittedReport> {
  const receivedAt = ctx.clock.now();
  const followUpToken = newFollowUpToken();
  const year = yearIn(receivedAt, ctx.config.timeZone);
  const reportId = newUuidV7(receivedAt.getTime());
  const reference = formatReference(ctx.config.referencePrefix, year, await allocateReportNumber(ctx.db, year));
  const batch = new WriteBatch(ctx.db);
  await insertReport(batch, {
    id: reportId,
    reference,
    ...answerColumns(input),
    ...channelColumns(channel),
    follow_up_token_hash: hashFollowUpToken(followUpToken),
    received_at: receivedAt,
    registered_by: channel.kind === "phone" && ctx.actor.kind === "user" ? ctx.actor.userId : null,
  });
  await insertAttachments(
    batch,
    attachments.map((a, position) => ({
      report_id: reportId,
      filename: a.filename,
      content_type: a.contentType,
      sha256: a.sha256,
      size: a.size,
      position,
      created_at: receivedAt,
    })),
  );
  if (input.nis2?.applies) {
    await insertNis2Stage(batch, {
      report_id: reportId,
      stage: input.nis2.stage ?? "early-warning",
      submitted_at: receivedAt,
      aware_at: toDate(input.nis2.awareAt),
      suspected_malicious: input.nis2.suspectedMalicious,
      cross_border_impact: input.nis2.crossBorderImpact,
      ongoing: input.ongoing,
    });
  }
  if (channel.acknowledge ?? true) {
    await queueReceiptMail(batch, ctx.clock, {
      to: input.reporter.email,
      language: input.language,
      reference,
      timeZone: ctx.config.timeZone,
      cert: ctx.config.cert,
      receivedAt,
      followUpUrl: `${ctx.config.publicUrl}/follow-up#${followUpToken}`,
      inReplyTo: channel.kind === "email" ? channel.messageId : null,
      filesNotStored: channel.kind === "email" ? (channel.reading?.notStored ?? []) : [],
    });
  }
  await appendAudit(batch, ctx.clock, {
    actor: ctx.actor,
    action: "report.received",
    target: { type: "report", id: reference },
    diff: {
      channel: channel.kind,
      attachments: attachments.length,
      nis2: input.nis2?.applies ?? false,
      ...(channel.kind === "email" && channel.reading?.notStored.length
        ? { filesNotStored: channel.reading.notStored.length }
        : {}),
    },
    ip: ctx.ip ?? null,
  });
  try {
    await batch.run();
  } catch (err) {
    if (isUniqueViolation(err, "mail_message_id"))
      throw new AppError("report_message_taken", "conflict", "This message has already been taken in");
    throw err;
  }
  return { reportId, reference, followUpToken, receivedAt };
}
