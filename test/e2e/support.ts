import { type Page, expect } from "@playwright/test";
import { generate } from "otplib";
import { type E2EUser, PASSWORD } from "./users.js";

/** Clicks a button that posts to /auth/login and waits for the answer (e2e runs with FYR_LOGIN_RATE_LIMIT=0). */
export async function clickLogin(page: Page, button: string): Promise<void> {
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/login"));
  await page.getByRole("button", { name: button }).click();
  await answer;
}

/** Fills the sign-in form (Swedish labels, the default) and submits it. */
export async function submitSignIn(page: Page, user: { email: string }, password = PASSWORD): Promise<void> {
  await page.goto("/console");
  await page.getByLabel("E-postadress").fill(user.email);
  await page.getByLabel("Lösenord").fill(password);
  await clickLogin(page, "Logga in");
}

/** Signs in with e-mail and password and waits for the overview. */
export async function signIn(page: Page, user: E2EUser): Promise<void> {
  await submitSignIn(page, user);
  await expect(page.getByRole("heading", { level: 1, name: "Översikt" })).toBeVisible();
}

/** Follows a link in the console's main navigation. */
export async function openNav(page: Page, name: string): Promise<void> {
  await openMenuIfFolded(page);
  await page.getByRole("navigation").getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** On a phone the console's navigation folds behind the menu button: open it (no-op on a desktop). */
export async function openMenuIfFolded(page: Page): Promise<void> {
  const menu = page.locator("button.menu-button");
  if (await menu.isVisible()) await menu.click();
}

const STEP_MS = 30_000;

/**
 * A TOTP code from a time step not used before: the server may refuse a code replayed within
 * its step, so when `usedStep` is the current step we wait for the next one.
 */
export async function freshTotp(secret: string, usedStep?: number): Promise<{ code: string; step: number }> {
  let step = Math.floor(Date.now() / STEP_MS);
  if (usedStep !== undefined && step <= usedStep) {
    await new Promise((r) => setTimeout(r, (usedStep + 1) * STEP_MS - Date.now() + 500));
    step = Math.floor(Date.now() / STEP_MS);
  }
  return { code: await generate({ secret }), step };
}
