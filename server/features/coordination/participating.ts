import type { Db } from "../../platform/db/connect.js";

// Which coordination cases an organisation takes part in, and as what (issue 17: a case's TAXII
// collection is readable by the case's participants). SQL only.

export interface Participation {
  caseId: string;
  /** Its role on the case is "affected" (the sharing decision lets affected organisations see more). */
  affected: boolean;
}

/** The cases this organisation is a participant of. */
export async function casesOfParticipant(db: Db, organisationId: string): Promise<Participation[]> {
  const rows = await db
    .selectFrom("coordination_participants")
    .select(["case_id", "role"])
    .where("organisation_id", "=", organisationId)
    .execute();
  return rows.map((r) => ({ caseId: r.case_id, affected: r.role === "affected" }));
}
