// The duty rota and escalation's face to the composition root and other features.
export { registerOncallPublicRoutes } from "./routes-public.js";
export { registerOncallStaffRoutes } from "./routes-staff.js";
export { createOncallPageJob, type PageHooks } from "./page-job.js";
export { startOncallLoop } from "./background.js";
export { escalationTick } from "./tick.js";
export { takePageReply } from "./mail-reply.js";
/** Other features raise an alarm (a critical feed event at an essential entity) through this. */
export { raiseOncallAlarm } from "./triggers.js";
