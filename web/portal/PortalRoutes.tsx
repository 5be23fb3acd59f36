import { usePath } from "../lib/router.js";
import { FollowUp } from "./follow-up/FollowUp.js";
import { Portal } from "./Portal.js";
import { Receipt } from "./report/Receipt.js";
import { ReportForm } from "./report/ReportForm.js";

/** The portal's pages: landing, the report form, its receipt, and the reporter's follow-up. */
export function PortalRoutes() {
  const path = usePath().replace(/\/+$/, "") || "/";
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
