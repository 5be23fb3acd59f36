import {
  ADVISORY_WRITER_ROLES,
  CASE_READER_ROLES,
  CASE_WORKER_ROLES,
  CONSTITUENCY_EDITOR_ROLES,
  CONSTITUENCY_READER_ROLES,
  FORUM_READER_ROLES,
  LIST_MANAGER_ROLES,
  ONCALL_DUTY_ROLES,
  type Role,
  STATISTICS_READER_ROLES,
  YARA_RULE_WRITER_ROLES,
} from "../../contract/roles.js";

// The console's one route table: every page, who may open it and its navigation label. The Shell
// builds its navigation and picks the screen from it (screens.tsx maps each id to its screen), and
// the phone browser test visits every entry — a page added here is in the menu and under test.
// Plain data without React, so Node (Playwright) can read it too.

/** Who may open a page besides admins (admin may open every page). */
const READERS: readonly Role[] = CASE_READER_ROLES;
/** Who acts on reports and incidents (register by phone, open an incident). */
const HANDLERS: readonly Role[] = CASE_WORKER_ROLES;
const ADMIN_ONLY: readonly Role[] = [];
/** Who writes YARA rules (analysts). */
const RULE_WRITERS: readonly Role[] = YARA_RULE_WRITER_ROLES;
/** Who imports the constituency (RIPE, CSV): the duty officer (and admins). */
const IMPORTERS: readonly Role[] = ["duty"];
/** Who reads the constituency registry (observers too), and who edits it (duty officers). */
const REGISTRY_READERS: readonly Role[] = CONSTITUENCY_READER_ROLES;
const REGISTRY_EDITORS: readonly Role[] = CONSTITUENCY_EDITOR_ROLES;

export interface ConsoleRoute {
  id: string;
  /** The path; a `:name` segment matches one path segment (decoded into `params.name`). */
  path: string;
  /** Who may open it besides admins; null: everyone signed in. */
  roles: readonly Role[] | null;
  /** The i18n key of its navigation label; absent: reached from another page, not listed. */
  navKey?: string;
  /** The navigation item it belongs under (a report's page under Reports). */
  section?: string;
}

