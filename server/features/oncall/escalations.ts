import type { Escalation } from "../../../contract/oncall.js";
import { selectRecentEscalations } from "./escalation-store.js";
import { assertMayReadRota } from "./policy.js";
import type { OncallContext } from "./types.js";

/** The latest escalations (of one subject, if given), each with its deliveries and state. */
export async function listEscalations(ctx: OncallContext, subject?: string): Promise<{ items: Escalation[] }> {
  assertMayReadRota(ctx.actor);
  const { escalations, deliveries } = await selectRecentEscalations(ctx.db, 50, subject);
  return {
    items: escalations.map((e) => ({
      id: e.id,
      trigger: e.trigger,
      subject: e.subject_ref,
      title: e.title,
      policyId: e.policy_id,
      startedAt: e.started_at.toISOString(),
      acknowledged: e.acknowledged_at
        ? {
            at: e.acknowledged_at.toISOString(),
            by: e.acknowledged_by ? { id: e.acknowledged_by, name: e.acknowledged_by_name ?? "" } : null,
            method: e.ack_method ?? "console",
          }
        : null,
      deliveries: deliveries
        .filter((d) => d.escalation_id === e.id)
        .map((d) => ({
          step: d.step,
          loop: d.loop,
          channel: d.channel,
          status: d.status,
          userName: d.user_name ?? "",
        })),
    })),
  };
}
