import type { Db } from "../../platform/db/connect.js";

/** Organisations with their abuse and security contacts, for the notifier (one statement for many). */
export async function selectNotificationTargets(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return { organisations: [], contacts: [] };
  const organisations = await db
    .selectFrom("organisations as o")
    .select(["o.id", "o.name", "o.language", "o.notification_interval"])
    .select((eb) =>
      eb
        .exists(
          eb.selectFrom("constituency_inhibitions as i").select("i.id").whereRef("i.organisation_id", "=", "o.id"),
        )
        .as("has_inhibitions"),
    )
    .where("o.id", "in", ids)
    .execute();
  const contacts = await db
    .selectFrom("organisation_contacts")
    .select(["organisation_id", "email", "role", "language", "pgp_key", "pgp_expires_at"])
    .where("organisation_id", "in", ids)
    .where("role", "in", ["abuse", "security"])
    .orderBy("organisation_id")
    .orderBy("created_at")
    .execute();
  return { organisations, contacts };
}
