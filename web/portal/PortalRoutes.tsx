import { type ReactNode, Suspense, lazy } from "react";
import { usePath } from "../lib/router.js";
import { Portal } from "./Portal.js";

// The landing page is in the first load; the form, its receipt and the follow-up page (with the
// contract's schemas and the form's parts) load when one is opened, so a reporter on a slow line
// sees the phone number and the way to report first (the README states the first load's size).
const ReportForm = lazy(() => import("./report/ReportForm.js").then((m) => ({ default: m.ReportForm })));
const Receipt = lazy(() => import("./report/Receipt.js").then((m) => ({ default: m.Receipt })));
const FollowUp = lazy(() => import("./follow-up/FollowUp.js").then((m) => ({ default: m.FollowUp })));

function page(path: string): ReactNode {
  switch (path) {
    case "/report":
      return <ReportForm />;
    case "/report/received":
      return <Receipt />;
    case "/follow-up":
      return <FollowUp />;
    default:
      return <Portal />;
  }
}

/** The portal's pages: landing, the report form, its receipt, and the reporter's follow-up. */
export function PortalRoutes() {
  const path = usePath().replace(/\/+$/, "") || "/";
  return <Suspense fallback={null}>{page(path)}</Suspense>;
}
