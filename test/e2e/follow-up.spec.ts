import { type Browser, type Page, expect, test } from "@playwright/test";
import { fileReport, fullReport } from "./reporting.js";

// The reporter's follow-up page: conversation first, then the NIS2 form; what they sent is there to
// read; it opens in the report's language in a fresh browser; another link in the same tab opens
// the other case.

const nis2 = {
  applies: true,
  stage: "early-warning",
  awareAt: "2026-11-20T07:45:00+01:00",
  suspectedMalicious: "yes",
  crossBorderImpact: "unknown",
};

/** A browser with nothing stored: no language chosen, no cookies. */
async function freshPage(browser: Browser, options: { phone?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(
    options.phone ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {},
  );
  return context.newPage();
}

test("an English report's page opens in English: conversation, then NIS2, then what was sent", async ({ browser }) => {
  const marker = `fu${Date.now().toString(36)}`;
  const filed = await fileReport((await freshPage(browser)).request, {
    ...fullReport(marker),
    language: "en",
    summary: `Ransomware ${marker}`,
    whatHappened: `The file server was encrypted last night (${marker}).`,
    nis2,
  });
  const page = await freshPage(browser);
  await page.goto(`/follow-up#${filed.followUpToken}`);
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(filed.reference) })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // The conversation and the box to write come before the NIS2 form.
  const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
  expect(headings.indexOf("Messages")).toBeGreaterThanOrEqual(0);
  expect(headings.indexOf("Messages")).toBeLessThan(headings.indexOf("NIS2 reporting"));
  expect(headings.indexOf("Write to us")).toBeLessThan(headings.indexOf("NIS2 reporting"));

  // What was sent: folded, opened on request, every answer under the form's own questions.
  const sent = page.locator("details", { hasText: "What you sent" });
  await expect(sent.getByText(`The file server was encrypted last night (${marker}).`)).toBeHidden();
  await sent.getByText("What you sent").click();
  await expect(sent.getByText(`The file server was encrypted last night (${marker}).`)).toBeVisible();
  await expect(sent.getByText("What has happened?")).toBeVisible();
  await expect(sent.getByText(`Ransomware ${marker}`)).toBeVisible();
  await expect(sent.getByText(`Exempel ${marker} AB`)).toBeVisible();
  await expect(sent.getByTestId("submitted-tlp")).toHaveText("TLP:AMBER+STRICT");

  // The reporter's own choice of language wins, and is remembered.
  await page.getByRole("button", { name: "Svenska" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(filed.reference) })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 2, name: "Meddelanden" })).toBeVisible();
});

test("a Swedish report's page opens in Swedish, and another link in the tab opens the other case", async ({
  browser,
}) => {
  const marker = `fu${Date.now().toString(36)}`;
  const request = (await freshPage(browser)).request;
  const first = await fileReport(request, { ...fullReport(`${marker}a`), summary: `Första ${marker}` });
  const second = await fileReport(request, {
    ...fullReport(`${marker}b`),
    language: "en",
    summary: `Second ${marker}`,
  });

  const page = await freshPage(browser);
  await page.goto(`/follow-up#${first.followUpToken}`);
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(first.reference) })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await page.getByLabel("Meddelande", { exact: true }).fill("Ett utkast till det första ärendet");

  // The second link, pasted over the first: only the fragment changes, and the page follows.
  await page.evaluate((token) => {
    window.location.hash = token;
  }, second.followUpToken);
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(second.reference) })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.locator("details", { hasText: "What you sent" }).getByText("What you sent").click();
  await expect(page.getByText(`Second ${marker}`)).toBeVisible();
  await expect(page.getByText(`Första ${marker}`)).toHaveCount(0);
  // The draft belonged to the other case.
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("");

  // And back again (the browser's back button restores the first fragment).
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(first.reference) })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
});

test("the follow-up page fits a 390 px phone in both languages", async ({ browser }) => {
  const marker = `fu${Date.now().toString(36)}`;
  for (const language of ["sv", "en"] as const) {
    const page = await freshPage(browser, { phone: true });
    const filed = await fileReport(page.request, { ...fullReport(`${marker}${language}`), language, nis2 });
    await page.goto(`/follow-up#${filed.followUpToken}`);
    await expect(page.getByTestId("status")).toBeVisible();
    await page.locator("details summary").click();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `${language}: ${width} px wide`).toBeLessThanOrEqual(390);
  }
});
