import { readFileSync, statSync } from "node:fs";
import { type Page, expect, test } from "@playwright/test";

// The portal without JavaScript (a reporter on a locked-down machine): the CERT's phone number and
// e-mail, and a plain form that files a report through the same validation, answered with a
// receipt — in Swedish and English, on a phone too. And the portal's first load stays small.

const PHONE = "+46 10 240 40 40"; // FYR_CERT_PHONE's default (test/e2e/server.ts sets none)

// Playwright's getByText skips what is inside <noscript>, which is where the portal's plain page
// lives until the server answers the form: look for the text in the page's paragraphs instead.
const text = (page: Page, words: string) => page.locator("p, [role=alert]", { hasText: words }).first();

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the landing page shows how to reach the CERT and a form that files a report (sv)", async ({
    page,
    request,
  }) => {
    await page.goto("/");
    await expect(text(page, "JavaScript är avstängt i din webbläsare")).toBeVisible();
    await expect(page.getByRole("link", { name: PHONE }).first()).toHaveAttribute("href", "tel:+46102404040");
    await expect(page.getByRole("link", { name: "cert@cert.se" }).first()).toBeVisible();

    const marker = `nojs${Date.now().toString(36)}`;
    await page.getByLabel("Vad har hänt? (obligatorisk)").fill(`Lösenordsstöld via falsk inloggningssida (${marker})`);
    await page.getByLabel("E-postadress").fill(`rut.${marker}@example.se`);
    await page.getByRole("radio", { name: "TLP:GREEN" }).check();
    await page.getByLabel("Bifoga filer (valfritt): loggar, skärmbilder, prover").setInputFiles({
      name: "headers.txt",
      mimeType: "text/plain",
      buffer: Buffer.from(`Received: from evil.example (${marker})`),
    });
    await page.getByRole("button", { name: "Skicka rapporten" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Tack, vi har tagit emot din rapport" })).toBeVisible();
    const reference = (await page.getByTestId("reference").textContent()) ?? "";
    expect(reference).toMatch(/^[A-Z]+-\d{4}-\d{5}$/);
    const link = page.getByRole("link", { name: "Öppna uppföljningssidan" });
    const token = ((await link.getAttribute("href")) ?? "").split("#")[1] ?? "";
    expect(token.length).toBeGreaterThan(20);

    // The same report as the web form files: the reporter's follow-up sees it, file and all.
    const view = await request.get("/api/public/v1/follow-up", { headers: { authorization: `Bearer ${token}` } });
    const body = (await view.json()) as {
      reference: string;
      answers: { whatHappened: string; tlp: string };
      attachments: { filename: string }[];
    };
    expect(body.reference).toBe(reference);
    expect(body.answers.whatHappened).toContain(marker);
    expect(body.answers.tlp).toBe("TLP:GREEN");
    expect(body.attachments.map((a) => a.filename)).toEqual(["headers.txt"]);
  });

  test("the form comes back with what to fix, in English, keeping what was written", async ({ page }) => {
    await page.goto("/report?lang=en");
    await expect(page.locator("html")).toHaveAttribute("lang", "sv"); // the built page; its <noscript> part is English
    await page.getByLabel("One-line summary (optional)").fill("Phishing at the front desk");
    await page.getByRole("button", { name: "Send the report" }).click();

    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("alert")).toContainText("The report has not been sent");
    // Each problem is said at its field, and tied to it for screen readers.
    await expect(page.getByLabel("What has happened? (required)")).toHaveAccessibleDescription(
      /Please fill in this field\./,
    );
    await expect(page.getByLabel("E-mail address")).toHaveAccessibleDescription(
      /Give an e-mail address or a telephone number so we can reach you\./,
    );
    await expect(page.getByLabel("One-line summary (optional)")).toHaveValue("Phishing at the front desk");
    await expect(page.getByLabel("What has happened? (required)")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("What has happened? (required)").fill("Someone phoned and asked for passwords.");
    await page.getByLabel("Telephone number").fill("+46 8 123 456");
    await page.getByRole("button", { name: "Send the report" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: "Thank you, we have received your report" }),
    ).toBeVisible();
    await expect(page.getByText("The follow-up page needs JavaScript")).toBeVisible();
  });

  test("the follow-up page says it needs JavaScript, and how to reach the CERT", async ({ page }) => {
    await page.goto("/follow-up#some-token");
    await expect(text(page, "Uppföljningssidan behöver JavaScript")).toBeVisible();
    await expect(page.getByRole("link", { name: PHONE }).first()).toBeVisible();
  });

  for (const lang of ["sv", "en"] as const) {
    test(`the plain form fits a 390 px phone (${lang})`, async ({ browser }) => {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width: 390, height: 844 },
        isMobile: true,
      });
      const page = await context.newPage();
      await page.goto(`/?lang=${lang}`);
      await expect(page.locator("form.plain-form")).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await context.close();
    });
  }
});

test("with JavaScript the plain form stays out of sight", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(text(page, "JavaScript är avstängt i din webbläsare")).toBeHidden();
  await expect(page.getByRole("link", { name: PHONE }).first()).toBeVisible();
});

test("the portal's first load is under 150 KB of compressed JavaScript, and is sent compressed", async ({
  request,
}) => {
  // What the portal's page loads before anything else: its script and the modules it preloads.
  const html = readFileSync("dist/web/portal/index.html", "utf8");
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? "");
  expect(scripts.length).toBeGreaterThan(0);
  const total = (ext: string) => scripts.reduce((sum, file) => sum + statSync(`dist/web/${file}${ext}`).size, 0);
  const sizes = { raw: total(""), gzip: total(".gz"), brotli: total(".br") };
  test.info().annotations.push({ type: "portal first load (bytes)", description: JSON.stringify(sizes) });
  console.log(`portal first load: ${JSON.stringify(sizes)} bytes`);
  expect(sizes.gzip).toBeLessThan(150 * 1024);
  expect(sizes.brotli).toBeLessThan(sizes.gzip);

  for (const [encoding, ext] of [
    ["br", ".br"],
    ["gzip", ".gz"],
  ] as const) {
    const res = await request.get(`/${scripts[0]}`, { headers: { "accept-encoding": encoding } });
    expect(res.headers()["content-encoding"]).toBe(encoding);
    expect(res.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(Number(res.headers()["content-length"])).toBe(statSync(`dist/web/${scripts[0]}${ext}`).size);
  }
});
