import { type Selectable, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { OncallRole, OncallShiftsTable } from "../../platform/db/tables/oncall.js";

// SQL of the rota: shifts, patterns and their exceptions, swaps, people's phones, calendar tokens.

export type ShiftRow = Selectable<OncallShiftsTable> & {
  user_name: string;
  swap_id: string | null;
  swap_to_id: string | null;
  swap_to_name: string | null;
};

function shiftsWithNames(db: Db) {
  return db
    .selectFrom("oncall_shifts as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .leftJoin("oncall_swaps as w", (j) => j.onRef("w.shift_id", "=", "s.id").on("w.status", "=", "requested"))
    .leftJoin("users as wu", "wu.id", "w.to_user_id")
    .selectAll("s")
    .select(["u.name as user_name", "w.id as swap_id", "wu.id as swap_to_id", "wu.name as swap_to_name"]);
}

/** Shifts overlapping [from, to), optionally one person's, by start. */
export function selectShifts(db: Db, from: Date, to: Date, userId?: string): Promise<ShiftRow[]> {
  let q = shiftsWithNames(db).where("s.starts_at", "<", to).where("s.ends_at", ">", from);
  if (userId) q = q.where("s.user_id", "=", userId);
  return q.orderBy("s.starts_at").orderBy("s.id").limit(2000).execute();
}

/** The shift, with its owner's name and open swap. */
export function selectShift(db: Db, id: string): Promise<ShiftRow | undefined> {
  return shiftsWithNames(db).where("s.id", "=", id).executeTakeFirst();
}

/** The users, by id, among those given, who are active staff. */
export async function selectActiveStaff(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { id: string; name: string; email: string; roles: string[]; language: "sv" | "en" }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("users")
    .select(["id", "name", "email", "roles", "language"])
    .where("id", "in", [...new Set(ids)])
    .where("kind", "=", "staff")
    .where("disabled_at", "is", null)
    .execute();
  return new Map(rows.map((r) => [r.id, { ...r, roles: [...r.roles] }]));
}

export interface NewShift {
  user_id: string;
  role: OncallRole;
  starts_at: Date;
  ends_at: Date;
  pattern_id?: string | null;
  on_date?: string | null;
  created_by: string | null;
}

export async function insertShifts(db: Db, shifts: readonly NewShift[]): Promise<string[]> {
  if (shifts.length === 0) return [];
  const rows = await db
    .insertInto("oncall_shifts")
    .values(shifts.map((s) => ({ ...s, pattern_id: s.pattern_id ?? null, on_date: s.on_date ?? null })))
    .onConflict((oc) => oc.columns(["pattern_id", "on_date"]).doNothing())
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

export async function insertPattern(
  db: Db,
  p: {
    user_id: string;
    role: OncallRole;
    weekday: number;
    start_time: string;
    end_time: string;
    valid_from: string;
    valid_until: string;
    created_by: string | null;
  },
): Promise<string> {
  const row = await db.insertInto("oncall_patterns").values(p).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export function selectPattern(db: Db, id: string) {
  return db.selectFrom("oncall_patterns").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Records a pattern's skipped date and removes its shift on that date; returns whether one was removed. */
export async function insertPatternException(db: Db, patternId: string, date: string): Promise<boolean> {
  await db
    .insertInto("oncall_pattern_exceptions")
    .values({ pattern_id: patternId, on_date: date })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const removed = await db
    .deleteFrom("oncall_shifts")
    .where("pattern_id", "=", patternId)
    .where("on_date", "=", date)
    .executeTakeFirst();
  return Number(removed.numDeletedRows) > 0;
}

export async function selectExceptions(db: Db, patternId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("oncall_pattern_exceptions")
    .select("on_date")
    .where("pattern_id", "=", patternId)
    .execute();
  return new Set(rows.map((r) => r.on_date));
}

export function selectSwapForUpdate(db: Db, id: string) {
  return db.selectFrom("oncall_swaps").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

export async function insertSwap(db: Db, s: { shift_id: string; from_user_id: string; to_user_id: string }) {
  const row = await db
    .insertInto("oncall_swaps")
    .values(s)
    .onConflict((oc) => oc.column("shift_id").where("status", "=", "requested").doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function decideSwapRow(
  db: Db,
  id: string,
  status: "accepted" | "declined",
  by: string,
  at: Date,
): Promise<void> {
  await db.updateTable("oncall_swaps").set({ status, decided_at: at, decided_by: by }).where("id", "=", id).execute();
}

export async function reassignShift(db: Db, shiftId: string, userId: string): Promise<void> {
  // A new owner gets their own reminders.
  await db
    .updateTable("oncall_shifts")
    .set({ user_id: userId, reminded_day_at: null, reminded_hour_at: null })
    .where("id", "=", shiftId)
    .execute();
}

/** Swaps the user is part of (all, for an admin), newest first. */
export function selectSwaps(db: Db, userId: string | null) {
  let q = db
    .selectFrom("oncall_swaps as w")
    .innerJoin("oncall_shifts as s", "s.id", "w.shift_id")
    .innerJoin("users as f", "f.id", "w.from_user_id")
    .innerJoin("users as t", "t.id", "w.to_user_id")
    .select([
      "w.id",
      "w.shift_id",
      "w.status",
      "w.from_user_id",
      "f.name as from_name",
      "w.to_user_id",
      "t.name as to_name",
      "s.starts_at",
      "s.ends_at",
      "s.role",
    ]);
  if (userId) q = q.where((eb) => eb.or([eb("w.from_user_id", "=", userId), eb("w.to_user_id", "=", userId)]));
  return q.orderBy("w.created_at", "desc").limit(200).execute();
}

export async function upsertPhone(db: Db, userId: string, phone: string | null, at: Date): Promise<void> {
  await db
    .insertInto("oncall_people")
    .values({ user_id: userId, phone, updated_at: at })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ phone, updated_at: at }))
    .execute();
}

export async function upsertCalendarToken(db: Db, userId: string, hash: Buffer): Promise<void> {
  await db
    .insertInto("oncall_calendar_tokens")
    .values({ user_id: userId, token_sha256: hash })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ token_sha256: hash, created_at: sql`now()` }))
    .execute();
}

export async function selectCalendarOwner(db: Db, hash: Buffer): Promise<string | null> {
  const row = await db
    .selectFrom("oncall_calendar_tokens")
    .select("user_id")
    .where("token_sha256", "=", hash)
    .executeTakeFirst();
  return row?.user_id ?? null;
}
