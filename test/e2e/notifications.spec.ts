import { type Page, expect, test } from "@playwright/test";
import { E2E_USERS, type E2EUser, PASSWORD } from "./users.js";

// Notifications in the console (issue 15), in Swedish and English: an organisation's feed event becomes a
// digest when an admin runs the pass; the list shows it with its delivery, the digest its events and
// deliveries, a resend adds a delivery, and the advice texts are listed.

const WORDS = {
  sv: {
    heading: "Aviseringar till ägare",
    delivered: /Kvar i utkorgen|I kö/,
    resend: "Skicka igen",
    deliveries: "Leveranser",
    advice: "Rådstexter",
    unreachable: "Går inte att nå",
  },
  en: {
    heading: "Notifications to owners",
    delivered: /Kept in the outbox|Queued/,
    resend: "Send again",
    deliveries: "Deliveries",
    advice: "Advice texts",
    unreachable: "Cannot reach",
  },
} as const;

async function signInAs(page: Page, user: E2EUser, language: "sv" | "en"): Promise<string> {
  const login = await page.request.post("/api/v1/auth/login", { data: { email: user.email, password: PASSWORD } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const patched = await page.request.patch("/api/v1/auth/me", {
    headers: { "x-csrf-token": csrfToken },
    data: { language },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  return csrfToken;
}

for (const language of ["sv", "en"] as const) {
  test(`an owner's feed event becomes a digest shown with its events and deliveries, and is resent (${language})`, async ({
    page,
  }) => {
    const words = WORDS[language];
    const user = language === "sv" ? E2E_USERS.notifications : E2E_USERS.notificationsEnglish;
    const csrf = await signInAs(page, user, language);
    const headers = { "x-csrf-token": csrf };
    const tag = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
    const prefix = `10.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
    const name = `Aviserad ${tag} AB`;
    const org = await page.request.post("/api/v1/organisations", {
      headers,
      data: {
        name,
        networks: [`${prefix}.0/24`],
        notification: { interval: "immediate" },
        contacts: [{ email: `abuse-${tag}@owner.example`, role: "abuse", language }],
      },
    });
    expect(org.status(), await org.text()).toBe(201);
    const csv = `"timestamp","ip","port","hostname","tag","asn","geo"\n"2026-12-01 10:00:00","${prefix}.9",3389,,"rdp",64500,"SE"\n`;
    const upload = await page.request.post("/api/v1/feeds/runs", {
      headers,
      multipart: {
        format: "shadowserver",
        reportType: "scan_rdp",
        source: `e2e-notify-${tag}`,
        file: { name: "scan_rdp.csv", mimeType: "text/csv", buffer: Buffer.from(csv) },
      },
    });
    expect(upload.status(), await upload.text()).toBe(202);
    const { id } = (await upload.json()) as { id: string };
    await expect
      .poll(
        async () => ((await (await page.request.get(`/api/v1/feeds/runs/${id}`)).json()) as { status: string }).status,
        {
          timeout: 60_000,
        },
      )
      .toBe("done");
    const ran = await page.request.post("/api/v1/notifications/run", { headers });
    expect(ran.status()).toBe(200);

    await page.goto("/console/notifications");
    await expect(page.getByRole("heading", { level: 1, name: words.heading })).toBeVisible();
    const row = page.locator("#notification-list").getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(words.delivered);
    await row.getByRole("button", { name: /FYR-N-\d{4}-\d{6}/ }).click();
    const detail = page.locator("#notification-detail");
    await expect(detail).toContainText(`${prefix}.9`);
    await expect(detail).toContainText("accessible-rdp");
    await expect(detail.getByRole("heading", { name: words.deliveries })).toBeVisible();
    await detail.getByRole("button", { name: words.resend }).click();
    await expect(detail.locator("table").first().locator("tbody tr")).toHaveCount(2);
    await expect(page.locator("#notification-advice")).toContainText("accessible-rdp");
    await expect(page.getByRole("heading", { name: words.advice })).toBeVisible();
    await expect(page.getByRole("heading", { name: words.unreachable })).toBeVisible();
  });
}
