import type { Role } from "../../../lib/api/types.js";
import type { WorkspaceRoute } from "../workspace-admin/routes.js";
import { ObservablePage } from "./ObservablePage.js";
import { WarningListsAdmin } from "./WarningListsAdmin.js";

// The observable screens (a value's page with its search box, warning list administration) as a small
// table the console's Shell adds to its navigation and its path switch, like the workspace's.

const READERS: readonly Role[] = ["duty", "analyst", "observer"];
const ADMIN: readonly Role[] = ["admin"];

export const OBSERVABLE_ROUTES: readonly WorkspaceRoute[] = [
  {
    path: "/console/observables",
    navKey: "observables.nav",
    roles: READERS,
    element: (me) => <ObservablePage me={me} />,
  },
  {
    path: "/console/admin/warning-lists",
    navKey: "warningLists.nav",
    roles: ADMIN,
    element: () => <WarningListsAdmin />,
  },
];

/** The observable screen at a path, if it is one of these. */
export function observableRoute(path: string): WorkspaceRoute | undefined {
  return OBSERVABLE_ROUTES.find((r) => r.path === path);
}
