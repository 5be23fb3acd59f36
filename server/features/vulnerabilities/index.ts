// The vulnerabilities feature's service (issue 16): what other features call. Advisories pull CVSS, KEV
// and EPSS for their CVEs through describeCves; a published advisory tells the organisations running its
// products through noticePublishedAdvisory (the same sender as the KEV notices).

export { type CveDescription, describeCves, getVulnerability } from "./read-vulnerabilities.js";
export { type ProductNotice, type ProductNoticeSender, directMailNotices } from "./product-notices.js";
export { type PublishedAdvisoryFacts, noticePublishedAdvisory } from "./advisory-notices.js";
export { getOsintItem, markOsintItemUsed } from "./osint/items.js";
