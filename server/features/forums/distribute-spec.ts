import { z } from "zod";
import type { JobSpec } from "../../platform/jobs/index.js";

/** forums.distribute: one post to every member who takes mail as it comes (the handler: distribute.ts). */
export const distributeSpec: JobSpec<{ postId: string }> = {
  name: "forums.distribute",
  payload: z.object({ postId: z.uuid() }),
  maxAttempts: 8,
};
