import { type AdvisorySeams, advisoryListMail } from "./features/advisories/index.js";
import { sendToList } from "./features/mailing-lists/index.js";
import { describeCves } from "./features/vulnerabilities/index.js";
import { systemActor } from "./platform/auth/actor.js";
import type { Clock } from "./platform/clock.js";
import type { Config } from "./platform/config.js";

// What the advisories feature is handed from its neighbours (composition root, beside app.ts): the CVEs'
// CVSS, KEV and EPSS from vulnerability monitoring, and the mailing lists a publication is mailed to.
// Each is read or written in the publication's own transaction.
export function advisorySeams(config: Config, clock: Clock): AdvisorySeams {
  return {
    describeCves: (db, cves) => describeCves({ db, clock, actor: systemActor("advisories") }, cves),
    publishListeners: [advisoryListMail(sendToList, config.publicUrl)],
  };
}
