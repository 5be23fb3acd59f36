import { sql } from "kysely";
import { notFound } from "../../platform/errors.js";
import { auditOncall } from "./audit.js";
import { assertMayPlanRota, assertMayReadRota } from "./policy.js";
import { selectActiveStaff, upsertPhone } from "./rota-store.js";
import type { OncallContext } from "./types.js";

/** The duty officers the rota can name (active staff with the duty role), with their SMS number. */
export async function listOfficers(ctx: OncallContext) {
  assertMayReadRota(ctx.actor);
  const rows = await ctx.db
    .selectFrom("users as u")
    .leftJoin("oncall_people as p", "p.user_id", "u.id")
    .select(["u.id", "u.name", "p.phone"])
    .where("u.kind", "=", "staff")
    .where("u.disabled_at", "is", null)
    .where(sql<boolean>`'duty' = any(u.roles)`)
    .orderBy("u.name")
    .limit(500)
    .execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, phone: r.phone ?? null })) };
}

/** An officer's phone for SMS pages (admins keep the rota's contact details). */
export async function setPhone(ctx: OncallContext, userId: string, phone: string | null): Promise<void> {
  assertMayPlanRota(ctx.actor);
  if (!(await selectActiveStaff(ctx.db, [userId])).has(userId))
    throw notFound("oncall_officer_not_found", "No such user");
  await ctx.db.transaction().execute(async (tx) => {
    await upsertPhone(tx, userId, phone, ctx.clock.now());
    // The number itself is personal data: the trail says it changed, not what it is.
    await auditOncall(ctx, tx, "oncall.phone_set", { type: "user", id: userId }, { phone: phone ? "set" : "removed" });
  });
}
