// The forums' service (issue 17): what the composition root and other features call.

export { createForumDistributeJob } from "./distribute.js";
export { startForumDigests } from "./digests.js";
export { forumMailRoute } from "./list-mail-in.js";
export { startForumReconfirmation } from "./reconfirmation.js";
export { registerForumMemberRoutes } from "./routes-my.js";
export { registerForumStaffRoutes } from "./routes-staff.js";
export { forumsOfOrganisation } from "./member-organisations.js";
