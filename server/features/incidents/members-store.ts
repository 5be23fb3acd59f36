import type { Db } from "../../platform/db/connect.js";

// SQL for an incident's explicit members (with the assignee and admins, who sees a TLP:RED incident).

export interface MemberRow {
  id: string;
  name: string;
  email: string;
}

/** The incident's members by name. */
export async function selectMembers(db: Db, incidentId: string): Promise<MemberRow[]> {
  return db
    .selectFrom("incident_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.name", "u.email"])
    .where("m.incident_id", "=", incidentId)
    .orderBy("u.name")
    .orderBy("u.id")
    .execute();
}

/** Adds a member; false when already one. */
export async function insertMember(
  tx: Db,
  member: { incidentId: string; userId: string; at: Date; by: string | null },
): Promise<boolean> {
  const inserted = await tx
    .insertInto("incident_members")
    .values({ incident_id: member.incidentId, user_id: member.userId, added_at: member.at, added_by: member.by })
    .onConflict((oc) => oc.columns(["incident_id", "user_id"]).doNothing())
    .returning("user_id")
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Removes a member; false when not one. */
export async function deleteMember(tx: Db, incidentId: string, userId: string): Promise<boolean> {
  const result = await tx
    .deleteFrom("incident_members")
    .where("incident_id", "=", incidentId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
