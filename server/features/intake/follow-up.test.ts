import { describe, expect, it } from "vitest";
import type { FollowUpView, ReportReceipt } from "../../../contract/intake.js";
import { useTestApp } from "../../../test/support/app.js";
import { fullReport, minimalReport } from "./test-fixtures.js";

// The follow-up page's view, by the token from the receipt: the reporter sees what they sent, in
// the language they wrote in, whatever the report's TLP.

const app = useTestApp();

async function file(report: object): Promise<ReportReceipt> {
  const res = await app().fyr.http.inject({ method: "POST", url: "/api/public/v1/reports", payload: report });
  expect(res.statusCode).toBe(201);
  return res.json<ReportReceipt>();
}

const view = (token: string) =>
  app().fyr.http.inject({
    method: "GET",
    url: "/api/public/v1/follow-up",
    headers: { authorization: `Bearer ${token}` },
  });

describe("the reporter's follow-up view", () => {
  it("shows every answer of the original submission and its language", async () => {
    const sent = { ...fullReport(), language: "en" as const, tlp: "TLP:RED" as const };
    const receipt = await file(sent);
    const res = await view(receipt.followUpToken);
    expect(res.statusCode).toBe(200);
    const body = res.json<FollowUpView>();
    expect(body.language).toBe("en");
    expect(body.answers).toEqual({
      reporter: sent.reporter,
      organisation: sent.organisation,
      summary: sent.summary,
      whatHappened: sent.whatHappened,
      discovery: { how: sent.discovery?.how, discoveredAt: "2026-11-20T06:45:00.000Z" },
      countermeasures: sent.countermeasures,
      ongoing: "yes",
      dataLeakRisk: "unknown",
      moreAffectedRisk: "no",
      helpWanted: sent.helpWanted,
      contactedParties: sent.contactedParties,
      policeReport: { status: "planned", reference: null },
      sharingConsent: sent.sharingConsent,
      tlp: "TLP:RED",
    });
  });

  it("says 'not answered' as null and defaults to Swedish", async () => {
    const receipt = await file(minimalReport({ language: undefined }));
    const body = (await view(receipt.followUpToken)).json<FollowUpView>();
    expect(body.language).toBe("sv");
    expect(body.answers.summary).toBeNull();
    expect(body.answers.organisation).toEqual({ name: null, orgNumber: null, sector: null });
  });

  it("shows another report's answers to nobody: a wrong token is 401 and names nothing", async () => {
    await file(fullReport());
    const res = await view("not-the-token-of-any-report-at-all-0123456789");
    expect(res.statusCode).toBe(401);
    expect(res.body).not.toContain("Exempel AB");
  });
});
