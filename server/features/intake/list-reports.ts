import type { ReportsPage, ReportsQuery } from "../../../contract/intake-staff.js";
import { timeliness } from "./ack-target.js";
import { readKeysetPage } from "../../platform/keyset-page.js";
import { INBOX_KEYS } from "./inbox-cursor.js";
import { assertMayReadReports } from "./policy.js";
import { sectorOf } from "./present-report.js";
import { selectInbox } from "./report-store.js";
import type { IntakeContext } from "./types.js";

const EXCERPT_CHARS = 200;

/** The Reports inbox: newest first, each with its age and whether it is past its acknowledgement target. */
export async function listReports(ctx: IntakeContext, query: ReportsQuery): Promise<ReportsPage> {
  assertMayReadReports(ctx.actor);
  const { rows, nextCursor } = await readKeysetPage(
    query,
    INBOX_KEYS,
    ({ after, limit }) =>
      selectInbox(ctx.db, ctx.actor, {
        status: query.status,
        after: after && { at: new Date(after.at), id: after.id },
        limit,
      }),
    (row) => ({ at: row.received_at.toISOString(), id: row.id }),
  );
  const now = ctx.clock.now();
  return {
    nextCursor,
    items: rows.map((row) => ({
      reference: row.reference,
      status: row.status,
      channel: row.channel,
      receivedAt: row.received_at.toISOString(),
      acknowledgedAt: row.acknowledged_at?.toISOString() ?? null,
      summary: row.summary,
      excerpt: row.what_happened.slice(0, EXCERPT_CHARS),
      reporterName: row.reporter_name,
      reporterEmail: row.reporter_email,
      organisationName: row.organisation_name,
      sector: sectorOf(row.organisation_sector),
      tlp: row.tlp,
      nis2: row.nis2_applies === true,
      unverifiedReference: row.mail_unverified_reference,
      messageIdReused: row.mail_message_id_reused,
      partlyRead: row.mail_read_level !== null && row.mail_read_level !== "full",
      filesNotStored: row.mail_files_not_stored_count,
      ...timeliness(row, ctx.config, now),
    })),
  };
}
