import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { type APIRequestContext, type Page, expect, test } from "@playwright/test";
import { seriousViolations } from "./axe.js";
import { signIn } from "./support.js";
import { E2E_USERS, PASSWORD } from "./users.js";

// Evidence in the console: a report's files show what their bytes are (a program called invoice.pdf
// is flagged), an archive's entries are listed, an analyst marks a file as a malware sample, after
// which it downloads only as an encrypted ZIP ("infected"), and the printable custody record names
// every download with its time and person. Swedish and English.

/** The start of a Windows program, made unique per run so marks never meet another run's files. */
function program(): Buffer {
  return Buffer.concat([
    Buffer.from("MZ", "latin1"),
    Buffer.alloc(58),
    Buffer.from([0x80, 0, 0, 0]),
    Buffer.alloc(64),
    Buffer.from("PE\u0000\u0000L\u0001", "latin1"),
    randomBytes(48),
  ]);
}

/** A two-entry ZIP made by the system's zip tool (stored, no compression). */
function zipOf(entries: Record<string, string>): Buffer {
  const dir = `/tmp/fyr-e2e-zip-${randomBytes(4).toString("hex")}`;
  spawnSync("mkdir", ["-p", dir]);
  for (const [name, text] of Object.entries(entries))
    spawnSync("sh", ["-c", `printf '%s' "$1" > "${dir}/${name}"`, "sh", text]);
  spawnSync("sh", ["-c", `cd "${dir}" && zip -q -0 out.zip ${Object.keys(entries).join(" ")}`]);
  const zip = readFileSync(`${dir}/out.zip`);
  spawnSync("rm", ["-rf", dir]);
  return zip;
}

