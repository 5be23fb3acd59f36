import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.js";

test("the portal has no serious accessibility problems, in Swedish or English", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("link", { name: "Rapportera en incident", exact: true })).toHaveAttribute(
    "href",
    "/report",
  );
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "Report an incident", exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the sign-in page has no serious accessibility problems", async ({ page }) => {
  await page.goto("/console");
  await expect(page.getByRole("heading", { name: "Logga in" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("pages load under the strict CSP without violations", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto("/console");
  await expect(page.getByRole("heading", { name: "Logga in" })).toBeVisible();
  expect(problems).toEqual([]);
});
