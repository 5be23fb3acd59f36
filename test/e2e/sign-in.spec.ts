import { expect, test } from "@playwright/test";
import { signIn, submitSignIn } from "./support.js";
import { E2E_USERS, PASSWORD } from "./users.js";

test("a staff member signs in and out", async ({ page }) => {
  await signIn(page, E2E_USERS.admin);
  // The landing page is the work, not a welcome.
  await expect(page.getByRole("heading", { name: "Nya svar" })).toBeVisible();
  await expect(page.getByRole("navigation").getByRole("link", { name: "Användare" })).toBeVisible();

  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page.getByRole("heading", { name: "Logga in" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Logga in" })).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  // An unknown account gets the same answer, and locking it out harms no other spec.
  await submitSignIn(page, { email: "nobody@e2e.test" }, "not-the-right-password");
  await expect(page.getByRole("alert")).toHaveText("Fel e-postadress eller lösenord.");
  await expect(page.getByRole("heading", { name: "Logga in" })).toBeVisible();
});

test("sign-in works with the keyboard alone", async ({ page }) => {
  const user = E2E_USERS.keyboard;
  await page.goto("/console");
  // The e-mail field has focus on arrival.
  await expect(page.getByLabel("E-postadress")).toBeFocused();
  await page.keyboard.type(user.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Lösenord")).toBeFocused();
  await page.keyboard.type(PASSWORD);
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/login"));
  await page.keyboard.press("Enter");
  if ((await answer).status() === 429) {
    // The per-address sign-in limit (see clickLogin): wait it out and press Enter again.
    await page.waitForTimeout(Number((await answer).headers()["retry-after"] ?? 60) * 1000 + 250);
    await page.keyboard.press("Enter"); // focus is still in the password field
  }
  await expect(page.getByRole("heading", { level: 1, name: "Översikt" })).toBeVisible();

  // The first Tab reaches the skip link, which jumps past the navigation.
  await page.locator("body").focus();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Hoppa till innehållet" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();

  // Tab on to "Användare" in the navigation and open it with Enter.
  const users = page.getByRole("navigation").getByRole("link", { name: "Användare" });
  for (let i = 0; i < 40 && !(await users.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(users).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Användare" })).toBeFocused();
});