/** Files a report on the public API with these files; answers its reference. */
async function fileWith(request: APIRequestContext, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const form = new FormData();
  const marker = Date.now().toString(36);
  form.append(
    "report",
    JSON.stringify({ whatHappened: `Bifogar prover (${marker}).`, reporter: { email: `prov.${marker}@example.se` } }),
  );
  for (const f of files) form.append("attachments", new Blob([new Uint8Array(f.buffer)], { type: f.mimeType }), f.name);
  const res = await request.post("/api/public/v1/reports", { multipart: form });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

async function useEnglish(page: Page): Promise<void> {
  const me = (await (await page.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  const res = await page.request.patch("/api/v1/auth/me", {
    headers: { "x-csrf-token": me.csrfToken },
    data: { language: "en" },
  });
  expect(res.status()).toBe(200);
}

async function zipEntry(path: string, password: string): Promise<Buffer | null> {
  const opened = spawnSync("unzip", ["-P", password, "-p", path], { maxBuffer: 1 << 24 });
  return opened.status === 0 ? opened.stdout : null;
}

const words = {
  sv: {
    files: "Filer och bevis",
    details: "Detaljer",
    program: "Program",
    mismatch: "Stämmer inte med namnet",
    archive: "Arkiv med 2 poster",
    archiveTitle: "Arkivets innehåll",
    reason: "Skäl",
    mark: "Markera som prov",
    sampleNotice: "Filen är ett prov på skadlig kod och lämnar Fyr bara i en krypterad ZIP.",
    download: "Hämta filen",
    zip: "Hämta som krypterad ZIP",
    record: "Beviskedja att skriva ut, på svenska",
    recordTitle: "Beviskedja för fil",
    custody: "Beviskedja",
    verify: "Kontrollera innehållet",
    intact: "Innehållet är oförändrat",
    exported: "Exporterad",
    received: "Mottagen",
  },
  en: {
    files: "Files and evidence",
    details: "Details",
    program: "Program",
    mismatch: "Does not match its name",
    archive: "Archive with 2 entries",
    archiveTitle: "Archive contents",
    reason: "Reason",
    mark: "Mark as a sample",
    sampleNotice: "This file is a malware sample and leaves Fyr only in an encrypted ZIP.",
    download: "Download the file",
    zip: "Download as an encrypted ZIP",
    record: "Printable chain of custody, in English",
    recordTitle: "Chain of custody record",
    custody: "Chain of custody",
    verify: "Verify the content",
    intact: "The content is unchanged",
    exported: "Exported",
    received: "Received",
  },
} as const;

for (const language of ["sv", "en"] as const) {
  test(`a sample is identified, marked, downloaded as an encrypted ZIP and its custody printed (${language})`, async ({
    page,
  }) => {
    const w = words[language];
    const user = language === "sv" ? E2E_USERS.evidence : E2E_USERS.evidenceEnglish;
    const exe = program();
    const reference = await fileWith(page.request, [
      { name: "invoice.pdf", mimeType: "application/pdf", buffer: exe },
      {
        name: "loggar.zip",
        mimeType: "application/zip",
        buffer: zipOf({ "a.log": "DENY 203.0.113.9", "b.txt": "hej" }),
      },
    ]);
    if (language === "sv") await signIn(page, user);
    else {
      const login = await page.request.post("/api/v1/auth/login", { data: { email: user.email, password: PASSWORD } });
      expect(login.status()).toBe(200);
      await useEnglish(page);
    }

    // The report's files: identified moments after arrival (the list asks again until they are).
    await page.goto(`/console/reports/${reference}`);
    const files = page.getByRole("region", { name: w.files });
    const invoice = files.getByRole("row").filter({ hasText: "invoice.pdf" });
    await expect(invoice).toContainText(w.program, { timeout: 30_000 });
    await expect(invoice).toContainText(w.mismatch);
    await expect(invoice).toContainText(createHash("sha256").update(exe).digest("hex"));
    await expect(files.getByRole("row").filter({ hasText: "loggar.zip" })).toContainText(w.archive);
    expect(await seriousViolations(page)).toEqual([]);

    // The archive's page lists its entries; nothing was unpacked anywhere.
    await files.getByRole("row").filter({ hasText: "loggar.zip" }).getByRole("link", { name: w.details }).click();
    await expect(page.getByRole("heading", { level: 1, name: "loggar.zip" })).toBeVisible();
    const entries = page.getByRole("region", { name: w.archiveTitle });
    await expect(entries).toContainText("a.log");
    await expect(entries).toContainText(createHash("sha256").update("DENY 203.0.113.9").digest("hex"));
    await page.goBack();

    // The program's page: hashes, its receipt; then it is marked as a sample.
    await files.getByRole("row").filter({ hasText: "invoice.pdf" }).getByRole("link", { name: w.details }).click();
    await expect(page.getByRole("heading", { level: 1, name: "invoice.pdf" })).toBeVisible();
    await expect(page.getByText(createHash("md5").update(exe).digest("hex"))).toBeVisible();
    const fileId = page.url().split("/").at(-1) ?? "";
    await page.getByLabel(w.reason).fill("Trojan, ringer hem till 203.0.113.7");
    await page.getByRole("button", { name: w.mark }).click();
    await expect(page.getByText(w.sampleNotice)).toBeVisible();
    await expect(page.getByRole("link", { name: w.download })).toHaveCount(0);
    await page.getByRole("button", { name: w.verify }).click();
    await expect(page.getByText(w.intact)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Raw, it is refused on every way out; as the ZIP it comes, and opens with "infected" only.
    expect((await page.request.get(`/api/v1/files/${fileId}/content`)).status()).toBe(409);
    expect((await page.request.get(`/api/v1/reports/${reference}/attachments/${fileId}`)).status()).toBe(409);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: w.zip }).click();
    const zip = await download;
    expect(zip.suggestedFilename()).toMatch(/^[0-9a-f]{64}\.zip$/);
    const saved = (await zip.path()) ?? "";
    expect(await zipEntry(saved, "wrong")).toBeNull();
    expect((await zipEntry(saved, "infected"))?.equals(exe)).toBe(true);

    // The custody record opens in a tab of its own: the case, the hashes, each event with the person.
    const popup = page.waitForEvent("popup");
    await page.getByRole("link", { name: w.record }).click();
    const record = await popup;
    await expect(record.getByRole("heading", { level: 1, name: w.recordTitle })).toBeVisible();
    await expect(record.locator("body")).toContainText(reference);
    await expect(record.locator("body")).toContainText(createHash("sha1").update(exe).digest("hex"));
    await expect(record.getByRole("row").filter({ hasText: w.exported })).toContainText(user.name);
    await expect(record.getByRole("row").filter({ hasText: w.exported })).toContainText("UTC");
    await record.emulateMedia({ media: "print" });
    await expect(record.locator(".hint")).toBeHidden();
    await record.close();

    // And the file's own page shows the same chain.
    await page.reload();
    const chain = page.getByRole("region", { name: w.custody, exact: true });
    await expect(chain.getByRole("row").filter({ hasText: w.received })).toHaveCount(1);
    await expect(chain.getByRole("row").filter({ hasText: w.exported })).toContainText(user.name);
  });
}
