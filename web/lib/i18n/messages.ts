import accountsEn from "./accounts.en.json" with { type: "json" };
import advisoriesEn from "./advisories.en.json" with { type: "json" };
import exchangeEn from "./exchange.en.json" with { type: "json" };
import exchangeSv from "./exchange.sv.json" with { type: "json" };
import mispEn from "./misp.en.json" with { type: "json" };
import mispSv from "./misp.sv.json" with { type: "json" };
import advisoriesSv from "./advisories.sv.json" with { type: "json" };
import accountsSv from "./accounts.sv.json" with { type: "json" };
import attentionEn from "./attention.en.json" with { type: "json" };
import attentionSv from "./attention.sv.json" with { type: "json" };
import constituencyImportEn from "./constituency-import.en.json" with { type: "json" };
import constituencyImportSv from "./constituency-import.sv.json" with { type: "json" };
import constituencyEn from "./constituency.en.json" with { type: "json" };
import constituencySv from "./constituency.sv.json" with { type: "json" };
import en from "./en.json" with { type: "json" };
import evidenceEn from "./evidence.en.json" with { type: "json" };
import evidenceSv from "./evidence.sv.json" with { type: "json" };
import feedsEn from "./feeds.en.json" with { type: "json" };
import feedsSv from "./feeds.sv.json" with { type: "json" };
import forumsEn from "./forums.en.json" with { type: "json" };
import forumsSv from "./forums.sv.json" with { type: "json" };
import oncallEn from "./oncall.en.json" with { type: "json" };
import oncallSv from "./oncall.sv.json" with { type: "json" };
import oncallOpsEn from "./oncall-ops.en.json" with { type: "json" };
import oncallOpsSv from "./oncall-ops.sv.json" with { type: "json" };
import notificationsEn from "./notifications.en.json" with { type: "json" };
import notificationsSv from "./notifications.sv.json" with { type: "json" };
import listsEn from "./lists.en.json" with { type: "json" };
import listsSv from "./lists.sv.json" with { type: "json" };
import coordinationEn from "./coordination.en.json" with { type: "json" };
import coordinationSv from "./coordination.sv.json" with { type: "json" };
import membersEn from "./members.en.json" with { type: "json" };
import membersSv from "./members.sv.json" with { type: "json" };
import observablesEn from "./observables.en.json" with { type: "json" };
import observablesSv from "./observables.sv.json" with { type: "json" };
import statisticsEn from "./statistics.en.json" with { type: "json" };
import statisticsSv from "./statistics.sv.json" with { type: "json" };
import operationsAdminEn from "./operations-admin.en.json" with { type: "json" };
import operationsAdminSv from "./operations-admin.sv.json" with { type: "json" };
import sv from "./sv.json" with { type: "json" };
import vulnerabilitiesEn from "./vulnerabilities.en.json" with { type: "json" };
import vulnerabilitiesSv from "./vulnerabilities.sv.json" with { type: "json" };
import workspaceEn from "./workspace.en.json" with { type: "json" };
import workspaceSv from "./workspace.sv.json" with { type: "json" };
import yaraEn from "./yara.en.json" with { type: "json" };
import yaraSv from "./yara.sv.json" with { type: "json" };

// The interface's words per language. The workspace screens (dashboard, search, playbook and template
// administration) and the observable screens keep theirs in their own files under their own top-level
// keys, merged here, as do the account screens (invitations, links), evidence (files, custody) and the
// YARA, feeds, constituency (directory, organisations, import) and member screens (the member app and
// the console's member screens), and the vulnerability and OSINT screens; their error codes join the shared `errors` block (and field codes `fieldErrors`).
export const messages = {
  sv: {
    ...sv,
    ...workspaceSv,
    ...observablesSv,
    ...accountsSv,
    ...attentionSv,
    ...evidenceSv,
    yara: yaraSv.yara,
    feeds: feedsSv.feeds,
    notifications: notificationsSv.notifications,
    constituencyImport: constituencyImportSv.constituencyImport,
    member: membersSv.member,
    memberAdmin: membersSv.memberAdmin,
    constituency: constituencySv.constituency,
    vulnerabilities: vulnerabilitiesSv.vulnerabilities,
    osint: vulnerabilitiesSv.osint,
    lists: listsSv.lists,
    advisories: advisoriesSv.advisories,
    statistics: statisticsSv.statistics,
    operationsAdmin: operationsAdminSv.operationsAdmin,
    exchange: exchangeSv.exchange,
    misp: mispSv.misp,
    coordination: coordinationSv.coordination,
    forums: forumsSv.forums,
    oncall: oncallSv.oncall,
    oncallOps: oncallOpsSv.oncallOps,
    errors: {
      ...sv.errors,
      ...observablesSv.errors,
      ...accountsSv.errors,
      ...evidenceSv.errors,
      ...yaraSv.errors,
      ...feedsSv.errors,
      ...notificationsSv.errors,
      ...constituencySv.errors,
      ...constituencyImportSv.errors,
      ...membersSv.errors,
      ...vulnerabilitiesSv.errors,
      ...listsSv.errors,
      ...advisoriesSv.errors,
      ...exchangeSv.errors,
      ...mispSv.errors,
      ...coordinationSv.errors,
      ...forumsSv.errors,
      ...oncallSv.errors,
    },
    fieldErrors: {
      ...sv.fieldErrors,
      ...yaraSv.fieldErrors,
      ...feedsSv.fieldErrors,
      ...constituencySv.fieldErrors,
      ...advisoriesSv.fieldErrors,
      ...coordinationSv.fieldErrors,
      ...forumsSv.fieldErrors,
    },
  },
  en: {
    ...en,
    ...workspaceEn,
    ...observablesEn,
    ...accountsEn,
    ...attentionEn,
    ...evidenceEn,
    yara: yaraEn.yara,
    feeds: feedsEn.feeds,
    notifications: notificationsEn.notifications,
    constituencyImport: constituencyImportEn.constituencyImport,
    member: membersEn.member,
    memberAdmin: membersEn.memberAdmin,
    constituency: constituencyEn.constituency,
    vulnerabilities: vulnerabilitiesEn.vulnerabilities,
    osint: vulnerabilitiesEn.osint,
    lists: listsEn.lists,
    advisories: advisoriesEn.advisories,
    statistics: statisticsEn.statistics,
    operationsAdmin: operationsAdminEn.operationsAdmin,
    exchange: exchangeEn.exchange,
    misp: mispEn.misp,
    coordination: coordinationEn.coordination,
    forums: forumsEn.forums,
    oncall: oncallEn.oncall,
    oncallOps: oncallOpsEn.oncallOps,
    errors: {
      ...en.errors,
      ...observablesEn.errors,
      ...accountsEn.errors,
      ...evidenceEn.errors,
      ...yaraEn.errors,
      ...feedsEn.errors,
      ...notificationsEn.errors,
      ...constituencyEn.errors,
      ...constituencyImportEn.errors,
      ...membersEn.errors,
      ...vulnerabilitiesEn.errors,
      ...listsEn.errors,
      ...advisoriesEn.errors,
      ...exchangeEn.errors,
      ...mispEn.errors,
      ...coordinationEn.errors,
      ...forumsEn.errors,
      ...oncallEn.errors,
    },
    fieldErrors: {
      ...en.fieldErrors,
      ...yaraEn.fieldErrors,
      ...feedsEn.fieldErrors,
      ...constituencyEn.fieldErrors,
      ...advisoriesEn.fieldErrors,
      ...coordinationEn.fieldErrors,
      ...forumsEn.fieldErrors,
    },
  },
};
