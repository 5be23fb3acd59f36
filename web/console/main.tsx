import "../lib/ui/base.css";
import "../lib/intake/intake.css";
import "./console.css";
import "./reports.css";
import { App } from "./App.js";
import { startSignedInApp } from "./start-signed-in-app.js";

void startSignedInApp(App, "console/index.html");
