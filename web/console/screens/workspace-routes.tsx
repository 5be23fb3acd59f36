import type { ReactNode } from "react";
import { ADMIN_ROLES, CASE_READER_ROLES, type Role } from "../../../contract/roles.js";
import type { Me } from "../../lib/api/types.js";
import "../workspace.css";
import { PgpKeysAdmin } from "./admin/PgpKeysAdmin.js";
import { PlaybooksAdmin } from "./admin/PlaybooksAdmin.js";
import { TemplatesAdmin } from "./admin/TemplatesAdmin.js";
import { DutyDashboard } from "./dashboard/DutyDashboard.js";
import { SearchScreen } from "./search/SearchScreen.js";

// The workspace screens (duty dashboard, search, playbook/template/key administration) as a small
// table the console's Shell adds to its navigation and its path switch.

export interface WorkspaceRoute {
  /** The exact console path (no trailing slash). */
  path: string;
  /** The i18n key of its navigation label. */
  navKey: string;
  /** Who sees it (admin always does). */
  roles: readonly Role[];
  element: (me: Me) => ReactNode;
}

export const WORKSPACE_ROUTES: readonly WorkspaceRoute[] = [
  { path: "/console/dashboard", navKey: "dashboard.nav", roles: CASE_READER_ROLES, element: () => <DutyDashboard /> },
  { path: "/console/search", navKey: "search.nav", roles: CASE_READER_ROLES, element: () => <SearchScreen /> },
  {
    path: "/console/admin/playbooks",
    navKey: "playbooksAdmin.nav",
    roles: ADMIN_ROLES,
    element: () => <PlaybooksAdmin />,
  },
  {
    path: "/console/admin/templates",
    navKey: "templatesAdmin.nav",
    roles: ADMIN_ROLES,
    element: () => <TemplatesAdmin />,
  },
  { path: "/console/admin/pgp-keys", navKey: "pgpKeysAdmin.nav", roles: ADMIN_ROLES, element: () => <PgpKeysAdmin /> },
];

/** The workspace screen at a path, if it is one of these. */
export function workspaceRoute(path: string): WorkspaceRoute | undefined {
  return WORKSPACE_ROUTES.find((r) => r.path === path);
}
