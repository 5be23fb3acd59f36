import { z } from "zod";
import { EscalationStep } from "../../../contract/oncall.js";

/** A policy's steps as stored (checked on the way in by the contract; parsed again on the way out). */
export const StoredSteps = z.array(EscalationStep);

/** A loop's restart waits at least this long, so a policy whose first step waits 0 does not page in a burst. */
export const MIN_LOOP_WAIT_MINUTES = 5;

/**
 * What follows firing step `step` of loop `loop`: the next step after its wait, or the first step of the
 * next loop, or nothing once the last loop is done.
 */
export function nextAfter(
  steps: readonly EscalationStep[],
  loops: number,
  step: number,
  loop: number,
  now: Date,
): { step: number; loop: number; at: Date | null } {
  const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
  const following = steps[step + 1];
  if (following) return { step: step + 1, loop, at: later(following.afterMinutes) };
  const first = steps[0];
  if (loop + 1 >= loops || !first) return { step, loop, at: null };
  return { step: 0, loop: loop + 1, at: later(Math.max(MIN_LOOP_WAIT_MINUTES, first.afterMinutes)) };
}
