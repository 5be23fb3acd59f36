import { z } from "zod";
import { JOB_PRIORITY, type JobSpec } from "../../platform/jobs/index.js";

/** The job that sends one claimed escalation step (an oncall_pages row); page-job.ts holds the handler. */
export const oncallPageSpec: JobSpec<{ pageId: string }> = {
  name: "oncall.page",
  payload: z.object({ pageId: z.uuid() }),
  // Back-off from 5 s: a dead gateway is retried for a while, the fallback channels go first anyway.
  maxAttempts: 8,
  // Someone must be woken: before receipts and scans.
  priority: JOB_PRIORITY.interactive - 5,
};
