import { type ReportAnswers, type ReportDetail } from "../../../contract/intake-staff.js";
import { Sector } from "../../../contract/intake.js";
import type { AttachmentRow, MessageRow } from "./conversation-store.js";
import type { ReportRow } from "./report-store.js";

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A stored sector as the contract's enumeration; a value from an older list reads as "other". */
export function sectorOf(value: string | null): Sector | null {
  if (value === null) return null;
  const parsed = Sector.safeParse(value);
  return parsed.success ? parsed.data : "other";
}

/** Every initial question with its answer, in the submission's shape. */
export function presentAnswers(r: ReportRow): ReportAnswers {
  return {
    reporter: { name: r.reporter_name, email: r.reporter_email, phone: r.reporter_phone, role: r.reporter_role },
    organisation: {
      name: r.organisation_name,
      orgNumber: r.organisation_number,
      sector: sectorOf(r.organisation_sector),
    },
    summary: r.summary,
    whatHappened: r.what_happened,
    discovery: { how: r.discovery_how, discoveredAt: iso(r.discovered_at) },
    countermeasures: r.countermeasures,
    ongoing: r.ongoing,
    dataLeakRisk: r.data_leak_risk,
    moreAffectedRisk: r.more_affected_risk,
    helpWanted: r.help_wanted,
    contactedParties: r.contacted_parties,
    policeReport: { status: r.police_report_status, reference: r.police_report_reference },
    sharingConsent: { information: r.sharing_information, data: r.sharing_data, logs: r.sharing_logs },
    tlp: r.tlp,
  };
}

export function presentAttachment(a: AttachmentRow): ReportDetail["attachments"][number] {
  return {
    id: a.id,
    filename: a.filename,
    contentType: a.content_type,
    size: a.size,
    sha256: a.sha256,
    messageId: a.message_id,
    receivedAt: a.created_at.toISOString(),
  };
}

export function presentMessage(
  m: MessageRow,
  staff: (id: string | null) => { id: string; name: string } | null,
): ReportDetail["messages"][number] {
  return {
    id: m.id,
    from: m.author,
    author: staff(m.author_user_id),
    body: m.body,
    via: m.via,
    sentAt: m.sent_at.toISOString(),
    nis2Stage: m.nis2_stage,
    mail:
      m.via === "email" && m.raw_sha256
        ? {
            from: m.from_address,
            rawSize: m.raw_size,
            rawSha256: m.raw_sha256,
            headers: m.mail_headers ?? {},
            auth: m.mail_auth,
            verifiedBy: m.mail_verified_by,
          }
        : null,
  };
}

/** The mail evidence of a mailed report, else null. */
export function presentMail(r: ReportRow): ReportDetail["mail"] {
  if (r.channel !== "email") return null;
  return {
    messageId: r.mail_message_id,
    headers: r.mail_headers ?? {},
    rawSize: r.raw_size,
    rawSha256: r.raw_sha256,
    pgp: { encrypted: r.pgp_encrypted, signature: r.pgp_signature },
    auth: r.mail_auth,
    unverifiedReference: r.mail_unverified_reference,
    messageIdReused: r.mail_message_id_reused,
    readLevel: r.mail_read_level,
    skippedParts: r.mail_skipped_parts,
    filesNotStored: r.mail_files_not_stored ?? [],
  };
}
