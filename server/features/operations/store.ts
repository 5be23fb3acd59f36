import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { JobStatus } from "../../platform/db/tables/platform.js";

export interface AuditFilter {
  actorId?: string;
  actorPrefix?: string;
  action?: string;
  actionPrefix?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

/** Escapes LIKE wildcards so user text matches literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Audit entries newest first, filtered, after the keyset `beforeId`. */
export async function selectAuditEntries(db: Db, filter: AuditFilter, beforeId: number | undefined, limit: number) {
  let query = db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(limit);
  if (beforeId !== undefined) query = query.where("id", "<", beforeId);
  if (filter.actorId) query = query.where("actor_id", "=", filter.actorId);
  if (filter.actorPrefix) query = query.where(sql<boolean>`actor ilike ${`${likeLiteral(filter.actorPrefix)}%`}`);
  if (filter.action) query = query.where("action", "=", filter.action);
  if (filter.actionPrefix) query = query.where("action", "like", `${likeLiteral(filter.actionPrefix)}%`);
  if (filter.targetType) query = query.where("target_type", "=", filter.targetType);
  if (filter.targetId) query = query.where("target_id", "=", filter.targetId);
  if (filter.from) query = query.where("at", ">=", filter.from);
  if (filter.to) query = query.where("at", "<", filter.to);
  return query.execute();
}

/** Outbox messages newest first, after the keyset (createdAt, id). */
export async function selectOutbox(db: Db, after: { at: Date; id: string } | undefined, limit: number) {
  let query = db
    .selectFrom("mail_messages")
    .select(["id", "recipients", "subject", "text_body", "status", "error", "created_at", "sent_at"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit);
  if (after) {
    query = query.where((eb) =>
      eb.or([eb("created_at", "<", after.at), eb.and([eb("created_at", "=", after.at), eb("id", "<", after.id)])]),
    );
  }
  return query.execute();
}

/** Jobs newest first, optionally of one status, after the keyset `beforeId`. */
export async function selectJobs(db: Db, status: JobStatus | undefined, beforeId: number | undefined, limit: number) {
  let query = db
    .selectFrom("jobs")
    .select(["id", "name", "status", "attempts", "max_attempts", "last_error", "run_at", "created_at", "updated_at"])
    .orderBy("id", "desc")
    .limit(limit);
  if (status) query = query.where("status", "=", status);
  if (beforeId !== undefined) query = query.where("id", "<", beforeId);
  return query.execute();
}

/** Jobs that used up their attempts. */
export async function countFailedJobs(db: Db): Promise<number> {
  const row = await db
    .selectFrom("jobs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "failed")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Outgoing mail that failed, and mail still queued since before `stuckBefore`. */
export async function countMailProblems(db: Db, stuckBefore: Date): Promise<{ failed: number; stuck: number }> {
  const row = await db
    .selectFrom("mail_messages")
    .select([
      (eb) => eb.fn.countAll<number>().filterWhere("status", "=", "failed").as("failed"),
      (eb) =>
        eb.fn
          .countAll<number>()
          .filterWhere("status", "=", "queued")
          .filterWhere("created_at", "<", stuckBefore)
          .as("stuck"),
    ])
    .where("status", "in", ["failed", "queued"])
    .executeTakeFirstOrThrow();
  return { failed: Number(row.failed), stuck: Number(row.stuck) };
}

/** Staff names by user id, for the audit trail's actors and targets. */
export async function selectUserNamesById(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("id", "in", [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
