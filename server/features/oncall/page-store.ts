import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { DeliveryStatus, OncallChannel } from "../../platform/db/tables/oncall.js";

// SQL of sending one page: the page with its escalation and policy, whom to wake, the deliveries.

export function selectPageForSending(db: Db, pageId: string) {
  return db
    .selectFrom("oncall_pages as pg")
    .innerJoin("oncall_escalations as e", "e.id", "pg.escalation_id")
    .innerJoin("oncall_policies as p", "p.id", "e.policy_id")
    .select([
      "pg.id",
      "pg.step",
      "pg.loop",
      "pg.status",
      "e.id as escalation_id",
      "e.trigger",
      "e.subject_ref",
      "e.title",
      "e.acknowledged_at",
      "p.steps",
    ])
    .where("pg.id", "=", pageId)
    .executeTakeFirst();
}

export async function setPageStatus(db: Db, pageId: string, status: "sent" | "failed" | "skipped"): Promise<void> {
  await db.updateTable("oncall_pages").set({ status }).where("id", "=", pageId).execute();
}

export interface Recipient {
  id: string;
  name: string;
  email: string;
  language: "sv" | "en";
  phone: string | null;
}

const recipientColumns = ["u.id", "u.name", "u.email", "u.language", "pp.phone"] as const;

/** Active staff on shift at `at` in these roles (both when null), primary first. */
export async function selectOnShift(db: Db, at: Date, role: "primary" | "backup" | null): Promise<Recipient[]> {
  let q = db
    .selectFrom("oncall_shifts as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .leftJoin("oncall_people as pp", "pp.user_id", "u.id")
    .select(recipientColumns)
    .where("s.starts_at", "<=", at)
    .where("s.ends_at", ">", at)
    .where("u.disabled_at", "is", null);
  if (role) q = q.where("s.role", "=", role);
  const rows = await q.orderBy("s.role", "desc").orderBy("u.id").execute();
  return [...new Map(rows.map((r) => [r.id, r])).values()];
}

/** Active staff users with these ids, or, with none given, everyone holding the duty role. */
export function selectPeople(db: Db, ids: readonly string[] | "all-duty"): Promise<Recipient[]> {
  let q = db
    .selectFrom("users as u")
    .leftJoin("oncall_people as pp", "pp.user_id", "u.id")
    .select(recipientColumns)
    .where("u.kind", "=", "staff")
    .where("u.disabled_at", "is", null);
  q =
    ids === "all-duty"
      ? q.where(sql<boolean>`'duty' = any(u.roles)`)
      : q.where("u.id", "in", ids.length ? [...ids] : [""]);
  return q.orderBy("u.id").limit(100).execute();
}

export function selectDelivery(db: Db, pageId: string, userId: string | null, channel: OncallChannel) {
  let q = db
    .selectFrom("oncall_deliveries")
    .select(["id", "status"])
    .where("page_id", "=", pageId)
    .where("channel", "=", channel);
  q = userId === null ? q.where("user_id", "is", null) : q.where("user_id", "=", userId);
  return q.executeTakeFirst();
}

/** The delivery's row, made queued if new; returns its id and state. */
export async function upsertDelivery(
  db: Db,
  d: { page_id: string; user_id: string | null; channel: OncallChannel; target: string },
  at: Date,
): Promise<{ id: string; status: DeliveryStatus }> {
  await db
    .insertInto("oncall_deliveries")
    .values({ ...d, updated_at: at })
    .onConflict((oc) => oc.columns(["page_id", "user_id", "channel"]).doNothing())
    .execute();
  const row = await selectDelivery(db, d.page_id, d.user_id, d.channel);
  if (!row) throw new Error("delivery row vanished");
  return row;
}

export async function setDeliveryStatus(
  db: Db,
  id: string,
  status: DeliveryStatus,
  error: string | null,
  at: Date,
): Promise<void> {
  await db
    .updateTable("oncall_deliveries")
    .set({ status, error: error?.slice(0, 500) ?? null, updated_at: at })
    .where("id", "=", id)
    .execute();
}

export async function insertAckToken(
  db: Db,
  t: { token_sha256: Buffer; escalation_id: string; user_id: string | null; language: "sv" | "en"; expires_at: Date },
): Promise<void> {
  await db.insertInto("oncall_ack_tokens").values(t).execute();
}
