import { cpus, totalmem } from "node:os";
import { advisoriesBench } from "./advisories.js";
import { coldStartBench } from "./coldstart.bench.js";
import { constituencyBench } from "./constituency.js";
import { constituencyImportBench } from "./constituency-import.js";
import { correlationBench } from "./correlation.js";
import { evidenceBench } from "./evidence.js";
import { exchangeBench } from "./exchange.js";
import { extractBench } from "./extract.js";
import { feedsBench } from "./feeds.js";
import { httpBench } from "./http.bench.js";
import { incidentsBench } from "./incidents.js";
import { intakeBench } from "./intake.bench.js";
import { notificationsBench } from "./notifications.js";
import { oncallBench } from "./oncall.js";
import { listsBench } from "./lists.js";
import { smtpBench } from "./smtp.bench.js";
import { statisticsBench } from "./statistics.js";
import { vulnerabilitiesBench } from "./vulnerabilities.js";
import { yaraBench } from "./yara.js";
import { workspaceBench } from "./workspace.js";

/** `npm run bench [name…]`: runs the named benchmarks (all by default) and prints their numbers. */
const benches: Record<string, () => Promise<unknown>> = {
  advisories: advisoriesBench,
  coldstart: coldStartBench,
  constituency: constituencyBench,
  "constituency-import": constituencyImportBench,
  correlation: correlationBench,
  evidence: evidenceBench,
  exchange: exchangeBench,
  extract: extractBench,
  feeds: feedsBench,
  http: httpBench,
  incidents: incidentsBench,
  intake: intakeBench,
  notifications: notificationsBench,
  "operations-escalation": oncallBench,
  oncall: oncallBench,
  // Issue 18's "npm run bench operations": the escalation tick, then the statistics.
  operations: async () => {
    await oncallBench();
    await statisticsBench();
  },
  lists: listsBench,
  smtp: smtpBench,
  "operations-statistics": statisticsBench,
  vulnerabilities: vulnerabilitiesBench,
  yara: yaraBench,
  workspace: workspaceBench,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = wanted.length > 0 ? wanted : Object.keys(benches);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
);
for (const name of names) {
  const bench = benches[name];
  if (!bench) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(", ")}`);
    process.exit(64);
  }
  await bench();
}
