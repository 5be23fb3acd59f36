import type { Db } from "../../platform/db/connect.js";

// Which forums an organisation takes part in (issue 17: a forum's TAXII collection is readable by the
// forum's member organisations): the organisation of an active member's account. SQL only.

/** The forums where someone of this organisation is an active member. */
export async function forumsOfOrganisation(db: Db, organisationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("forum_members as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select("m.forum_id")
    .distinct()
    .where("m.status", "=", "active")
    .where("u.organisation_id", "=", organisationId)
    .execute();
  return rows.map((r) => r.forum_id);
}
