import "../lib/ui/base.css";
import "../lib/intake/intake.css";
import "../console/console.css";
import "./member.css";
import { startSignedInApp } from "../console/start-signed-in-app.js";
import { App } from "./App.js";

void startSignedInApp(App, "member/index.html");
