import { randomBytes } from "node:crypto";
import type { CaseObservableList, RelatedList } from "../../../contract/observables.js";
import type { TestApp } from "../../../test/support/app.js";
import { coreClient } from "../incidents/core.test-fixtures.js";

// Shared by the observables tests: unique values (tests share one database per file), filing reports
// that mention them and running the extraction jobs.

/** A fresh domain nobody else in the run uses (a real public suffix; not an example.* name). */
export const uniqueDomain = (label = "evil") => `${label}-${randomBytes(5).toString("hex")}.com`;

/** A fresh public IPv4 address in 45.0.0.0/8 (not on any shipped warning list). */
export const uniqueIp = () =>
  `45.${1 + ((randomBytes(1)[0] ?? 0) % 250)}.${randomBytes(1)[0] ?? 0}.${1 + ((randomBytes(1)[0] ?? 0) % 250)}`;

export function observablesClient(app: () => TestApp) {
  const core = coreClient(app);
  /** Files a report whose text is `text` and runs extraction; answers the reference. */
  const reportSaying = async (text: string, overrides: Parameters<typeof core.fileReport>[0] = {}) => {
    const { reference } = await core.fileReport({ whatHappened: text, ...overrides });
    await app().fyr.runDueJobs();
    return reference;
  };
  const related = async (token: string, kind: "incidents" | "reports", reference: string, query = "") => {
    const res = await core.call(token, "GET", `/api/v1/${kind}/${reference}/related${query}`);
    if (res.statusCode !== 200) throw new Error(`related: ${res.statusCode} ${res.body}`);
    return res.json<RelatedList>();
  };
  const values = async (token: string, kind: "incidents" | "reports", reference: string) => {
    const res = await core.call(token, "GET", `/api/v1/${kind}/${reference}/observables`);
    if (res.statusCode !== 200) throw new Error(`observables: ${res.statusCode} ${res.body}`);
    return res.json<CaseObservableList>();
  };
  return { ...core, reportSaying, related, values };
}