export const CONSOLE_ROUTES = [
  { id: "overview", path: "/console", roles: null, navKey: "nav.overview" },
  { id: "reports", path: "/console/reports", roles: READERS, navKey: "nav.reports" },
  { id: "phoneReport", path: "/console/reports/phone", roles: HANDLERS, section: "reports" },
  { id: "report", path: "/console/reports/:reference", roles: READERS, section: "reports" },
  { id: "incidents", path: "/console/incidents", roles: READERS, navKey: "nav.incidents" },
  { id: "newIncident", path: "/console/incidents/new", roles: HANDLERS, section: "incidents" },
  { id: "incident", path: "/console/incidents/:reference", roles: READERS, section: "incidents" },
  { id: "file", path: "/console/files/:id", roles: READERS },
  { id: "dashboard", path: "/console/dashboard", roles: READERS, navKey: "dashboard.nav" },
  { id: "search", path: "/console/search", roles: READERS, navKey: "search.nav" },
  { id: "playbooks", path: "/console/admin/playbooks", roles: ADMIN_ONLY, navKey: "playbooksAdmin.nav" },
  { id: "templates", path: "/console/admin/templates", roles: ADMIN_ONLY, navKey: "templatesAdmin.nav" },
  { id: "pgpKeys", path: "/console/admin/pgp-keys", roles: ADMIN_ONLY, navKey: "pgpKeysAdmin.nav" },
  { id: "directory", path: "/console/organisations", roles: REGISTRY_READERS, navKey: "constituency.nav" },
  { id: "newOrganisation", path: "/console/organisations/new", roles: REGISTRY_EDITORS, section: "directory" },
  {
    id: "doubleClaims",
    path: "/console/organisations/double-claims",
    roles: REGISTRY_READERS,
    section: "directory",
  },
  {
    id: "unverifiedContacts",
    path: "/console/organisations/unverified-contacts",
    roles: REGISTRY_READERS,
    section: "directory",
  },
  { id: "organisation", path: "/console/organisations/:id", roles: REGISTRY_READERS, section: "directory" },
  { id: "observables", path: "/console/observables", roles: READERS, navKey: "observables.nav" },
  { id: "yara", path: "/console/yara", roles: READERS, navKey: "yara.nav" },
  { id: "newYaraRule", path: "/console/yara/new", roles: RULE_WRITERS, section: "yara" },
  { id: "yaraRule", path: "/console/yara/:id", roles: READERS, section: "yara" },
  { id: "editYaraRule", path: "/console/yara/:id/edit", roles: RULE_WRITERS, section: "yara" },
  { id: "feeds", path: "/console/feeds", roles: READERS, navKey: "feeds.nav" },
  { id: "notifications", path: "/console/notifications", roles: READERS, navKey: "notifications.nav" },
  { id: "vulnerabilities", path: "/console/vulnerabilities", roles: READERS, navKey: "vulnerabilities.nav" },
  { id: "vulnerabilityDaily", path: "/console/vulnerabilities/daily", roles: READERS, section: "vulnerabilities" },
  { id: "vulnerability", path: "/console/vulnerabilities/:cve", roles: READERS, section: "vulnerabilities" },
  { id: "osint", path: "/console/osint", roles: READERS, navKey: "osint.nav" },
  { id: "lists", path: "/console/lists", roles: LIST_MANAGER_ROLES, navKey: "lists.nav" },
  { id: "coordination", path: "/console/coordination", roles: READERS, navKey: "coordination.title" },
  { id: "coordinationCase", path: "/console/coordination/:reference", roles: READERS, section: "coordination" },
  { id: "advisories", path: "/console/advisories", roles: ADVISORY_WRITER_ROLES, navKey: "advisories.nav" },
  { id: "newAdvisory", path: "/console/advisories/new", roles: ADVISORY_WRITER_ROLES, section: "advisories" },
  { id: "advisory", path: "/console/advisories/:id", roles: ADVISORY_WRITER_ROLES, section: "advisories" },
  { id: "oncall", path: "/console/oncall", roles: READERS, navKey: "oncall.nav" },
  { id: "oncallEscalation", path: "/console/oncall/escalation", roles: READERS, navKey: "oncall.escalationNav" },
  { id: "oncallHandover", path: "/console/oncall/handover", roles: ONCALL_DUTY_ROLES, navKey: "oncall.handoverNav" },
  { id: "oncallPolicies", path: "/console/oncall/policies", roles: READERS, navKey: "oncallOps.policiesNav" },
  { id: "oncallPatterns", path: "/console/oncall/patterns", roles: ADMIN_ONLY, navKey: "oncallOps.patternsNav" },
  { id: "retention", path: "/console/retention", roles: ADMIN_ONLY, navKey: "oncallOps.retentionNav" },
  { id: "observableLookup", path: "/console/observables/lookup", roles: READERS, section: "observables" },
  { id: "warningLists", path: "/console/admin/warning-lists", roles: ADMIN_ONLY, navKey: "warningLists.nav" },
  {
    id: "constituencyImport",
    path: "/console/constituency/import",
    roles: IMPORTERS,
    navKey: "constituencyImport.nav",
  },
  {
    id: "changeRequests",
    path: "/console/change-requests",
    roles: CONSTITUENCY_READER_ROLES,
    navKey: "memberAdmin.changeRequestsNav",
  },
  { id: "organisationMembers", path: "/console/organisations/:id/members", roles: CONSTITUENCY_READER_ROLES },
  { id: "forums", path: "/console/forums", roles: FORUM_READER_ROLES, navKey: "forums.nav" },
  { id: "forum", path: "/console/forums/:id", roles: FORUM_READER_ROLES, section: "forums" },
  { id: "users", path: "/console/users", roles: ADMIN_ONLY, navKey: "nav.users" },
  { id: "security", path: "/console/security", roles: ADMIN_ONLY, navKey: "nav.security" },
  { id: "audit", path: "/console/audit", roles: ADMIN_ONLY, navKey: "nav.audit" },
  { id: "outbox", path: "/console/outbox", roles: ADMIN_ONLY, navKey: "nav.outbox" },
  { id: "jobs", path: "/console/jobs", roles: ADMIN_ONLY, navKey: "nav.failedJobs" },
  { id: "statistics", path: "/console/statistics", roles: STATISTICS_READER_ROLES, navKey: "statistics.nav" },
  {
    id: "yearlyReport",
    path: "/console/statistics/report/:year",
    roles: STATISTICS_READER_ROLES,
    section: "statistics",
  },
  { id: "account", path: "/console/account", roles: null, navKey: "nav.account" },
] as const satisfies readonly ConsoleRoute[];

export type ConsoleRouteId = (typeof CONSOLE_ROUTES)[number]["id"];

export interface RouteMatch {
  route: (typeof CONSOLE_ROUTES)[number];
  params: Record<string, string>;
}

/** The path without trailing slashes ("/console/" → "/console"). */
export function normalisePath(path: string): string {
  return path.replace(/\/+$/, "") || "/console";
}

function matchOne(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const have = path.split("/");
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = have[i] ?? "";
    if (segment.startsWith(":")) {
      if (actual === "") return null;
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null; // a malformed escape names no page
      }
    } else if (segment !== actual) return null;
  }
  return params;
}

/** The first route (in table order: fixed paths before `:param` ones) matching a path, if any. */
export function matchConsoleRoute(path: string): RouteMatch | null {
  const clean = normalisePath(path);
  for (const route of CONSOLE_ROUTES) {
    const params = matchOne(route.path, clean);
    if (params) return { route, params };
  }
  return null;
}

/** True when someone holding `roles` may open the route. */
export function mayOpen(route: ConsoleRoute, roles: readonly Role[]): boolean {
  return roles.includes("admin") || route.roles === null || route.roles.some((r) => roles.includes(r));
}

/** The navigation: the listed routes someone holding `roles` may open, in table order. */
export function navigationFor(roles: readonly Role[]): (ConsoleRoute & { navKey: string })[] {
  return CONSOLE_ROUTES.filter(
    (r): r is (typeof CONSOLE_ROUTES)[number] & { navKey: string } => "navKey" in r && mayOpen(r, roles),
  );
}
