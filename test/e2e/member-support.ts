import { type Browser, type Page, expect } from "@playwright/test";
import { freshTotp } from "./support.js";

// A member for browser tests: staff (signed in on `staff`, in Swedish) invite them from the organisation's
// members page, and the member accepts the mailed link in a browser of their own, chooses a password and
// enrols 2FA (mail in English), landing in the member area.

export const MEMBER_PASSWORD = "Fyrvaktare-Ljus-Hav-2026";

export async function inviteMember(
  staff: Page,
  browser: Browser,
  org: { id: string; name: string },
  email: string,
): Promise<Page> {
  await staff.goto(`/console/organisations/${org.id}/members`);
  await expect(staff.getByRole("heading", { level: 1, name: `Medlemmar i ${org.name}` })).toBeVisible();
  await staff.getByLabel("Namn").fill("Maja Medlem");
  await staff.getByLabel("E-post").fill(email);
  await staff.getByLabel("Mejlets språk").selectOption("en");
  await staff.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(staff.getByText(`Inbjudan skickad till ${email}.`)).toBeVisible();
  await expect(staff.getByRole("row").filter({ hasText: email })).toContainText("Inbjuden");

  let link = "";
  await expect(async () => {
    const res = await staff.request.get("/api/v1/outbox?limit=100");
    const mails = ((await res.json()) as { items: { to: string[]; subject: string; body: string }[] }).items;
    const mail = mails.find((m) => m.to.includes(email));
    expect(mail?.subject).toBe(`Your invitation to the CERT's member area for ${org.name}`);
    link = /(http:\/\/\S+\/member\/invite#[\w-]+)/.exec(mail?.body ?? "")?.[1] ?? "";
    expect(link).not.toBe("");
  }).toPass();

  const context = await browser.newContext();
  const member = await context.newPage();
  await member.goto(new URL(link).pathname + new URL(link).hash);
  await member.getByLabel("Password", { exact: true }).fill(MEMBER_PASSWORD);
  await member.getByLabel("Repeat the password").fill(MEMBER_PASSWORD);
  await member.getByRole("button", { name: /password/i }).click();
  await member.getByRole("button", { name: "Turn on two-step verification" }).click();
  const secret = (await member.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await member.getByLabel("Code from the app").fill((await freshTotp(secret)).code);
  await member.getByRole("button", { name: "Confirm" }).click();
  await member.getByRole("button", { name: "I have saved the codes" }).click();
  await expect(member.getByRole("heading", { level: 1, name: org.name })).toBeVisible();
  return member;
}
