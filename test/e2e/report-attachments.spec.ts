import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

test("a file sent with the form shows its size and SHA-256 to staff and downloads as an attachment", async ({
  page,
  browser,
}) => {
  const content = Buffer.from(`<script>alert(1)</script>\n${"brandvägg 10.0.0.1 DENY\n".repeat(400)}`);
  const sha256 = createHash("sha256").update(content).digest("hex");

  const reporterContext = await browser.newContext();
  const reporter = await reporterContext.newPage();
  await reporter.goto("/report");
  await reporter.getByLabel("Vad har hänt? (obligatorisk)").fill("Misstänkt trafik, loggar bifogade.");
  await reporter.getByLabel("E-postadress").fill("filer@example.se");
  await reporter.getByLabel("Bifoga filer (valfritt): loggar, skärmbilder, prover").setInputFiles({
    name: "brandvagg.html",
    mimeType: "text/html",
    buffer: content,
  });
  await expect(reporter.getByRole("list", { name: "Valda filer" })).toContainText("brandvagg.html");
  await reporter.getByRole("button", { name: "Skicka rapporten" }).click();
  const reference = (await reporter.getByTestId("reference").textContent()) ?? "";
  expect(reference).not.toBe("");
  await reporterContext.close();

  await signIn(page, E2E_USERS.duty);
  await page.goto(`/console/reports/${reference}`);
  const row = page.locator("#attachments").getByRole("row").filter({ hasText: "brandvagg.html" });
  await expect(row).toContainText(sha256);
  await expect(row.locator("[data-bytes]")).toHaveAttribute("data-bytes", String(content.length));
  await expect(row).toContainText("KB");

  const link = row.getByRole("link", { name: "brandvagg.html" });
  const href = (await link.getAttribute("href")) ?? "";
  const res = await page.request.get(href);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(res.headers()["content-type"]).toBe("application/octet-stream");
  expect(
    createHash("sha256")
      .update(await res.body())
      .digest("hex"),
  ).toBe(sha256);

  const download = page.waitForEvent("download");
  await link.click();
  expect((await download).suggestedFilename()).toBe("brandvagg.html");
});
