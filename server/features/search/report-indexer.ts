import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { Logger } from "../../platform/log.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";

const BATCH = 200;
// While requests queue: about 1 ms of database time per report, so 50 a second stays out of their way,
// and a search meanwhile computes the vectors of the rest itself (features/search/store.ts).
const BUSY_BATCH = 50;

/**
 * Stores the search vector of reports that have none yet (migration 0030: intake leaves it to this),
 * oldest first, `batch` at a time; returns how many it stored. Rows another indexer holds are skipped.
 * Stops after `maxBatches` so a long backlog is worked off in slices between which requests run.
 */
export async function indexPendingReports(db: Db, maxBatches = 5, batch = BATCH): Promise<number> {
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const result = await sql`
      with pending as (
        select id from reports where search is null order by received_at limit ${batch} for update skip locked
      )
      update reports r
      set search = fyr_report_search(r.reference, r.summary, r.what_happened, r.organisation_name,
        r.discovery_how, r.countermeasures)
      from pending p where r.id = p.id`.execute(db);
    const n = Number(result.numAffectedRows ?? 0);
    total += n;
    if (n < batch) break;
  }
  return total;
}

/**
 * Indexes pending reports every second until stopped (worker role); stopping runs a last pass. While
 * `busy` (requests queuing in this process) a pass takes one small batch, so intake keeps the database.
 */
export function startReportIndexer(db: Db, logger: Logger, options: { busy?: () => boolean } = {}): Periodic {
  const pass = async () =>
    void (await (options.busy?.() ? indexPendingReports(db, 1, BUSY_BATCH) : indexPendingReports(db)));
  return startPeriodic({ what: "search indexing", logger, intervalMs: 1000, pass, finalPass: pass });
}
