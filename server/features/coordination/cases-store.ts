import type { Insertable, Selectable, Updateable } from "kysely";
import type { Actor } from "../../platform/auth/actor.js";
import type { Db } from "../../platform/db/connect.js";
import type {
  CoordinationCasesTable,
  CoordinationParticipantsTable,
  CoordinationStatusHistoryTable,
} from "../../platform/db/tables/coordination.js";
import { participantPostVisibleSql, staffCaseVisibleSql } from "./policy.js";

// SQL of coordination cases and their participants. Visibility conditions come from policy.ts.

export type CaseRow = Selectable<CoordinationCasesTable>;
export type ParticipantRow = Selectable<CoordinationParticipantsTable> & { organisation_name: string };
export type HistoryRow = Selectable<CoordinationStatusHistoryTable> & { changed_by_name: string | null };

export async function insertCase(db: Db, row: Insertable<CoordinationCasesTable>): Promise<CaseRow> {
  return db.insertInto("coordination_cases").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateCaseRow(db: Db, id: string, patch: Updateable<CoordinationCasesTable>): Promise<void> {
  await db.updateTable("coordination_cases").set(patch).where("id", "=", id).execute();
}

export async function selectCaseByReference(
  db: Db,
  reference: string,
  opts: { forUpdate?: boolean } = {},
): Promise<CaseRow | undefined> {
  let q = db.selectFrom("coordination_cases").selectAll().where("reference", "=", reference.toUpperCase());
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function selectCaseById(db: Db, id: string): Promise<CaseRow | undefined> {
  return db.selectFrom("coordination_cases").selectAll().where("id", "=", id).executeTakeFirst();
}

export interface CaseListRow extends CaseRow {
  participants: number;
  posts: number;
}

/** Cases staff `actor` sees, newest change first, after the keyset (updated_at, id). */
export async function selectStaffCases(
  db: Db,
  actor: Actor,
  opts: { status?: "open" | "closed"; limit: number; after?: { at: Date; id: string } },
): Promise<CaseListRow[]> {
  let q = db
    .selectFrom("coordination_cases as c")
    .selectAll("c")
    .select((eb) => [
      eb
        .selectFrom("coordination_participants as p")
        .whereRef("p.case_id", "=", "c.id")
        .select((e) => e.fn.countAll<string>().as("n"))
        .as("participants"),
      eb
        .selectFrom("coordination_posts as o")
        .whereRef("o.case_id", "=", "c.id")
        .select((e) => e.fn.countAll<string>().as("n"))
        .as("posts"),
    ])
    .where(staffCaseVisibleSql(actor, "c"));
  if (opts.status) q = q.where("c.status", "=", opts.status);
  if (opts.after) {
    const { at, id } = opts.after;
    q = q.where((eb) =>
      eb.or([eb("c.updated_at", "<", at), eb.and([eb("c.updated_at", "=", at), eb("c.id", "<", id)])]),
    );
  }
  const rows = await q.orderBy("c.updated_at", "desc").orderBy("c.id", "desc").limit(opts.limit).execute();
  return rows.map((r) => ({ ...r, participants: Number(r.participants ?? 0), posts: Number(r.posts ?? 0) }));
}

/**
 * The cases organisation `organisationId` takes part in, each with the posts its participant sees
 * counted through the policy's condition (never a count of posts it may not know exist).
 */
export async function selectMemberCases(db: Db, organisationId: string, limit: number) {
  const rows = await db
    .selectFrom("coordination_participants as p")
    .innerJoin("coordination_cases as c", "c.id", "p.case_id")
    .selectAll("c")
    .select("p.id as participant_id")
    .where("p.organisation_id", "=", organisationId)
    .orderBy("c.updated_at", "desc")
    .limit(limit)
    .execute();
  const counted = [];
  for (const r of rows) {
    const n = await db
      .selectFrom("coordination_posts as o")
      .where("o.case_id", "=", r.id)
      .where(participantPostVisibleSql(r.participant_id, "o"))
      .select((e) => e.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    counted.push({ ...r, posts: Number(n.n) });
  }
  return counted;
}

export async function insertParticipant(
  db: Db,
  row: Insertable<CoordinationParticipantsTable>,
): Promise<Selectable<CoordinationParticipantsTable>> {
  return db.insertInto("coordination_participants").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateParticipantRow(
  db: Db,
  id: string,
  patch: Updateable<CoordinationParticipantsTable>,
): Promise<void> {
  await db.updateTable("coordination_participants").set(patch).where("id", "=", id).execute();
}

const participantQuery = (db: Db) =>
  db
    .selectFrom("coordination_participants as p")
    .innerJoin("organisations as o", "o.id", "p.organisation_id")
    .selectAll("p")
    .select("o.name as organisation_name");

export async function selectParticipants(db: Db, caseId: string): Promise<ParticipantRow[]> {
  return participantQuery(db).where("p.case_id", "=", caseId).orderBy("p.created_at").orderBy("p.id").execute();
}

export async function selectParticipant(db: Db, caseId: string, id: string): Promise<ParticipantRow | undefined> {
  return participantQuery(db).where("p.case_id", "=", caseId).where("p.id", "=", id).executeTakeFirst();
}

export async function selectParticipantOfOrganisation(
  db: Db,
  caseId: string,
  organisationId: string,
): Promise<ParticipantRow | undefined> {
  return participantQuery(db)
    .where("p.case_id", "=", caseId)
    .where("p.organisation_id", "=", organisationId)
    .executeTakeFirst();
}

/** Records the first view by a member of the participant (later views change nothing). */
export async function markFirstView(db: Db, participantId: string, userId: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable("coordination_participants")
    .set({ first_viewed_at: at, first_viewed_by: userId })
    .where("id", "=", participantId)
    .where("first_viewed_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertHistory(db: Db, row: Insertable<CoordinationStatusHistoryTable>): Promise<void> {
  await db.insertInto("coordination_status_history").values(row).execute();
}

export async function selectHistory(db: Db, participantIds: readonly string[]): Promise<HistoryRow[]> {
  if (participantIds.length === 0) return [];
  return db
    .selectFrom("coordination_status_history as h")
    .leftJoin("users as u", "u.id", "h.changed_by")
    .selectAll("h")
    .select("u.name as changed_by_name")
    .where("h.participant_id", "in", participantIds)
    .orderBy("h.changed_at")
    .orderBy("h.id")
    .execute();
}

/** Cases whose embargo ends before `before` and whose reminder has not gone out. */
export async function selectEmbargoesDue(db: Db, now: Date, before: Date): Promise<CaseRow[]> {
  return db
    .selectFrom("coordination_cases")
    .selectAll()
    .where("embargo_until", "is not", null)
    .where("embargo_reminded_at", "is", null)
    .where("embargo_until", ">", now)
    .where("embargo_until", "<=", before)
    .where("status", "=", "open")
    .limit(100)
    .execute();
}

export async function selectUserName(db: Db, id: string): Promise<string | null> {
  const r = await db.selectFrom("users").select("name").where("id", "=", id).executeTakeFirst();
  return r?.name ?? null;
}

export async function selectUserEmail(db: Db, id: string): Promise<{ email: string; name: string } | undefined> {
  return db.selectFrom("users").select(["email", "name"]).where("id", "=", id).executeTakeFirst();
}

/** The reference of the incident a case was opened from (the id is the case's own column). */
export async function selectIncidentReference(db: Db, id: string): Promise<string | null> {
  const r = await db.selectFrom("incidents").select("reference").where("id", "=", id).executeTakeFirst();
  return r?.reference ?? null;
}
