import { describe, expect, it } from "vitest";
import type { ReportDetail } from "../../../contract/intake-staff.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { minimalReport } from "./test-fixtures.js";

// Acknowledging a new report is the duty officer's act (README, role table): an analyst-only user
// reads the report and works it, but the acknowledgement clock stays with duty.

const app = useTestApp();
const as = (token: string) => ({ authorization: `Bearer ${token}` });

async function newReport(): Promise<string> {
  const res = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", payload: minimalReport() });
  expect(res.statusCode).toBe(201);
  return res.json<{ reference: string }>().reference;
}

describe("who acknowledges a report", () => {
  it("refuses an analyst-only user and leaves the report new for duty, who may acknowledge it", async () => {
    const analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
    const duty = (await createTokenFor(app(), { roles: ["duty"] })).token;
    const reference = await newReport();
    const url = `/api/v1/reports/${reference}/acknowledge`;

    const refused = await app().fyr.http.inject({ method: "POST", url, headers: as(analyst), payload: {} });
    expect(refused.statusCode).toBe(403);
    const seen = await app().fyr.http.inject({ url: `/api/v1/reports/${reference}`, headers: as(analyst) });
    expect(seen.json<ReportDetail>().status).toBe("new");

    // The analyst still works the report: writing to the reporter is theirs.
    const wrote = await app().fyr.http.inject({
      method: "POST",
      url: `/api/v1/reports/${reference}/messages`,
      headers: as(analyst),
      payload: { body: "Vi tittar på det." },
    });
    expect(wrote.statusCode).toBe(201);

    const taken = await app().fyr.http.inject({ method: "POST", url, headers: as(duty), payload: {} });
    expect(taken.statusCode).toBe(200);
    expect(taken.json<ReportDetail>().status).toBe("acknowledged");
  });

  it("lets someone who is both analyst and duty acknowledge", async () => {
    const both = (await createTokenFor(app(), { roles: ["analyst", "duty"] })).token;
    const reference = await newReport();
    const res = await app().fyr.http.inject({
      method: "POST",
      url: `/api/v1/reports/${reference}/acknowledge`,
      headers: as(both),
      payload: {},
    });
    expect(res.statusCode).toBe(200);
  });
});
