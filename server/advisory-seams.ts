import { type AdvisorySeams, advisoryListMail } from "./features/advisories/index.js";
import { sendToList } from "./features/mailing-lists/index.js";
import { describeCves, directMailNotices, noticePublishedAdvisory } from "./features/vulnerabilities/index.js";
import { systemActor } from "./platform/auth/actor.js";
import type { Clock } from "./platform/clock.js";
import type { Config } from "./platform/config.js";

// What the advisories feature is handed from its neighbours (composition root, beside app.ts): the CVEs'
// CVSS, KEV and EPSS from vulnerability monitoring, and the mailing lists a publication is mailed to.
// The organisations whose declared products it names are told (vulnerabilities' product notices).
// Each is read or written in the publication's own transaction.
export function advisorySeams(config: Config, clock: Clock): AdvisorySeams {
  const notices = directMailNotices(config);
  return {
    describeCves: (db, cves) => describeCves({ db, clock, actor: systemActor("advisories") }, cves),
    publishListeners: [
      advisoryListMail(sendToList, config.publicUrl),
      async (tx, published, at) => {
        await noticePublishedAdvisory({ db: tx, clock: at, actor: systemActor("advisories") }, published, notices);
      },
    ],
  };
}
