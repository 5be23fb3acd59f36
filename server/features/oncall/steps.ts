import { z } from "zod";
import { EscalationStep } from "../../../contract/oncall.js";

/** A policy's steps as stored (checked on the way in by the contract; parsed again on the way out). */
export const StoredSteps = z.array(EscalationStep);

/** A loop's restart waits at least this long, so a policy whose first step waits 0 does not page in a burst. */
export const MIN_LOOP_WAIT_MINUTES = 5;
