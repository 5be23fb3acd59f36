import { expect, test } from "@playwright/test";
import { freshTotp, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// A member of a constituent organisation: staff (in Swedish) invite them, the member (in English, the
// language staff chose for the mail) accepts the mailed link, chooses a password, enrols 2FA, lands in
// the member area, asks for a new network; staff approve it and the member sees it.

const PASSWORD = "Fyrvaktare-Ljus-Hav-2026";

test("staff invite a member, who asks for a network that staff approve", async ({ page, browser }) => {
  test.setTimeout(150_000);
  await signIn(page, E2E_USERS.admin);
  const me = (await (await page.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  const headers = { "x-csrf-token": me.csrfToken };
  const orgName = `Medlemsbolaget ${Date.now()}`;
  const created = await page.request.post("/api/v1/organisations", { data: { name: orgName }, headers });
  expect(created.status()).toBe(201);
  const org = (await created.json()) as { id: string };

  await page.goto(`/console/organisations/${org.id}/members`);
  await expect(page.getByRole("heading", { level: 1, name: `Medlemmar i ${orgName}` })).toBeVisible();
  const email = `maja-${Date.now()}@e2e.test`;
  await page.getByLabel("Namn").fill("Maja Medlem");
  await page.getByLabel("E-post").fill(email);
  await page.getByLabel("Mejlets språk").selectOption("en");
  await page.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(page.getByText(`Inbjudan skickad till ${email}.`)).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: email })).toContainText("Inbjuden");

  let link = "";
  await expect(async () => {
    const res = await page.request.get("/api/v1/outbox?limit=100");
    const mails = ((await res.json()) as { items: { to: string[]; subject: string; body: string }[] }).items;
    const mail = mails.find((m) => m.to.includes(email));
    expect(mail?.subject).toBe(`Your invitation to the CERT's member area for ${orgName}`);
    link = /(http:\/\/\S+\/member\/invite#[\w-]+)/.exec(mail?.body ?? "")?.[1] ?? "";
    expect(link).not.toBe("");
  }).toPass();

  const context = await browser.newContext();
  const member = await context.newPage();
  await member.goto(new URL(link).pathname + new URL(link).hash);
  await member.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await member.getByLabel("Repeat the password").fill(PASSWORD);
  await member.getByRole("button", { name: /password/i }).click();
  await member.getByRole("button", { name: "Turn on two-step verification" }).click();
  const secret = (await member.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await member.getByLabel("Code from the app").fill((await freshTotp(secret)).code);
  await member.getByRole("button", { name: "Confirm" }).click();
  await member.getByRole("button", { name: "I have saved the codes" }).click();
  await expect(member.getByRole("heading", { level: 1, name: orgName })).toBeVisible();

  await member.getByLabel("What to change").selectOption("add_network");
  await member.getByLabel("Network (CIDR or range)").fill("203.0.113.0/24");
  await member.getByRole("button", { name: "Send request" }).click();
  await expect(member.getByText("Your request has been sent.")).toBeVisible();
  await member.getByRole("link", { name: "Change requests" }).click();
  await expect(member.getByRole("row").filter({ hasText: "203.0.113.0/24" })).toContainText("Waiting");

  await page.goto("/console/change-requests");
  const row = page.getByRole("row").filter({ hasText: orgName });
  await row.getByLabel("Kommentar till medlemmen").fill("Kontrollerat mot RIPE");
  await row.getByRole("button", { name: "Godkänn" }).click();
  await page.getByLabel("Visa").selectOption("approved");
  await expect(page.getByRole("row").filter({ hasText: orgName })).toContainText("Kontrollerat mot RIPE");

  await member.reload();
  await expect(member.getByRole("row").filter({ hasText: "203.0.113.0/24" })).toContainText("Approved");
  await member.getByRole("link", { name: "Organisation" }).click();
  await expect(member.getByRole("cell", { name: "203.0.113.0/24" })).toBeVisible();
  await context.close();
});
