import type { OnDutyNow, PatternCreate, ShiftCreate, ShiftList, ShiftQuery } from "../../../contract/oncall.js";
import { invalid, notFound } from "../../platform/errors.js";
import { auditOncall } from "./audit.js";
import { addDays, isoWeekday, zonedToUtc } from "./local-time.js";
import { assertMayPlanRota, assertMayReadRota } from "./policy.js";
import { presentShift } from "./present.js";
import {
  type NewShift,
  insertPattern,
  insertPatternException,
  insertShifts,
  selectActiveStaff,
  selectPattern,
  selectShifts,
} from "./rota-store.js";
import type { OncallContext } from "./types.js";

const byId = (ctx: OncallContext) => (ctx.actor.kind === "user" ? ctx.actor.userId : null);

/** Refuses (400 on `path`) anyone who is not an active staff user holding the duty role (or admin). */
async function assertDutyOfficer(ctx: OncallContext, userId: string, path: string): Promise<void> {
  const user = (await selectActiveStaff(ctx.db, [userId])).get(userId);
  if (!user || !(user.roles.includes("duty") || user.roles.includes("admin")))
    throw invalid("validation_failed", "Not a duty officer", [
      { path, message: "No active duty officer has this id", code: "unknown_value" },
    ]);
}

/** One shift for one person (admins plan the rota). */
export async function createShift(ctx: OncallContext, input: ShiftCreate): Promise<{ id: string }> {
  assertMayPlanRota(ctx.actor);
  await assertDutyOfficer(ctx, input.userId, "body.userId");
  return ctx.db.transaction().execute(async (tx) => {
    const [id] = await insertShifts(tx, [
      {
        user_id: input.userId,
        role: input.role,
        starts_at: new Date(input.startsAt),
        ends_at: new Date(input.endsAt),
        created_by: byId(ctx),
      },
    ]);
    if (!id) throw new Error("shift insert returned nothing");
    await auditOncall(ctx, tx, "oncall.shift_created", { type: "oncall_shift", id }, { ...input });
    return { id };
  });
}

/** The pattern's shifts, local wall-clock times made UTC date by date (so DST moves them correctly). */
export function expandPattern(
  p: Pick<PatternCreate, "weekday" | "startTime" | "endTime" | "validFrom" | "validUntil" | "role" | "userId">,
  skip: ReadonlySet<string>,
  timeZone: string,
): Omit<NewShift, "created_by" | "pattern_id">[] {
  const shifts: Omit<NewShift, "created_by" | "pattern_id">[] = [];
  const first = addDays(p.validFrom, (p.weekday - isoWeekday(p.validFrom) + 7) % 7);
  for (let date = first; date <= p.validUntil; date = addDays(date, 7)) {
    if (skip.has(date)) continue;
    const endDate = p.endTime <= p.startTime ? addDays(date, 1) : date;
    shifts.push({
      user_id: p.userId,
      role: p.role,
      starts_at: zonedToUtc(date, p.startTime, timeZone),
      ends_at: zonedToUtc(endDate, p.endTime, timeZone),
      on_date: date,
    });
  }
  return shifts;
}

/** A weekly pattern with its exceptions; its shifts are made now, in one transaction. */
export async function createPattern(ctx: OncallContext, input: PatternCreate): Promise<{ id: string; shifts: number }> {
  assertMayPlanRota(ctx.actor);
  await assertDutyOfficer(ctx, input.userId, "body.userId");
  const shifts = expandPattern(input, new Set(input.exceptions), ctx.config.timeZone);
  return ctx.db.transaction().execute(async (tx) => {
    const id = await insertPattern(tx, {
      user_id: input.userId,
      role: input.role,
      weekday: input.weekday,
      start_time: input.startTime,
      end_time: input.endTime,
      valid_from: input.validFrom,
      valid_until: input.validUntil,
      created_by: byId(ctx),
    });
    for (const date of input.exceptions) await insertPatternException(tx, id, date);
    const made = await insertShifts(
      tx,
      shifts.map((s) => ({ ...s, pattern_id: id, created_by: byId(ctx) })),
    );
    await auditOncall(
      ctx,
      tx,
      "oncall.pattern_created",
      { type: "oncall_pattern", id },
      {
        ...input,
        shifts: made.length,
      },
    );
    return { id, shifts: made.length };
  });
}

/** A date the pattern skips: its shift that day goes. */
export async function addPatternException(ctx: OncallContext, patternId: string, date: string): Promise<void> {
  assertMayPlanRota(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    const pattern = await selectPattern(tx, patternId);
    if (!pattern) throw notFound("oncall_pattern_not_found", "No such pattern");
    const removed = await insertPatternException(tx, patternId, date);
    await auditOncall(
      ctx,
      tx,
      "oncall.pattern_exception",
      { type: "oncall_pattern", id: patternId },
      {
        date,
        removed,
      },
    );
  });
}

/** Shifts overlapping a period (the week view), or one person's. */
export async function listShifts(ctx: OncallContext, query: ShiftQuery): Promise<ShiftList> {
  assertMayReadRota(ctx.actor);
  const rows = await selectShifts(ctx.db, new Date(query.from), new Date(query.to), query.userId);
  return { items: rows.map(presentShift) };
}

/** Who is on duty at this moment, primary and backup. */
export async function onDutyNow(ctx: OncallContext): Promise<OnDutyNow> {
  assertMayReadRota(ctx.actor);
  const now = ctx.clock.now();
  const rows = await selectShifts(ctx.db, now, new Date(now.getTime() + 1));
  const shifts = rows.map(presentShift);
  return {
    at: now.toISOString(),
    primary: shifts.filter((s) => s.role === "primary"),
    backup: shifts.filter((s) => s.role === "backup"),
  };
}
