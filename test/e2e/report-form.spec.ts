import { expect, test } from "@playwright/test";

// The reporter's path on a phone: the form, the receipt, the follow-up page.
test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const WHAT = "Vad har hänt? (obligatorisk)";

test("a reporter on a phone files a report with only what happened and an e-mail address", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Rapportera en incident", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rapportera en incident" })).toBeVisible();
  // The e2e server's limits (test/e2e/server.ts), not the form's own fallbacks of 25 MB and 100 MB.
  await expect(page.getByText("Högst 5 MB per fil och 20 MB totalt.")).toBeVisible();

  await page.getByLabel(WHAT).fill("Någon har loggat in på vår e-post från okänd plats.");
  await page.getByLabel("E-postadress").fill("anna@example.se");
  await page.getByRole("button", { name: "Skicka rapporten" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Tack, vi har tagit emot din rapport" })).toBeVisible();
  await expect(page.getByTestId("reference")).toHaveText(/^[A-Z]+-\d{4}-\d{5}$/);
  await expect(page.getByText("Vi har också skickat referensen och länken till din e-postadress.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Kopiera länken" })).toBeVisible();
  const reference = await page.getByTestId("reference").textContent();
  const link = page.getByRole("link", { name: "Öppna uppföljningssidan" });
  // The token travels in the fragment only, never in a query string.
  await expect(link).toHaveAttribute("href", /\/follow-up#[A-Za-z0-9_-]{20,}$/);

  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: `Rapport ${reference}` })).toBeVisible();
  await expect(page.getByTestId("status")).toHaveText("Mottagen");
  await expect(page.getByTestId("acknowledged")).toHaveText("Inte ännu");
  expect(page.url()).not.toContain("?");
});

test("the form says what is missing and moves focus to the first problem", async ({ page }) => {
  await page.goto("/report");
  await page.getByRole("button", { name: "Skicka rapporten" }).click();
  const what = page.getByLabel(WHAT);
  await expect(what).toBeFocused();
  await expect(what).toHaveAccessibleDescription(/Fyll i det här fältet\./);
  await expect(page.getByText("Ange en e-postadress eller ett telefonnummer så att vi kan nå dig.")).toBeVisible();

  await what.fill("Något hände.");
  await page.getByLabel("Telefonnummer").fill("abc");
  await page.getByRole("button", { name: "Skicka rapporten" }).click();
  await expect(page.getByLabel("Telefonnummer")).toBeFocused();
  await expect(page.getByText("Telefonnumret ser inte rätt ut", { exact: false })).toBeVisible();
});

test("a report can be filed by keyboard alone", async ({ page }) => {
  await page.goto("/report");
  const tabTo = async (id: string) => {
    for (let i = 0; i < 120; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate((want) => document.activeElement?.id === want, id)) return;
    }
    throw new Error(`never reached #${id} with Tab`);
  };
  await tabTo("report-whatHappened");
  await page.keyboard.type("Tangentbordsrapport: skadlig kod på en klient.");
  await tabTo("report-ongoing");
  await page.keyboard.press("Space");
  await expect(page.getByRole("radio", { name: "Ja" }).first()).toBeChecked();
  await tabTo("report-reporterPhone");
  await page.keyboard.type("+46 8 123 456");
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press("Tab");
    const onSubmit = await page.evaluate(
      () => document.activeElement?.tagName === "BUTTON" && document.activeElement.textContent === "Skicka rapporten",
    );
    if (onSubmit) break;
  }
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("reference")).toBeVisible();
  await expect(page.getByText("Du angav ingen e-postadress, så spara länken nu.")).toBeVisible();
});

test("a half-filled form survives a reload and is cleared after sending", async ({ page }) => {
  await page.goto("/report");
  await page.getByLabel(WHAT).fill("Halvfärdig rapport om ett intrång.");
  await page.getByLabel("Organisationens namn").fill("Exempel AB");
  await page.getByRole("radio", { name: "Vet inte" }).first().check();
  await page.getByLabel("Sektor (enligt NIS2)").selectOption("health");
  await page.reload();
  await expect(page.getByLabel(WHAT)).toHaveValue("Halvfärdig rapport om ett intrång.");
  await expect(page.getByLabel("Organisationens namn")).toHaveValue("Exempel AB");
  await expect(page.getByRole("radio", { name: "Vet inte" }).first()).toBeChecked();
  await expect(page.getByLabel("Sektor (enligt NIS2)")).toHaveValue("health");

  await page.getByLabel("E-postadress").fill("halv@example.se");
  await page.getByRole("button", { name: "Skicka rapporten" }).click();
  await expect(page.getByTestId("reference")).toBeVisible();
  await page.goto("/report");
  await expect(page.getByLabel(WHAT)).toHaveValue("");
});

test("the form is in English one click away, with every TLP label explained", async ({ page }) => {
  await page.goto("/report");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Report an incident" })).toBeVisible();
  await expect(page.getByLabel("What has happened? (required)")).toBeVisible();
  await expect(page.getByRole("radio", { name: /TLP:RED/ })).toHaveAccessibleDescription(
    "For the people who receive it only. Not to be passed on.",
  );
  await expect(page.getByRole("radio", { name: /TLP:AMBER$/ })).toBeChecked();
});

test("a file over the server's limit is refused before any upload", async ({ page }) => {
  const limits: unknown = await (await page.request.get("/api/public/v1/limits")).json();
  expect(limits).toMatchObject({ maxAttachmentBytes: 5 * 1024 * 1024, maxReportBytes: 20 * 1024 * 1024 });
  const uploads: string[] = [];
  page.on("request", (req) => {
    if (req.method() === "POST") uploads.push(req.url());
  });
  await page.goto("/report");
  // The stated limit is the server's: only then does the form check against it.
  await expect(page.getByText("Högst 5 MB per fil och 20 MB totalt.")).toBeVisible();
  // Under the form's 25 MB fallback, so only the server's limit refuses it.
  const big = Buffer.alloc(5 * 1024 * 1024 + 1, 1);
  await page.getByLabel("Bifoga filer (valfritt): loggar, skärmbilder, prover").setInputFiles([
    { name: "stor.bin", mimeType: "application/octet-stream", buffer: big },
    { name: "liten.log", mimeType: "text/plain", buffer: Buffer.from("rad 1\n") },
  ]);
  await expect(page.getByRole("alert")).toContainText("”stor.bin” är för stor. En fil får vara högst 5 MB.");
  await expect(page.getByRole("list", { name: "Valda filer" })).toContainText("liten.log");
  await expect(page.getByRole("list", { name: "Valda filer" })).not.toContainText("stor.bin");
  expect(uploads).toEqual([]);
});
