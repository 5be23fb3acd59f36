import type { RawBuilder } from "kysely";
import { STATISTICS_READER_ROLES } from "../../../contract/roles.js";
import { type Actor, actorHolds } from "../../platform/auth/actor.js";
import { hiddenCasesSql } from "../../platform/tlp.js";

// Who reads statistics, and what they count. Aggregates are not exempt from TLP: a count by class or
// sector over a handful of cases tells what a TLP:RED incident is ("one incident of class
// intrusions in the banking sector this month"), so a case the reader may not see is left out of
// every figure — totals included, so that no difference between two figures reveals it. Admins and
// the incident's named recipients count it. The yearly report, published, is made by an admin.

/** Whether the actor may read statistics at all (contract/roles.ts STATISTICS_READER_ROLES). */
export function readsStatistics(actor: Actor): boolean {
  return actorHolds(actor, STATISTICS_READER_ROLES);
}

/** SQL: the ids of the reports and incidents the actor may not count (the platform's TLP rule). */
export function statisticsHiddenCasesSql(actor: Actor): RawBuilder<{ id: string }> {
  return hiddenCasesSql(actor);
}
