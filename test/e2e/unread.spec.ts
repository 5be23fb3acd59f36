import { type APIRequestContext, expect, test } from "@playwright/test";
import { fileReport, fullReport } from "./reporting.js";
import { openNav, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// "New since you looked": a reporter's reply reaches the duty officer without a reload — the inbox
// row is marked, the tab title counts, the landing page lists it, the report marks the message.

async function replyAsReporter(request: APIRequestContext, token: string, body: string): Promise<void> {
  const res = await request.post("/api/public/v1/follow-up/messages", {
    headers: { authorization: `Bearer ${token}` },
    data: { body },
  });
  expect(res.status(), await res.text()).toBe(201);
}

test("a reporter's reply shows up in the inbox, the tab title and the landing page within seconds", async ({
  page,
  request,
}) => {
  const marker = `unr${Date.now().toString(36)}`;
  const filed = await fileReport(request, fullReport(marker));
  await signIn(page, E2E_USERS.unread);
  await openNav(page, "Rapporter");
  const row = page.getByRole("row").filter({ hasText: filed.reference });
  // Never opened by me and still waiting: new to me.
  await expect(row.getByTestId("new-marker")).toHaveText("Ny");

  await row.getByRole("link", { name: filed.reference }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Rapport ${filed.reference}` })).toBeVisible();
  await page.goBack();
  await expect(row).toBeVisible();
  await expect(row.getByTestId("new-marker")).toHaveCount(0);

  // The reporter answers; the inbox follows without a reload (the console polls every few seconds).
  await replyAsReporter(request, filed.followUpToken, `Vi har hittat fler krypterade filer (${marker}).`);
  await expect(row.getByTestId("new-marker")).toHaveText("Ny", { timeout: 15_000 });
  await expect(page).toHaveTitle(/^\(\d+\) Fyr$/);

  // "Nytt för mig först" puts it at the top.
  await page.getByLabel("Ordning").selectOption("unread");
  await expect(page.getByRole("row").nth(1).getByTestId("new-marker")).toBeVisible();

  // The landing page lists it under "Nya svar".
  await page.getByRole("navigation").getByRole("link", { name: "Översikt", exact: true }).click();
  const replies = page.getByTestId("new-replies");
  await expect(replies).toContainText(filed.reference);

  // On the report, the new message is marked; after that look it is no longer new.
  await replies.getByRole("link", { name: new RegExp(filed.reference) }).click();
  const message = page.locator(".message").filter({ hasText: `fler krypterade filer (${marker})` });
  await expect(message.getByTestId("new-marker")).toBeVisible();
  await openNav(page, "Rapporter");
  await expect(row).toBeVisible();
  await expect(row.getByTestId("new-marker")).toHaveCount(0);
});

test.describe("on a phone, in English", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the incident list marks an incident whose reporter answered, and its timeline marks the answer", async ({
    page,
    request,
  }) => {
    const marker = `unrEn${Date.now().toString(36)}`;
    const filed = await fileReport(request, fullReport(marker));
    await signIn(page, E2E_USERS.unreadEnglish);
    await page.goto("/console/account");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();

    // An incident from the report (the report page offers it), then the reporter answers.
    await page.goto(`/console/reports/${filed.reference}`);
    await page.getByRole("button", { name: "Create incident" }).click();
    await page.getByRole("button", { name: "Create the incident" }).click();
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading).toContainText(`Ransomware ${marker}`);
    const reference = ((await heading.textContent()) ?? "").split(" · ")[0] ?? "";

    await page.goto("/console/incidents?view=all&sort=unread");
    const row = page.getByRole("row").filter({ hasText: reference });
    await expect(row).toBeVisible();
    await expect(row.getByTestId("new-marker")).toHaveCount(0);
    await replyAsReporter(request, filed.followUpToken, `Here are the logs (${marker}).`);
    await expect(row.getByTestId("new-marker")).toHaveText("New", { timeout: 15_000 });

    await row.getByRole("link", { name: reference }).click();
    const answer = page.locator("#timeline .event").filter({ hasText: `Here are the logs (${marker}).` });
    await expect(answer.getByTestId("new-marker")).toHaveText("New");
  });
});
