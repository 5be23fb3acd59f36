export { registerIntakePublicRoutes } from "./routes-public.js";
export { registerIntakeStaffRoutes } from "./routes-staff.js";
export { registerPlainReportForm } from "./routes-plain-form.js";
export { intakeJobs } from "./jobs.js";
