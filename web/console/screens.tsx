import { ChangeRequests } from "./screens/members/ChangeRequests.js";
import { OrganisationMembers } from "./screens/members/OrganisationMembers.js";
import { type ReactNode, Suspense, lazy } from "react";
import type { Me } from "../lib/api/types.js";
import type { ConsoleRouteId } from "./routes.js";
import { MyAccount } from "./screens/account/MyAccount.js";
import { Directory } from "./screens/constituency/Directory.js";
import { NewOrganisation } from "./screens/constituency/NewOrganisation.js";
import { OrganisationPage } from "./screens/constituency/OrganisationPage.js";
import { DoubleClaims, UnverifiedContacts } from "./screens/constituency/ReviewLists.js";
import { Audit } from "./screens/Audit.js";
import { DutyDashboard } from "./screens/dashboard/DutyDashboard.js";
import { FailedJobs } from "./screens/FailedJobs.js";
import { FilePage } from "./screens/evidence/FilePage.js";
import { IncidentList } from "./screens/incidents/IncidentList.js";
import { IncidentPage } from "./screens/incidents/IncidentPage.js";
import { NewIncident } from "./screens/incidents/NewIncident.js";
import { BulkLookup } from "./screens/observables/BulkLookup.js";
import { ObservablePage } from "./screens/observables/ObservablePage.js";
import { WarningListsAdmin } from "./screens/observables/WarningListsAdmin.js";
import { Outbox } from "./screens/Outbox.js";
import { Overview } from "./screens/Overview.js";
import { Inbox } from "./screens/reports/Inbox.js";
import { PhoneReport } from "./screens/reports/PhoneReport.js";
import { ReportPage } from "./screens/reports/ReportPage.js";
import { SearchScreen } from "./screens/search/SearchScreen.js";
import { Security } from "./screens/Security.js";
import { Users } from "./screens/Users.js";
import { PgpKeysAdmin } from "./screens/admin/PgpKeysAdmin.js";
import { PlaybooksAdmin } from "./screens/admin/PlaybooksAdmin.js";
import { TemplatesAdmin } from "./screens/admin/TemplatesAdmin.js";
import { Feeds } from "./screens/feeds/Feeds.js";
import { Notifications } from "./screens/notifications/Notifications.js";
import { Lists } from "./screens/lists/Lists.js";
import { CoordinationCase } from "./screens/coordination/CoordinationCase.js";
import { CoordinationList } from "./screens/coordination/CoordinationList.js";
import { ForumPage } from "./screens/forums/ForumPage.js";
import { Forums } from "./screens/forums/Forums.js";
import { Escalation } from "./screens/oncall/Escalation.js";
import { Handover } from "./screens/oncall/Handover.js";
import { Patterns } from "./screens/oncall/Patterns.js";
import { Policies } from "./screens/oncall/Policies.js";
import { RetentionReportScreen } from "./screens/retention/RetentionReport.js";
import { Rota } from "./screens/oncall/Rota.js";
import { EditYaraRule, NewYaraRule } from "./screens/yara/YaraRuleEditor.js";
import { YaraRulePage } from "./screens/yara/YaraRulePage.js";
import { YaraRules } from "./screens/yara/YaraRules.js";
import { ConstituencyImport } from "./screens/constituency/ConstituencyImport.js";
import { DailyDiff } from "./screens/vulnerabilities/DailyDiff.js";
import { OsintInbox } from "./screens/vulnerabilities/OsintInbox.js";
import { VulnerabilityList } from "./screens/vulnerabilities/VulnerabilityList.js";
import { VulnerabilityPage } from "./screens/vulnerabilities/VulnerabilityPage.js";
import { AdvisoryList } from "./screens/advisories/AdvisoryList.js";
import { AdvisoryPage } from "./screens/advisories/AdvisoryPage.js";
import { NewAdvisory } from "./screens/advisories/NewAdvisory.js";
import "./workspace.css";

// The statistics screens load on first visit, with ECharts: the rest of the console never downloads it.
const StatisticsScreen = lazy(() =>
  import("./screens/statistics/StatisticsScreen.js").then((m) => ({ default: m.StatisticsScreen })),
);
const YearlyReport = lazy(() =>
  import("./screens/statistics/YearlyReport.js").then((m) => ({ default: m.YearlyReport })),
);
const Loading = () => <p role="status">…</p>;

interface ScreenProps {
  me: Me;
  params: Record<string, string>;
}

