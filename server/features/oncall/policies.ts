import type { EscalationPolicy, EscalationPolicyInput } from "../../../contract/oncall.js";
import { auditOncall } from "./audit.js";
import { selectPolicies, selectPolicy, upsertPolicy } from "./escalation-store.js";
import { assertMayPlanRota, assertMayReadRota } from "./policy.js";
import { StoredSteps } from "./steps.js";
import type { OncallContext } from "./types.js";

type PolicyRow = Awaited<ReturnType<typeof selectPolicies>>[number];
const present = (r: PolicyRow): EscalationPolicy => ({
  id: r.id,
  trigger: r.trigger,
  sectors: r.sectors,
  steps: StoredSteps.parse(r.steps),
  loops: r.loops,
  updatedAt: r.updated_at.toISOString(),
});

/** Every escalation policy. */
export async function listPolicies(ctx: OncallContext): Promise<{ items: EscalationPolicy[] }> {
  assertMayReadRota(ctx.actor);
  return { items: (await selectPolicies(ctx.db)).map(present) };
}

/** Creates or replaces a policy (PUT /api/v1/oncall/escalation: the "default" one unless named). */
export async function savePolicy(ctx: OncallContext, input: EscalationPolicyInput): Promise<EscalationPolicy> {
  assertMayPlanRota(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await selectPolicy(tx, input.id);
    await upsertPolicy(
      tx,
      { ...input, updated_by: ctx.actor.kind === "user" ? ctx.actor.userId : null },
      ctx.clock.now(),
    );
    await auditOncall(
      ctx,
      tx,
      "oncall.policy_saved",
      { type: "oncall_policy", id: input.id },
      {
        before: before
          ? { trigger: before.trigger, sectors: before.sectors, steps: before.steps, loops: before.loops }
          : null,
        after: { trigger: input.trigger, sectors: input.sectors, steps: input.steps, loops: input.loops },
      },
    );
    const saved = await selectPolicy(tx, input.id);
    if (!saved) throw new Error("policy vanished");
    return present(saved);
  });
}
