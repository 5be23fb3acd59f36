import { expect, test } from "@playwright/test";
import { clickLogin, openNav, signIn } from "./support.js";
import { E2E_USERS, PASSWORD } from "./users.js";

test("the language choice applies at once and is remembered on the account", async ({ page, browser }) => {
  const user = E2E_USERS.language;
  await signIn(page, user);
  await openNav(page, "Mitt konto");
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation").getByRole("link", { name: "Audit trail" })).toHaveCount(0); // not an admin
  await expect(page.getByRole("navigation").getByRole("link", { name: "Overview" })).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();

  // A new browser with nothing stored: the account's choice applies after sign-in.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto("/console");
  await expect(fresh.getByRole("heading", { name: "Logga in" })).toBeVisible();
  await fresh.getByLabel("E-postadress").fill(user.email);
  await fresh.getByLabel("Lösenord").fill(PASSWORD);
  await clickLogin(fresh, "Logga in");
  await expect(fresh.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(fresh.locator("html")).toHaveAttribute("lang", "en");
  await other.close();

  // And back to Swedish, which also survives a reload.
  await page.getByRole("button", { name: "Svenska" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mitt konto" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Mitt konto" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "sv");
});
