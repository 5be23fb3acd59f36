import { expect, test } from "@playwright/test";
import { fileReport, fullReport } from "./reporting.js";
import { seriousViolations } from "./axe.js";

for (const language of ["sv", "en"] as const) {
  test(`the report form, receipt and follow-up page have no serious accessibility problems (${language})`, async ({
    page,
  }) => {
    await page.goto("/report");
    if (language === "en") await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", language);
    const send = language === "sv" ? "Skicka rapporten" : "Send the report";
    // With NIS2 opened and the errors showing, so every state of the form is checked.
    await page.locator("#report-nis2Applies").check();
    await page.getByRole("button", { name: send }).click();
    await expect(page.locator(".field-error").first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator("#report-whatHappened").fill("Tillgänglighetstest.");
    await page.locator("#report-reporterEmail").fill("a11y@example.se");
    await page.getByRole("button", { name: send }).click();
    await expect(page.getByTestId("reference")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator(".follow-up-link a").click();
    await expect(page.getByTestId("status")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test("a NIS2 report's follow-up page, with its deadlines and stage form, has no serious problems", async ({
  page,
  request,
}) => {
  const filed = await fileReport(request, {
    ...fullReport("a11y-nis2"),
    nis2: { applies: true, stage: "early-warning", awareAt: new Date().toISOString(), suspectedMalicious: "yes" },
  });
  await page.goto(`/follow-up#${filed.followUpToken}`);
  await expect(page.getByText(/Nästa rapport: Incidentanmälan/)).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the intake pages load under the strict CSP, served by the SPA fallback", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  for (const [path, heading] of [
    ["/report", "Rapportera en incident"],
    ["/report/received", "Ingen kvittens att visa"],
    ["/follow-up", "Din rapport"],
  ] as const) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  }
  await expect(page.getByText("Länken är ofullständig.", { exact: false })).toBeVisible();
  expect(problems).toEqual([]);
});
