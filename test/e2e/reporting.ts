import type { APIRequestContext, Page } from "@playwright/test";
import { expect } from "@playwright/test";

// Helpers for the intake specs: file a report through the public API (fast set-up for staff-side
// tests) and read the follow-up page as the reporter would.

export interface FiledReport {
  reference: string;
  followUpToken: string;
  followUpUrl: string;
}

/** A report with every initial question answered, as a reporter could send it. */
export function fullReport(marker: string) {
  return {
    language: "sv",
    reporter: { name: "Rut Rapportör", email: `rut.${marker}@example.se`, phone: "+46 8 123 456", role: "IT-chef" },
    organisation: { name: `Exempel ${marker} AB`, orgNumber: "556677-8899", sector: "energy" },
    summary: `Ransomware ${marker}`,
    whatHappened: `Filservern krypterades i natt (${marker}).`,
    discovery: { how: "Användare kunde inte öppna filer", discoveredAt: "2026-11-20T07:45:00+01:00" },
    countermeasures: "Servern isolerad från nätet",
    ongoing: "yes",
    dataLeakRisk: "unknown",
    moreAffectedRisk: "no",
    helpWanted: "Analys av loggar",
    contactedParties: "Vår IT-leverantör",
    policeReport: { status: "yes", reference: "5000-K123456-26" },
    sharingConsent: { information: "affected-organisations", data: "none", logs: "third-parties" },
    tlp: "TLP:AMBER+STRICT",
  };
}

/** Files a report through POST /api/public/v1/reports (JSON) and returns its receipt. */
export async function fileReport(request: APIRequestContext, report: object): Promise<FiledReport> {
  const res = await request.post("/api/public/v1/reports", { data: report });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as FiledReport;
}

/** Opens the reporter's follow-up page for a token (from the fragment, as the link gives it). */
export async function openFollowUp(page: Page, token: string): Promise<void> {
  await page.goto(`/follow-up#${token}`);
  await expect(page.getByTestId("status")).toBeVisible();
}

/**
 * Files a report the way a reporter does: the portal's form, then the receipt. Answers the reference
 * and the follow-up token (read from the receipt's link, which carries it in the fragment).
 */
export async function fileReportOnPortal(
  page: Page,
  report: { summary: string; whatHappened: string; email: string; tlp: string },
): Promise<FiledReport> {
  await page.goto("/report");
  await page.getByLabel("Rubrik i en mening (valfritt)").fill(report.summary);
  await page.getByLabel("Vad har hänt? (obligatorisk)").fill(report.whatHappened);
  await page.getByLabel("E-postadress").fill(report.email);
  await page.getByRole("radio", { name: report.tlp, exact: false }).first().check();
  await page.getByRole("button", { name: "Skicka rapporten" }).click();
  const reference = (await page.getByTestId("reference").textContent()) ?? "";
  const followUpUrl = (await page.getByRole("link", { name: "Öppna uppföljningssidan" }).getAttribute("href")) ?? "";
  const followUpToken = followUpUrl.split("#")[1] ?? "";
  expect(reference).toMatch(/^[A-Z]+-\d{4}-\d{5}$/);
  expect(followUpToken.length).toBeGreaterThan(20);
  return { reference, followUpToken, followUpUrl };
}
