import type { Swap } from "../../../contract/oncall.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { auditOncall } from "./audit.js";
import { assertMayActOnShift, assertMayDecideSwap, assertMayDoDuty, seesEverySwap } from "./policy.js";
import {
  decideSwapRow,
  insertSwap,
  reassignShift,
  selectActiveStaff,
  selectShift,
  selectSwapForUpdate,
  selectSwaps,
} from "./rota-store.js";
import type { OncallContext } from "./types.js";

/** The shift's officer asks another duty officer to take it (admins may ask for anyone's shift). */
export async function requestSwap(ctx: OncallContext, shiftId: string, toUserId: string): Promise<{ id: string }> {
  assertMayDoDuty(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const shift = await selectShift(tx, shiftId);
    if (!shift) throw notFound("oncall_shift_not_found", "No such shift");
    assertMayActOnShift(ctx.actor, shift.user_id);
    const to = (await selectActiveStaff(tx, [toUserId])).get(toUserId);
    if (!to || toUserId === shift.user_id || !(to.roles.includes("duty") || to.roles.includes("admin")))
      throw invalid("validation_failed", "Not another duty officer", [
        { path: "body.toUserId", message: "Name another active duty officer", code: "unknown_value" },
      ]);
    const id = await insertSwap(tx, { shift_id: shiftId, from_user_id: shift.user_id, to_user_id: toUserId });
    if (!id) throw conflict("oncall_swap_open", "This shift already has an open swap request");
    await auditOncall(
      ctx,
      tx,
      "oncall.swap_requested",
      { type: "oncall_shift", id: shiftId },
      { swapId: id, toUserId },
    );
    return { id };
  });
}

/** The officer asked accepts (the shift becomes theirs) or declines; an admin may decide any. */
export async function decideSwap(ctx: OncallContext, swapId: string, accept: boolean): Promise<void> {
  assertMayDoDuty(ctx.actor);
  const actor = ctx.actor;
  if (actor.kind !== "user") throw new Error("unreachable: duty officers are users");
  await ctx.db.transaction().execute(async (tx) => {
    const swap = await selectSwapForUpdate(tx, swapId);
    if (!swap) throw notFound("oncall_swap_not_found", "No such swap request");
    assertMayDecideSwap(actor, swap.to_user_id);
    if (swap.status !== "requested") throw conflict("oncall_swap_decided", `This swap is already ${swap.status}`);
    const status = accept ? "accepted" : "declined";
    await decideSwapRow(tx, swapId, status, actor.userId, ctx.clock.now());
    if (accept) await reassignShift(tx, swap.shift_id, swap.to_user_id);
    await auditOncall(
      ctx,
      tx,
      `oncall.swap_${status}`,
      { type: "oncall_shift", id: swap.shift_id },
      {
        swapId,
        from: swap.from_user_id,
        to: swap.to_user_id,
      },
    );
  });
}

/** Swaps the caller is part of; an admin sees all. */
export async function listSwaps(ctx: OncallContext): Promise<{ items: Swap[] }> {
  assertMayDoDuty(ctx.actor);
  const actor = ctx.actor;
  const mine = actor.kind === "user" && !seesEverySwap(actor) ? actor.userId : null;
  const rows = await selectSwaps(ctx.db, mine);
  return {
    items: rows.map((r) => ({
      id: r.id,
      shiftId: r.shift_id,
      from: { id: r.from_user_id, name: r.from_name },
      to: { id: r.to_user_id, name: r.to_name },
      status: r.status,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      role: r.role,
    })),
  };
}
