import { type Handover, HandoverPrefill } from "../../../contract/oncall.js";
import { conflict, forbidden, invalid, notFound } from "../../platform/errors.js";
import { dashboard } from "../dashboard/dashboard.js";
import { auditOncall } from "./audit.js";
import { assertMayDoDuty, seesEverySwap } from "./policy.js";
import { selectActiveStaff } from "./rota-store.js";
import type { OncallContext } from "./types.js";

// The handover between shifts: the outgoing officer's note, pre-filled with what the duty dashboard shows
// (reports waiting, overdue incidents, NIS2 deadlines within the next 24 hours — a shift's length), and
// the incoming officer's acknowledgement. Both are audited.

const userIdOf = (ctx: OncallContext) => (ctx.actor.kind === "user" ? ctx.actor.userId : "");

/** What the note starts from: the dashboard's view for the outgoing officer (the TLP policy applies). */
export async function handoverPrefill(ctx: OncallContext): Promise<HandoverPrefill> {
  assertMayDoDuty(ctx.actor);
  const d = await dashboard(ctx);
  return {
    openReports: d.unacknowledged.items.slice(0, 50).map((r) => ({
      reference: r.reference,
      summary: r.summary ?? "",
      overdue: r.overdue,
    })),
    incidents: d.overdueIncidents.items.map((i) => ({ reference: i.reference, title: i.title, severity: i.severity })),
    nis2Deadlines: d.nis2Due.map((n) => ({ reference: n.reference, kind: n.kind, party: n.party, dueAt: n.dueAt })),
  };
}

/** The outgoing officer writes the note to the incoming one. */
export async function writeHandover(
  ctx: OncallContext,
  input: { toUserId: string; note: string },
): Promise<{ id: string }> {
  assertMayDoDuty(ctx.actor);
  const from = userIdOf(ctx);
  const to = (await selectActiveStaff(ctx.db, [input.toUserId])).get(input.toUserId);
  if (!to || input.toUserId === from)
    throw invalid("validation_failed", "Not another officer", [
      { path: "body.toUserId", message: "Name another active staff user", code: "unknown_value" },
    ]);
  const prefill = await handoverPrefill(ctx);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto("oncall_handovers")
      .values({ from_user_id: from, to_user_id: input.toUserId, note: input.note, prefill: JSON.stringify(prefill) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await auditOncall(
      ctx,
      tx,
      "oncall.handover_written",
      { type: "oncall_handover", id: row.id },
      {
        to: input.toUserId,
        openReports: prefill.openReports.length,
        incidents: prefill.incidents.length,
        nis2Deadlines: prefill.nis2Deadlines.length,
      },
    );
    return { id: row.id };
  });
}

/** The incoming officer acknowledges the note (once). */
export async function acknowledgeHandover(ctx: OncallContext, id: string): Promise<void> {
  assertMayDoDuty(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom("oncall_handovers").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
    if (!row) throw notFound("oncall_handover_not_found", "No such handover");
    if (row.to_user_id !== userIdOf(ctx))
      throw forbidden("oncall_not_your_handover", "This handover is to someone else");
    if (row.acknowledged_at) throw conflict("oncall_handover_acknowledged", "Already acknowledged");
    await tx.updateTable("oncall_handovers").set({ acknowledged_at: ctx.clock.now() }).where("id", "=", id).execute();
    await auditOncall(
      ctx,
      tx,
      "oncall.handover_acknowledged",
      { type: "oncall_handover", id },
      { from: row.from_user_id },
    );
  });
}

/** Handovers to or from the caller (every one, for an admin), newest first. */
export async function listHandovers(ctx: OncallContext): Promise<{ items: Handover[] }> {
  assertMayDoDuty(ctx.actor);
  let q = ctx.db
    .selectFrom("oncall_handovers as h")
    .innerJoin("users as f", "f.id", "h.from_user_id")
    .innerJoin("users as t", "t.id", "h.to_user_id")
    .selectAll("h")
    .select(["f.name as from_name", "t.name as to_name"]);
  if (!seesEverySwap(ctx.actor)) {
    const me = userIdOf(ctx);
    q = q.where((eb) => eb.or([eb("h.from_user_id", "=", me), eb("h.to_user_id", "=", me)]));
  }
  const rows = await q.orderBy("h.created_at", "desc").limit(50).execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      from: { id: r.from_user_id, name: r.from_name },
      to: { id: r.to_user_id, name: r.to_name },
      note: r.note,
      prefill: HandoverPrefill.parse(r.prefill),
      createdAt: r.created_at.toISOString(),
      acknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    })),
  };
}
