import { ADMIN_ROLES, CASE_READER_ROLES } from "../../../../contract/roles.js";
import type { WorkspaceRoute } from "../workspace-routes.js";
import { ObservablePage } from "./ObservablePage.js";
import { WarningListsAdmin } from "./WarningListsAdmin.js";

// The observable screens (a value's page with its search box, warning list administration) as a small
// table the console's Shell adds to its navigation and its path switch, like the workspace's.

export const OBSERVABLE_ROUTES: readonly WorkspaceRoute[] = [
  {
    path: "/console/observables",
    navKey: "observables.nav",
    roles: CASE_READER_ROLES,
    element: (me) => <ObservablePage me={me} />,
  },
  {
    path: "/console/admin/warning-lists",
    navKey: "warningLists.nav",
    roles: ADMIN_ROLES,
    element: () => <WarningListsAdmin />,
  },
];

/** The observable screen at a path, if it is one of these. */
export function observableRoute(path: string): WorkspaceRoute | undefined {
  return OBSERVABLE_ROUTES.find((r) => r.path === path);
}
