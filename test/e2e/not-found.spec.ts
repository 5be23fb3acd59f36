import { expect, test } from "@playwright/test";

// The public 404: a person who follows a broken link sees the portal's page in their language with
// how to reach the CERT around the clock; API clients still get problem+json.

test("a broken link shows a Swedish page with the CERT's telephone and e-mail, also on a phone", async ({ page }) => {
  const res = await page.goto("/rapportera-incident-nu");
  expect(res?.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
  await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
  await expect(page.getByRole("link", { name: "+46 10 240 40 40" }).first()).toHaveAttribute(
    "href",
    "tel:+46102404040",
  );
  await expect(page.getByRole("link", { name: "cert@cert.se" }).first()).toHaveAttribute("href", "mailto:cert@cert.se");
  await page.getByRole("link", { name: "Rapportera en incident" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rapportera en incident" })).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/gammal/lank");
  await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("an English browser gets the page in English", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Report an incident" })).toBeVisible();
  await context.close();
});

test("the language chosen on the portal wins over the browser's", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/nothing-here");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});

test("API clients still get problem+json, also on an /api path a browser opens", async ({ page, request }) => {
  const api = await request.get("/no-such-page", { headers: { accept: "application/json" } });
  expect(api.status()).toBe(404);
  expect(api.headers()["content-type"]).toMatch(/^application\/problem\+json/);
  expect(await api.json()).toMatchObject({ code: "not_found", status: 404 });

  const res = await page.goto("/api/v1/no-such-thing");
  expect(res?.status()).toBe(404);
  expect(res?.headers()["content-type"]).toMatch(/^application\/problem\+json/);
});
