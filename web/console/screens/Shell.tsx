import { useTranslation } from "react-i18next";
import type { Me, Role } from "../../lib/api/types.js";
import { Link } from "../../lib/router.js";
import { Button } from "../../lib/ui/Button.js";
import { PageHeader, SkipLink } from "../../lib/ui/Page.js";
import { isAdmin, mayHandleReports, useSignOut } from "../session.js";
import { MyAccount } from "./account/MyAccount.js";
import { Audit } from "./Audit.js";
import { FailedJobs } from "./FailedJobs.js";
import { Outbox } from "./Outbox.js";
import { IncidentList } from "./incidents/IncidentList.js";
import { IncidentPage } from "./incidents/IncidentPage.js";
import { NewIncident } from "./incidents/NewIncident.js";
import { Inbox } from "./reports/Inbox.js";
import { PhoneReport } from "./reports/PhoneReport.js";
import { ReportPage } from "./reports/ReportPage.js";
import { Overview } from "./Overview.js";
import { Security } from "./Security.js";
import { Users } from "./Users.js";
import { OBSERVABLE_ROUTES, observableRoute } from "./observables/routes.js";
import { WORKSPACE_ROUTES, workspaceRoute } from "./workspace-routes.js";
import { UnreadSignals } from "./unread/UnreadSignals.js";

interface NavItem {
  path: string;
  label: string;
  /** Who sees it (admin always does); null: everyone signed in. */
  roles: readonly Role[] | null;
}

const ADMIN: readonly Role[] = ["admin"];
const REPORT_READERS: readonly Role[] = ["duty", "analyst", "observer"];

/** The signed-in console: top bar, navigation (admin items only for admins) and the current page. */
export function Shell({ me, path }: { me: Me; path: string }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  const admin = isAdmin(me);
  const nav: NavItem[] = [
    { path: "/console", label: t("nav.overview"), roles: null },
    { path: "/console/reports", label: t("nav.reports"), roles: REPORT_READERS },
    { path: "/console/incidents", label: t("nav.incidents"), roles: REPORT_READERS },
    ...[...WORKSPACE_ROUTES, ...OBSERVABLE_ROUTES].map((r) => ({ path: r.path, label: t(r.navKey), roles: r.roles })),
    { path: "/console/users", label: t("nav.users"), roles: ADMIN },
    { path: "/console/security", label: t("nav.security"), roles: ADMIN },
    { path: "/console/audit", label: t("nav.audit"), roles: ADMIN },
    { path: "/console/outbox", label: t("nav.outbox"), roles: ADMIN },
    { path: "/console/jobs", label: t("nav.failedJobs"), roles: ADMIN },
    { path: "/console/account", label: t("nav.account"), roles: null },
  ];
  const visible = nav.filter((n) => admin || n.roles === null || n.roles.some((r) => me.roles.includes(r)));
  const current = path.replace(/\/+$/, "") || "/console";
  // A report's own page belongs to the Reports item, an incident's to Incidents.
  const section = current.startsWith("/console/reports/")
    ? "/console/reports"
    : current.startsWith("/console/incidents/")
      ? "/console/incidents"
      : current;
  const allowed = visible.some((n) => n.path === section);

  return (
    <div className="shell">
      <SkipLink label={t("common.skipToContent")} />
      <UnreadSignals me={me} />
      <header className="topbar">
        <Link to="/console" className="brand">
          <img src="/favicon.svg" alt="" width="22" height="22" />
          Fyr <span className="brand-sub">{t("console.name")}</span>
        </Link>
        <div className="topbar-user">
          <span className="topbar-name">{me.name}</span>
          <span className="topbar-email">{me.email}</span>
          <Button variant="quiet" onClick={() => void signOut()}>
            {t("nav.signOut")}
          </Button>
        </div>
      </header>
      <nav className="sidenav" aria-label={t("nav.label")}>
        <ul>
          {visible.map((n) => (
            <li key={n.path}>
              <Link
                to={n.path}
                aria-current={n.path === current ? "page" : n.path === section ? "location" : undefined}
              >
                {n.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="content">
        {allowed ? <Screen path={current} me={me} /> : <NotFound />}
      </main>
    </div>
  );
}

function Screen({ path, me }: { path: string; me: Me }) {
  if (path.startsWith("/console/reports/")) {
    const rest = decodeURIComponent(path.slice("/console/reports/".length));
    if (rest === "phone") return mayHandleReports(me) ? <PhoneReport /> : <NotFound />;
    return <ReportPage reference={rest} me={me} />;
  }
  if (path.startsWith("/console/incidents/")) {
    const rest = decodeURIComponent(path.slice("/console/incidents/".length));
    if (rest === "new") return mayHandleReports(me) ? <NewIncident me={me} /> : <NotFound />;
    return <IncidentPage key={rest} reference={rest} me={me} />;
  }
  const workspace = workspaceRoute(path) ?? observableRoute(path);
  if (workspace) return workspace.element(me);
  switch (path) {
    case "/console/incidents":
      return <IncidentList me={me} />;
    case "/console/reports":
      return <Inbox me={me} />;
    case "/console/users":
      return <Users me={me} />;
    case "/console/security":
      return <Security />;
    case "/console/audit":
      return <Audit />;
    case "/console/outbox":
      return <Outbox />;
    case "/console/jobs":
      return <FailedJobs />;
    case "/console/account":
      return <MyAccount me={me} />;
    default:
      return <Overview me={me} />;
  }
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("notFound.title")} />
      <p>{t("notFound.body")}</p>
      <Link to="/console">{t("notFound.back")}</Link>
    </>
  );
}
