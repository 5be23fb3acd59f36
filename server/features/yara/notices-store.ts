import type { Db } from "../../platform/db/connect.js";
import type { TlpLabel } from "../../platform/db/tables/intake.js";

// SQL for the notices that tell an incident of a match (yara_match_notices): one per (incident, file, rule).

const NO_EVENT_YET = "00000000-0000-0000-0000-000000000000";

/** The rule's name and the YARA rules that matched, for one stored match. */
export async function selectMatchForNotice(
  db: Db,
  match: { sha256: string; ruleId: string; ruleVersion: number },
): Promise<{ name: string; tlp: TlpLabel; identifiers: string[] } | undefined> {
  return db
    .selectFrom("yara_matches as m")
    .innerJoin("yara_rules as r", "r.id", "m.rule_id")
    .select(["r.name", "r.tlp", "m.identifiers"])
    .where("m.sha256", "=", match.sha256)
    .where("m.rule_id", "=", match.ruleId)
    .where("m.rule_version", "=", match.ruleVersion)
    .executeTakeFirst();
}

/**
 * Takes the notice for (incident, file, rule) in the caller's transaction; false when it was taken
 * already (another process telling the same incident at the same moment waits here, then stops).
 */
export async function claimNotice(
  db: Db,
  notice: { incidentId: string; sha256: string; ruleId: string; at: Date },
): Promise<boolean> {
  const row = await db
    .insertInto("yara_match_notices")
    .values({
      incident_id: notice.incidentId,
      sha256: notice.sha256,
      rule_id: notice.ruleId,
      event_id: NO_EVENT_YET,
      noticed_at: notice.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning("incident_id")
    .executeTakeFirst();
  return row !== undefined;
}

/** Names the timeline event a notice wrote. */
export async function setNoticeEvent(
  db: Db,
  notice: { incidentId: string; sha256: string; ruleId: string },
  eventId: string,
): Promise<void> {
  await db
    .updateTable("yara_match_notices")
    .set({ event_id: eventId })
    .where("incident_id", "=", notice.incidentId)
    .where("sha256", "=", notice.sha256)
    .where("rule_id", "=", notice.ruleId)
    .execute();
}
