import { z } from "zod";
import { JOB_PRIORITY, type JobSpec } from "../../platform/jobs/index.js";

/**
 * The list dispatcher's job: releases a campaign's deliveries into the outbox within the send budget,
 * then queues its next run. Enqueued with the list's priority (flash alerts: interactive). The handler
 * is dispatch.ts's (it needs the configuration and the CERT key).
 */
export const dispatchSpec: JobSpec<{ campaignId: string }> = {
  name: "lists.dispatch",
  payload: z.object({ campaignId: z.uuid() }),
  maxAttempts: 12,
  priority: JOB_PRIORITY.normal,
};
