import type { ReportsPage, ReportsQuery } from "../../../contract/intake-staff.js";
import { timeliness } from "./ack-target.js";
import { readKeysetPage } from "../../platform/keyset-page.js";
import { inboxKeys } from "./inbox-cursor.js";
import { assertMayReadReports } from "./policy.js";
import { sectorOf } from "./present-report.js";
import { selectInbox } from "./report-store.js";
import type { IntakeContext } from "./types.js";

const EXCERPT_CHARS = 200;

/** The Reports inbox: newest first, each with its age and whether it is past its acknowledgement target. */
export async function listReports(ctx: IntakeContext, query: ReportsQuery): Promise<ReportsPage> {
  assertMayReadReports(ctx.actor);
  const now = ctx.clock.now();
  const { rows, nextCursor } = await readKeysetPage(
    query,
    inboxKeys(query.sort),
    ({ after, limit }) =>
      selectInbox(ctx.db, ctx.actor, {
        status: query.status,
        sort: query.sort,
        after: after && { at: new Date(after.at), id: after.id, rank: after.rank ?? 1 },
        limit,
        now,
      }),
    (row) => ({
      sort: query.sort,
      at: row.received_at.toISOString(),
      id: row.id,
      rank: query.sort !== "unread" ? null : row.unread ? (0 as const) : (1 as const),
    }),
  );
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
      unread: row.unread,
      ...timeliness(row, ctx.config, now),
    })),
  };
}
