// Coordination cases' service (issue 17): what the composition root and other features call.

export { getCase, listCases } from "./cases.js";
export { remindEmbargoes, startEmbargoReminders } from "./embargo.js";
export { registerCoordinationMemberRoutes } from "./routes-my.js";
export { registerCoordinationStaffRoutes } from "./routes-staff.js";
export { takeCoordinationMail } from "./take-coordination-mail.js";
export { type Participation, casesOfParticipant } from "./participating.js";
