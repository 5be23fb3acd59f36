// The e-mail lists' service (issue 16; forums' lists, issue 17, reuse it): what other features and the
// composition root call. Other features use only what is here.

export { type ListMessage, type SendToListInput, sendToList } from "./send-to-list.js";
export { getCampaign } from "./campaigns.js";
export { type CertKeySource, type DispatchDeps, createListDispatchJob } from "./dispatch.js";
export { startListRetention } from "./retention.js";
export { registerListPublicRoutes } from "./routes-public.js";
export { registerListStaffRoutes } from "./routes-staff.js";
export { registerListMemberRoutes } from "./routes-my.js";
export { listUnsubscribeRoute } from "./unsubscribe-mail.js";
