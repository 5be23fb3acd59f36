import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Page, expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.js";
import { openNav, signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// The constituency import screen: the duty officer uploads RIPE split files (organisation, role,
// inetnum, inet6num, aut-num), sees the preview (what would be added per kind; nothing written yet),
// applies it and sees it applied. In Swedish for Sweden; in English for Norway, whose import must
// leave the Swedish records alone.

const FIXTURES = ["organisation", "role", "inetnum", "inet6num", "aut-num"].map((kind) => {
  const name = `ripe.db.${kind}`;
  const path = fileURLToPath(new URL(`../../server/features/constituency/import/fixtures/${name}`, import.meta.url));
  return { name, mimeType: "text/plain", buffer: readFileSync(path) };
});

/** The preview table's row for a kind: its cells (kind, added, changed, removed, kept). */
const row = (page: Page, kind: string) =>
  page.locator("#constituency-import-preview table tr").filter({ has: page.getByText(kind, { exact: true }) });

test("the duty officer previews a RIPE import for Sweden and applies it (sv)", async ({ page }) => {
  await signIn(page, E2E_USERS.constituency);
  await openNav(page, "Import av konstituens");
  await page.getByLabel("Format").selectOption("ripe");
  await page.getByLabel("Land", { exact: true }).fill("SE");
  await page.getByLabel("Filer").setInputFiles(FIXTURES);
  await page.getByRole("button", { name: "Läs in och förhandsgranska" }).click();
  await expect(page.getByTestId("constituency-import-status")).toContainText("Förhandsvisning: ingenting skrivet än");
  await expect(page.getByTestId("constituency-import-status")).toContainText("16 objekt inlästa");
  await expect(row(page, "Nät").locator("td")).toHaveText(["Nät", "3", "0", "0", "0"]);
  await expect(row(page, "Organisationer").locator("td")).toHaveText(["Organisationer", "3", "0", "0", "0"]);
  await page.getByText("Nät", { exact: true }).last().click();
  await expect(page.getByText("198.51.100.7 - 198.51.100.20")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Genomför importen" }).click();
  await expect(page.getByText("Importen är genomförd.")).toBeVisible();
  await expect(page.getByTestId("constituency-import-status")).toContainText("Genomförd");
});

test("a Norwegian import in English shows its errors by line, then applies without touching Sweden (en)", async ({
  page,
}) => {
  await signIn(page, E2E_USERS.constituencyEnglish);
  await openNav(page, "Mitt konto");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
  await openNav(page, "Constituency import");

  // A broken inetnum first: the error is shown by file and line, and nothing can be applied.
  const broken = {
    name: "ripe.db.inetnum",
    mimeType: "text/plain",
    buffer: Buffer.from("inetnum: 10.0.0.9 - 10.0.0.1\ncountry: NO\norg: ORG-NO1-RIPE\n"),
  };
  await page.getByLabel("Country", { exact: true }).fill("NO");
  await page.getByLabel("Files").setInputFiles(FIXTURES.map((f) => (f.name === "ripe.db.inetnum" ? broken : f)));
  await page.getByRole("button", { name: "Read and preview" }).click();
  await expect(page.getByText("1 error: nothing can be applied.", { exact: false })).toBeVisible();
  await expect(
    page.getByRole("cell", { name: "inetnum 10.0.0.9 - 10.0.0.1: the range starts after it ends" }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Apply the import" })).toHaveCount(0);

  await page.getByLabel("Files").setInputFiles(FIXTURES);
  await page.getByRole("button", { name: "Read and preview" }).click();
  await expect(page.getByTestId("constituency-import-status")).toContainText("Preview: nothing written yet");
  await expect(row(page, "Networks").locator("td")).toHaveText(["Networks", "2", "0", "0", "0"]);
  await expect(row(page, "AS numbers").locator("td")).toHaveText(["AS numbers", "1", "0", "0", "0"]);
  await page.getByRole("button", { name: "Apply the import" }).click();
  await expect(page.getByText("The import is applied.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
