import { systemActor } from "../../platform/auth/actor.js";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import { recordYaraMatchOnIncident } from "../incidents/record-yara-match.js";
import { selectPendingNotices } from "./files-store.js";
import { claimNotice, selectMatchForNotice, setNoticeEvent } from "./notices-store.js";

const BATCH = 100;
const actor = systemActor("yara");

/**
 * Puts every match on the timeline of each incident holding its file — directly, or through a linked
 * report — once per (incident, file, rule), through the incidents feature. Also reaches an incident that
 * gets the file (or its report) after the match. Answers how many events were written.
 */
export async function tellIncidentsOfMatches(db: Db, clock: Clock, maxBatches = 10): Promise<number> {
  let written = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const pending = await selectPendingNotices(db, BATCH);
    for (const notice of pending) {
      const key = { incidentId: notice.incident_id, sha256: notice.sha256, ruleId: notice.rule_id };
      await db.transaction().execute(async (tx) => {
        const match = await selectMatchForNotice(tx, { ...key, ruleVersion: notice.rule_version });
        if (!match || !(await claimNotice(tx, { ...key, at: clock.now() }))) return;
        const eventId = await recordYaraMatchOnIncident(
          { db: tx, clock, actor },
          {
            ...key,
            filename: notice.filename,
            ruleName: match.name,
            ruleVersion: notice.rule_version,
            // The names inside a TLP:RED rule are its text: not for every reader of the incident.
            identifiers: match.tlp === "TLP:RED" ? [] : match.identifiers,
            report: notice.report,
          },
        );
        if (eventId === null) return;
        await setNoticeEvent(tx, key, eventId);
        written++;
      });
    }
    if (pending.length < BATCH) break;
  }
  return written;
}
