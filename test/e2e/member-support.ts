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
  return (await inviteMemberWithCode(staff, browser, org, email)).member;
}

/** The newest mail to `to` with this subject in the outbox (read by staff), and the first link in it. */
export async function mailedLink(staff: Page, to: string, subject: string, page: string): Promise<string> {
  let link = "";
  await expect(async () => {
    const res = await staff.request.get("/api/v1/outbox?limit=100");
    const mails = ((await res.json()) as { items: { to: string[]; subject: string; body: string }[] }).items;
    const mail = mails.find((m) => m.to.includes(to) && m.subject === subject);
    expect(mail).toBeDefined();
    link = new RegExp(`(http://\\S+${page}#[\\w-]+)`).exec(mail?.body ?? "")?.[1] ?? "";
    expect(link).not.toBe("");
  }).toPass();
  const url = new URL(link);
  return url.pathname + url.hash;
}

/** As inviteMember, and one of the member's recovery codes, for signing in again later. */
export async function inviteMemberWithCode(
  staff: Page,
  browser: Browser,
  org: { id: string; name: string },
  email: string,
): Promise<{ member: Page; recoveryCode: string }> {
  await staff.goto(`/console/organisations/${org.id}/members`);
  await expect(staff.getByRole("heading", { level: 1, name: `Medlemmar i ${org.name}` })).toBeVisible();
  await staff.getByLabel("Namn").fill("Maja Medlem");
  await staff.getByLabel("E-post").fill(email);
  await staff.getByLabel("Mejlets språk").selectOption("en");
  await staff.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(staff.getByText(`Inbjudan skickad till ${email}.`)).toBeVisible();
  await expect(staff.getByRole("row").filter({ hasText: email })).toContainText("Inbjuden");

  const subject = `Your invitation to the CERT's member area for ${org.name}`;
  const link = await mailedLink(staff, email, subject, "/member/invite");

  const context = await browser.newContext();
  const member = await context.newPage();
  await member.goto(link);
  await member.getByLabel("Password", { exact: true }).fill(MEMBER_PASSWORD);
  await member.getByLabel("Repeat the password").fill(MEMBER_PASSWORD);
  await member.getByRole("button", { name: /password/i }).click();
  await member.getByRole("button", { name: "Turn on two-step verification" }).click();
  const secret = (await member.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await member.getByLabel("Code from the app").fill((await freshTotp(secret)).code);
  await member.getByRole("button", { name: "Confirm" }).click();
  const codes = member.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  const recoveryCode = (await codes.first().innerText()).trim();
  await member.getByRole("button", { name: "I have saved the codes" }).click();
  await expect(member.getByRole("heading", { level: 1, name: org.name })).toBeVisible();
  return { member, recoveryCode };
}
