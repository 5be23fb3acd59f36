import { type OperationNodeSource, sql } from "kysely";
import type { Db } from "./connect.js";

/**
 * Runs several inserts (or other data-modifying queries) as one statement, each in a data-modifying
 * WITH clause: one round trip instead of one each, and atomic without a transaction of its own. Hot
 * paths gather their writes this way (a report's intake: the report, its jobs, its receipt, its audit
 * entry). All see the statement's snapshot, and foreign keys are checked at its end, so a child row may
 * name a parent inserted beside it; a query may not read another's rows.
 */
export async function writeTogether(db: Db, writes: readonly OperationNodeSource[]): Promise<void> {
  if (writes.length === 0) return;
  const [only] = writes;
  if (writes.length === 1 && only) {
    await sql`${only}`.execute(db);
    return;
  }
  const clauses = writes.map((write, i) => sql`${sql.id(`w${i}`)} as (${write})`);
  await sql`with ${sql.join(clauses)} select 1`.execute(db);
}

/**
 * Writes gathered for one statement. A function that writes can take a batch in place of a Db (audit,
 * outbound mail, jobs) and add its insert instead of running it; `run` then sends them all at once.
 */
export class WriteBatch {
  private readonly writes: OperationNodeSource[] = [];

  constructor(readonly db: Db) {}

  add(...writes: OperationNodeSource[]): void {
    this.writes.push(...writes);
  }

  async run(): Promise<void> {
    await writeTogether(this.db, this.writes.splice(0));
  }
}

/** The Db to build queries on: the batch's own, or `target` itself. */
export const dbOf = (target: Db | WriteBatch): Db => (target instanceof WriteBatch ? target.db : target);

/** Runs `writes` (built on dbOf(target)) now, or adds them to the batch. */
export async function writeNowOrLater(target: Db | WriteBatch, writes: OperationNodeSource[]): Promise<void> {
  if (target instanceof WriteBatch) target.add(...writes);
  else await writeTogether(target, writes);
}
