import type { AnyJobDefinition } from "../../platform/jobs/index.js";
import type { AppDeps } from "../../platform/deps.js";
import { createBlobSweepJob } from "./blob-sweep.js";

/** Intake's background jobs (the receipt mail goes through the platform's mail.send job). */
export function intakeJobs(deps: Pick<AppDeps, "blobs">): AnyJobDefinition[] {
  return [createBlobSweepJob(deps.blobs)];
}
