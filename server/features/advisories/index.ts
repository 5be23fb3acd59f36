// The advisories feature's face to the composition root and to other features: the seams through which
// vulnerability monitoring (describeCves) and the mailing lists (publish listeners) join in.

export { createAdvisoryRuntime, type AdvisoryRuntime } from "./runtime.js";
export { registerAdvisoryRoutes } from "./routes.js";
export { registerAdvisoryPublicRoutes } from "./routes-public.js";
export { startScheduledPublishing, publishDueAdvisories } from "./scheduled-publishing.js";
export { loadCsafValidator } from "./csaf/validate.js";
export { advisoryListMail, type SendListMail } from "./list-mail.js";
export type { AdvisorySeams, CveDescription, DescribeCves, PublishedAdvisory, PublishListener } from "./types.js";
export { advisoriesNamingCve } from "./read-advisories.js";
export { type NewsItem, addNewsToWeeklyLetter, draftAdvisoryFromNews } from "./from-news.js";
