import { readFileSync } from "node:fs";
import { type Page, expect, test } from "@playwright/test";
import { openNav, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// Security-event feeds in the console: a duty officer uploads a Shadowserver report; the job queue reads
// it while the screen shows the run's progress, then its counts; the source appears with its health and
// the events are found by address. In English the same with an analyst, and a file of the wrong report
// type fails with its reason.

const SAMPLE = readFileSync(new URL("../../server/features/feeds/shadowserver/samples/scan_rdp.csv", import.meta.url));
const SINKHOLE = readFileSync(
  new URL("../../server/features/feeds/shadowserver/samples/event4_sinkhole.csv", import.meta.url),
);
const unique = (label: string) =>
  `e2e-${label}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

async function upload(
  page: Page,
  labels: { file: string; source: string; submit: string },
  source: string,
  buffer: Buffer,
) {
  const form = page.locator("#feed-upload");
  await form
    .getByLabel(labels.file)
    .setInputFiles({ name: "2019-09-04-scan_rdp-se.csv", mimeType: "text/csv", buffer });
  await form.getByLabel(labels.source).fill(source);
  await form.getByRole("button", { name: labels.submit }).click();
}

test("a duty officer uploads a Shadowserver report and sees the run finish with its counts, then the events (sv)", async ({
  page,
}) => {
  const source = unique("sv");
  await signIn(page, E2E_USERS.feeds);
  await openNav(page, "Händelseflöden");
  await upload(page, { file: "Fil (vanlig, .gz eller .zip)", source: "Källa", submit: "Ladda upp" }, source, SAMPLE);
  const progress = page.getByTestId("feed-run-progress");
  await expect(progress.getByText("Klar")).toBeVisible({ timeout: 60_000 });
  await expect(progress.locator('[data-count="rows"]')).toHaveText("Rader: 2");
  await expect(progress.locator('[data-count="events"]')).toHaveText("Händelser: 2");
  await expect(progress.locator('[data-count="duplicates"]')).toHaveText("Dubbletter: 0");
  await expect(progress.locator('[data-count="rejected"]')).toHaveText("Avvisade rader: 0");

  const sources = page.locator("#feed-sources");
  const row = sources.getByRole("row").filter({ hasText: source });
  await expect(row).toContainText("Klar");
  await expect(row).toContainText("OK");
  await expect(page.locator("#feed-runs").getByRole("row").filter({ hasText: source })).toContainText("scan_rdp");

  const events = page.locator("#feed-events");
  await events.getByLabel("Adress eller nät").fill("198.123.245.178");
  await events.getByRole("button", { name: "Filtrera" }).click();
  const hit = events.getByRole("row").filter({ hasText: source });
  await expect(hit).toContainText("198.123.245.178");
  await expect(hit).toContainText("vulnerable-system");
  await expect(hit).toContainText("Ingen ägare");
});

test("an analyst uploads in English; a file of another report type fails with its reason (en)", async ({ page }) => {
  const source = unique("en");
  await signIn(page, E2E_USERS.feedsEnglish);
  await openNav(page, "Mitt konto");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await openNav(page, "Event feeds");
  const labels = { file: "File (plain, .gz or .zip)", source: "Source", submit: "Upload" };
  await upload(page, labels, source, SAMPLE);
  const progress = page.getByTestId("feed-run-progress");
  await expect(progress.getByText("Done")).toBeVisible({ timeout: 60_000 });
  await expect(progress.locator('[data-count="events"]')).toHaveText("Events: 2");
  await expect(progress.locator('[data-count="unmatched"]')).toHaveText("Without owner: 2");

  const events = page.locator("#feed-events");
  await events.getByLabel("Address or network").fill("198.123.245.0/24");
  await events.getByLabel("Type").fill("vulnerable-system");
  await events.getByRole("button", { name: "Filter" }).click();
  await expect(events.getByRole("row").filter({ hasText: source }).first()).toContainText("No owner");

  // The sinkhole report under the scan_rdp name: refused at its header, the run failed and saying why.
  await upload(page, labels, unique("en-bad"), SINKHOLE);
  await expect(progress.getByText("Failed")).toBeVisible({ timeout: 60_000 });
  await expect(progress.getByText(/The file: .*scan_rdp/)).toBeVisible();
  await expect(page.locator("#feed-sources").getByText("Last run failed").first()).toBeVisible();
});
