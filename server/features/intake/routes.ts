export { registerIntakePublicRoutes } from "./routes-public.js";
export { registerIntakeStaffRoutes } from "./routes-staff.js";
export { intakeJobs } from "./jobs.js";
