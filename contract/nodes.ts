import { z } from "zod";

/** One Fyr process as the operations screen shows it (server/platform/nodes.ts). */
export const NodeStatus = z.object({
  id: z.string(),
  roles: z.array(z.string()),
  version: z.string(),
  databaseKind: z.string(),
  startedAt: z.string(),
  lastTickAt: z.string(),
  stoppedAt: z.string().nullable(),
  /** Gone quiet without a clean stop: a peer raised the alarm. */
  silent: z.boolean(),
});
export type NodeStatus = z.infer<typeof NodeStatus>;
