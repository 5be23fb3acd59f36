// The vulnerabilities feature's service (issue 16): what other features call. Advisories pull CVSS, KEV
// and EPSS for their CVEs through describeCves; the notice seam is here for the notification machinery.

export { type CveDescription, describeCves, getVulnerability } from "./read-vulnerabilities.js";
export { type ProductNotice, type ProductNoticeSender, directMailNotices } from "./product-notices.js";
export { getOsintItem, markOsintItemUsed } from "./osint/items.js";
