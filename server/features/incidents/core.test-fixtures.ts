import type { IncidentCreate, IncidentDetail } from "../../../contract/incidents.js";
import type { ReportSubmissionInput } from "../../../contract/intake.js";
import type { TestApp } from "../../../test/support/app.js";
import { minimalReport } from "../intake/test-fixtures.js";

// Shared by the incident core's tests: talking to the API as someone, filing reports, opening incidents.

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** HTTP helpers bound to one test app. */
export function coreClient(app: () => TestApp) {
  const call = (token: string, method: Method, url: string, payload?: object) =>
    app().fyr.http.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  /** Files a report through the public API; answers its reference and follow-up token. */
  const fileReport = async (
    overrides: Partial<ReportSubmissionInput> = {},
  ): Promise<{ reference: string; followUpToken: string }> => {
    const res = await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/reports",
      payload: minimalReport(overrides),
    });
    if (res.statusCode !== 201) throw new Error(`report not filed: ${res.statusCode} ${res.body}`);
    return res.json<{ reference: string; followUpToken: string }>();
  };

  /** Opens an incident and expects 201. */
  const openIncident = async (token: string, body: Partial<IncidentCreate> = {}): Promise<IncidentDetail> => {
    const res = await call(token, "POST", "/api/v1/incidents", { title: "Ransomware hos kommun", ...body });
    if (res.statusCode !== 201) throw new Error(`incident not opened: ${res.statusCode} ${res.body}`);
    return res.json<IncidentDetail>();
  };

  return { call, fileReport, openIncident };
}
