import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { setUpI18n } from "../lib/i18n/index.js";
import { portalMessages } from "../lib/i18n/portal-messages.js";
import "../lib/ui/base.css";
import "../lib/intake/intake.css";
import "./portal.css";
import "./report/report.css";
import { PortalRoutes } from "./PortalRoutes.js";

async function start(): Promise<void> {
  await setUpI18n(portalMessages);
  const root = document.getElementById("root");
  if (!root) throw new Error("#root missing from portal/index.html");
  createRoot(root).render(
    <StrictMode>
      <PortalRoutes />
    </StrictMode>,
  );
}

void start();
