import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { inviteMember } from "./member-support.js";
import { signIn } from "./support.js";
import { E2E_USERS } from "./users.js";

// A member's security events: staff upload a feed file whose addresses are in the member's network (and
// one that is not), the feed run matches owners, and the member (in English, then in Swedish) sees the
// chart and its table, filters by classification, and downloads CSV and JSON with their own events only.

test("a member sees, filters and downloads their organisation's events, in English and Swedish", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signIn(page, E2E_USERS.admin);
  const me = (await (await page.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  const headers = { "x-csrf-token": me.csrfToken };
  const orgName = `Händelsebolaget ${Date.now()}`;
  // A network no other browser test registers (they use 198.51.100.0/24's ranges and 203.0.113.0/24, and
  // the most specific owner wins the match); the one unmatched address is in the benchmarking block.
  const net = "192.0.2";
  const created = await page.request.post("/api/v1/organisations", {
    data: { name: orgName, networks: [`${net}.0/24`] },
    headers,
  });
  expect(created.status()).toBe(201);
  const org = (await created.json()) as { id: string };

  const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
  // RSIT pairs: infected-system is malicious-code's (a vulnerable/infected-system line is refused).
  const line = (ip: string, type: string, days: number) =>
    JSON.stringify({
      "time.source": ago(days),
      "source.ip": ip,
      "source.port": 3389,
      "classification.taxonomy": type === "infected-system" ? "malicious-code" : "vulnerable",
      "classification.type": type,
      "classification.identifier": "open-rdp",
    });
  const file = [
    line(`${net}.7`, "vulnerable-system", 1),
    line(`${net}.8`, "vulnerable-system", 2),
    line(`${net}.9`, "infected-system", 2),
    line("198.18.0.250", "vulnerable-system", 1),
  ].join("\n");
  const posted = await page.request.post("/api/v1/feeds/runs", {
    headers,
    multipart: {
      format: "intelmq",
      source: `e2e-events-${Date.now()}`,
      file: { name: "events.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(`${file}\n`) },
    },
  });
  expect(posted.status(), await posted.text()).toBe(202);
  const { id } = (await posted.json()) as { id: string };
  await expect(async () => {
    const run = (await (await page.request.get(`/api/v1/feeds/runs/${id}`)).json()) as { status: string };
    expect(run).toMatchObject({ status: "done", rejected: 0, matched: 3 });
    // The run is a background job: on a loaded CI machine it can take a while to be picked up.
  }).toPass({ timeout: 90_000 });

  const member = await inviteMember(page, browser, { id: org.id, name: orgName }, `ev-${Date.now()}@e2e.test`);
  await member.getByRole("link", { name: "Events" }).click();
  await expect(member.getByRole("heading", { level: 1, name: "Security events" })).toBeVisible();
  await expect(member.getByRole("img", { name: /3 events from .* per day and classification/ })).toBeVisible();
  await member.locator("summary", { hasText: "The chart as a table" }).click();
  const table = member.getByRole("table", { name: "The chart as a table" });
  await expect(table.getByRole("columnheader", { name: "vulnerable-system" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "infected-system" })).toBeVisible();
  const list = member.getByRole("table", { name: "Events" });
  await expect(list.getByRole("row")).toHaveCount(4);
  await expect(list).toContainText(`${net}.7:3389`);
  await expect(list).not.toContainText("198.18.0.250");

  await member.getByLabel("Classification", { exact: true }).selectOption("infected-system");
  await member.getByRole("button", { name: "Show" }).click();
  await expect(list.getByRole("row")).toHaveCount(2);
  await expect(list).toContainText(`${net}.9`);

  const csvDownload = member.waitForEvent("download");
  await member.getByRole("link", { name: "Download CSV" }).click();
  const csv = readFileSync(await (await csvDownload).path(), "utf8").replace(/^\uFEFF/, "");
  const rows = csv.trimEnd().split("\r\n");
  expect(rows[0]?.split(",")).toEqual(expect.arrayContaining(["time.source", "source.ip", "classification.type"]));
  expect(rows).toHaveLength(2);
  expect(rows[1]).toContain(`${net}.9`);

  const jsonDownload = member.waitForEvent("download");
  await member.getByRole("button", { name: "Download JSON" }).click();
  const json = JSON.parse(readFileSync(await (await jsonDownload).path(), "utf8")) as { "source.ip": string }[];
  expect(json.map((e) => e["source.ip"])).toEqual([`${net}.9`]);

  // The same screen in Swedish, once the member chooses it.
  const mine = (await (await member.request.get("/api/v1/auth/me")).json()) as { csrfToken: string };
  const patched = await member.request.patch("/api/v1/auth/me", {
    data: { language: "sv" },
    headers: { "x-csrf-token": mine.csrfToken },
  });
  expect(patched.status()).toBe(200);
  await member.reload();
  await expect(member.getByRole("heading", { level: 1, name: "Säkerhetshändelser" })).toBeVisible();
  await expect(member.getByRole("img", { name: /3 händelser från .* per dag och klassning/ })).toBeVisible();
  await expect(member.getByRole("link", { name: "Ladda ned CSV" })).toBeVisible();
  await expect(member.getByRole("button", { name: "Ladda ned JSON" })).toBeVisible();
  await member.locator("summary", { hasText: "Diagrammet som tabell" }).click();
  await expect(member.getByRole("table", { name: "Diagrammet som tabell" })).toBeVisible();
  await expect(member.getByRole("table", { name: "Händelser" }).getByRole("row")).toHaveCount(4);
  await member.context().close();
});
