import { readFileSync } from "node:fs";
import { type APIRequestContext, expect, test } from "@playwright/test";
import type { EscalationList } from "../../contract/oncall.js";
import { E2E_USERS, PASSWORD } from "./users.js";

// Acknowledging from the notification (issue 18): a Shadowserver sinkhole report with infected systems
// at an essential entity starts the critical-feed policy, which mails a named duty officer a one-time
// link. Its page (Swedish, then English) shows the alarm and only asks — opening it acknowledges
// nothing — and its button stops the escalation, recorded as acknowledged by that officer by link.

const SINKHOLE = readFileSync(
  new URL("../../server/features/feeds/shadowserver/samples/event4_sinkhole.csv", import.meta.url),
);

/** The admin's API, signed in on `request`'s cookies; answers the CSRF header. */
async function adminApi(request: APIRequestContext): Promise<{ "x-csrf-token": string }> {
  const login = await request.post("/api/v1/auth/login", {
    data: { email: E2E_USERS.oncallAdmin.email, password: PASSWORD },
  });
  expect(login.status(), await login.text()).toBe(200);
  return { "x-csrf-token": ((await login.json()) as { csrfToken: string }).csrfToken };
}

test("a critical feed pages the officer, whose link asks before it acknowledges (sv, en)", async ({ page }) => {
  test.setTimeout(240_000);
  const api = page.context().request;
  const headers = await adminApi(api);
  const stamp = Date.now().toString(36);
  const officers = (await (await api.get("/api/v1/oncall/officers")).json()) as {
    items: { id: string; name: string }[];
  };
  const paged = officers.items.find((o) => o.name === E2E_USERS.oncallPaged.name);
  expect(paged).toBeDefined();
  const policy = await api.put("/api/v1/oncall/escalation", {
    headers,
    data: {
      id: "critical-feed",
      trigger: "critical-feed",
      steps: [{ afterMinutes: 0, notify: "person", userId: paged?.id, channels: ["email"] }],
    },
  });
  expect(policy.status(), await policy.text()).toBe(200);
  const organisation = `Vattenverket ${stamp} AB`;
  const created = await api.post("/api/v1/organisations", {
    headers,
    data: { name: organisation, nis2Entity: "essential", sector: "drinking-water", networks: ["35.205.9.0/24"] },
  });
  expect(created.status(), await created.text()).toBe(201);
  const run = await api.post("/api/v1/feeds/runs", {
    headers,
    // The fields before the file: the server reads the upload as a stream.
    multipart: {
      format: "shadowserver",
      source: `e2e-critical-${stamp}`,
      file: { name: "2021-03-04-event4_sinkhole-se.csv", mimeType: "text/csv", buffer: SINKHOLE },
    },
  });
  expect(run.status(), await run.text()).toBe(202);

  // The duty loop looks for critical findings once a minute; the page's mail lands in the outbox.
  const escalation = async () =>
    ((await (await api.get("/api/v1/oncall/escalations")).json()) as EscalationList).items.find(
      (e) => e.trigger === "critical-feed" && e.subject === organisation,
    );
  await expect
    .poll(async () => (await escalation()) !== undefined, { timeout: 150_000, intervals: [2_000] })
    .toBe(true);
  let link = "";
  await expect
    .poll(
      async () => {
        const outbox = (await (await api.get("/api/v1/outbox?limit=50")).json()) as {
          items: { to: string[]; body: string }[];
        };
        const mail = outbox.items.find(
          (m) => m.to.includes(E2E_USERS.oncallPaged.email) && m.body.includes(organisation),
        );
        link = /\/oncall\/ack\/[A-Za-z0-9_-]+/.exec(mail?.body ?? "")?.[0] ?? "";
        return link;
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .not.toBe("");

  // Opening the link only asks (mail scanners follow links): the escalation is still open.
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Kvittera larm" })).toBeVisible();
  await expect(page.locator("main")).toContainText("Kritisk händelse hos en väsentlig verksamhet");
  await expect(page.locator("main")).toContainText(organisation);
  expect((await escalation())?.acknowledged).toBeNull();
  await page.getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Acknowledge alarm" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Yes, I acknowledge" }).click();
  await expect(page.getByRole("status")).toContainText("Acknowledged. The escalation has stopped.");
  expect((await escalation())?.acknowledged).toMatchObject({
    method: "link",
    by: { name: E2E_USERS.oncallPaged.name },
  });
  // The link is spent (one-time): opening it again says so, in Swedish.
  await page.goto(`${link}?lang=sv`);
  await expect(page.getByRole("heading", { level: 1, name: "Länken gäller inte" })).toBeVisible();
  await expect(page.locator("main")).toContainText("redan använd");
});