/** The screen of each route in routes.ts; the type makes a route without a screen a compile error. */
export const SCREENS: Record<ConsoleRouteId, (props: ScreenProps) => ReactNode> = {
  overview: ({ me }) => <Overview me={me} />,
  reports: ({ me }) => <Inbox me={me} />,
  phoneReport: () => <PhoneReport />,
  report: ({ me, params }) => <ReportPage reference={params.reference ?? ""} me={me} />,
  incidents: ({ me }) => <IncidentList me={me} />,
  newIncident: ({ me }) => <NewIncident me={me} />,
  // Keyed: another incident is a fresh page (no state carried over from the last one).
  incident: ({ me, params }) => <IncidentPage key={params.reference} reference={params.reference ?? ""} me={me} />,
  // Keyed: another file is a fresh page (its marking form starts empty).
  file: ({ me, params }) => <FilePage key={params.id} id={params.id ?? ""} me={me} />,
  dashboard: () => <DutyDashboard />,
  search: () => <SearchScreen />,
  playbooks: () => <PlaybooksAdmin />,
  templates: () => <TemplatesAdmin />,
  pgpKeys: () => <PgpKeysAdmin />,
  directory: ({ me }) => <Directory me={me} />,
  newOrganisation: () => <NewOrganisation />,
  doubleClaims: () => <DoubleClaims />,
  unverifiedContacts: () => <UnverifiedContacts />,
  // Keyed: another organisation is a fresh page (no open form carried over).
  organisation: ({ me, params }) => <OrganisationPage key={params.id} id={params.id ?? ""} me={me} />,
  observables: ({ me }) => <ObservablePage me={me} />,
  yara: ({ me }) => <YaraRules me={me} />,
  newYaraRule: () => <NewYaraRule />,
  yaraRule: ({ params }) => <YaraRulePage key={params.id} id={params.id ?? ""} />,
  editYaraRule: ({ params }) => <EditYaraRule key={params.id} id={params.id ?? ""} />,
  feeds: ({ me }) => <Feeds me={me} />,
  notifications: ({ me }) => <Notifications me={me} />,
  vulnerabilities: () => <VulnerabilityList />,
  vulnerabilityDaily: () => <DailyDiff />,
  // Keyed: another CVE is a fresh page.
  vulnerability: ({ params }) => <VulnerabilityPage key={params.cve} cve={params.cve ?? ""} />,
  osint: ({ me }) => <OsintInbox me={me} />,
  lists: ({ me }) => <Lists me={me} />,
  coordination: () => <CoordinationList />,
  // Keyed: another case is a fresh page.
  coordinationCase: ({ params }) => <CoordinationCase key={params.reference} reference={params.reference ?? ""} />,
  advisories: () => <AdvisoryList />,
  newAdvisory: () => <NewAdvisory />,
  // Keyed: another advisory is a fresh page.
  advisory: ({ me, params }) => <AdvisoryPage key={params.id} id={params.id ?? ""} me={me} />,
  oncall: ({ me }) => <Rota me={me} />,
  oncallEscalation: ({ me }) => <Escalation me={me} />,
  oncallHandover: ({ me }) => <Handover me={me} />,
  oncallPolicies: ({ me }) => <Policies me={me} />,
  oncallPatterns: () => <Patterns />,
  retention: () => <RetentionReportScreen />,
  observableLookup: () => <BulkLookup />,
  warningLists: () => <WarningListsAdmin />,
  constituencyImport: ({ me }) => <ConstituencyImport me={me} />,
  changeRequests: () => <ChangeRequests />,
  organisationMembers: ({ params }) => <OrganisationMembers key={params.id} id={params.id ?? ""} />,
  forums: ({ me }) => <Forums me={me} />,
  // Keyed: another forum is a fresh page.
  forum: ({ me, params }) => <ForumPage key={params.id} id={params.id ?? ""} me={me} />,
  users: ({ me }) => <Users me={me} />,
  security: () => <Security />,
  audit: () => <Audit />,
  outbox: () => <Outbox />,
  jobs: () => <FailedJobs />,
  statistics: () => (
    <Suspense fallback={<Loading />}>
      <StatisticsScreen />
    </Suspense>
  ),
  yearlyReport: ({ params }) => (
    <Suspense fallback={<Loading />}>
      <YearlyReport key={params.year} year={params.year ?? ""} />
    </Suspense>
  ),
  account: ({ me }) => <MyAccount me={me} />,
};
