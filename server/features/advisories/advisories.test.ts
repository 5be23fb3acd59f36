import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { ENGLISH, SWEDISH, type Team, caller, makeTeam, publishedAdvisory, writeCertKey } from "./test-fixtures.js";

// The four-eyes workflow through the API: a draft in Swedish, its English translation (and when it
// lags), comments and the diff, review, approval by a second publisher only, publication with every
// output, and a revision as the only way to change what is published.

const dir = mkdtempSync(join(tmpdir(), "fyr-advisories-"));
const env: Record<string, string> = { FYR_PUBLIC_URL: "https://cert.example.se", FYR_CERT_NAME: "CERT-SE" };
beforeAll(async () => {
  env.FYR_PGP_KEY_FILE = (await writeCertKey(dir)).file;
});
const app = useTestApp(env);
afterAll(() => rm(dir, { recursive: true, force: true }));
const call = caller(app);
let team: Team;
beforeAll(async () => {
  team = await makeTeam(app());
});

describe("advisory workflow", () => {
  it("creates a draft with a tracking id, translates it and shows when the translation lags", async () => {
    const created = await call("POST", "/api/v1/advisories", team.analyst, SWEDISH);
    expect(created.statusCode).toBe(201);
    const { id, trackingId, status, version } = created.json();
    expect(trackingId).toMatch(/^FYR-SA-\d{4}-\d{4}$/);
    expect({ status, version }).toEqual({ status: "draft", version: 1 });

    const en = await call("PUT", `/api/v1/advisories/${id}/translations/en`, team.analyst, ENGLISH);
    expect(en.json()).toEqual({ version: 2, translationLags: false });
    const sv = await call("PUT", `/api/v1/advisories/${id}/translations/sv`, team.analyst, {
      ...SWEDISH,
      summary: "Exempel AB har åtgärdat två sårbarheter som utnyttjas aktivt.",
    });
    expect(sv.json()).toEqual({ version: 3, translationLags: true });
    const read = (await call("GET", `/api/v1/advisories/${id}`, team.observer)).statusCode;
    expect(read).toBe(403);
    const view = (await call("GET", `/api/v1/advisories/${id}`, team.analyst)).json();
    expect(view.translationLags).toBe(true);
    expect(view.texts.sv.textVersion).toBe(2);
    expect(view.texts.en.title).toBe(ENGLISH.title);

    const diff = (await call("GET", `/api/v1/advisories/${id}/diff?from=2&to=3`, team.analyst)).json();
    expect(diff.changes.map((c: { field: string }) => c.field)).toEqual(["sv.summary"]);
    expect(diff.changes[0].lines).toEqual([
      { op: "removed", text: SWEDISH.summary },
      { op: "added", text: "Exempel AB har åtgärdat två sårbarheter som utnyttjas aktivt." },
    ]);
    const missing = await call("GET", `/api/v1/advisories/${id}/diff?from=1&to=9`, team.analyst);
    expect(missing.json()).toMatchObject({ status: 404, code: "advisory_version_not_found" });

    const comment = await call("POST", `/api/v1/advisories/${id}/comments`, team.author, { body: "Ange CVSS." });
    expect(comment.statusCode).toBe(201);
    expect(comment.json().comments).toMatchObject([{ body: "Ange CVSS.", version: 3 }]);
  });

  it("needs the Swedish original to be submitted", async () => {
    const { language: _l, ...rest } = SWEDISH;
    const created = (
      await call("POST", "/api/v1/advisories", team.analyst, { ...rest, ...ENGLISH, language: "en" })
    ).json();
    const submit = await call("POST", `/api/v1/advisories/${created.id}/submit`, team.analyst);
    expect(submit.json()).toMatchObject({ status: 409, code: "advisory_swedish_missing" });
  });

  it("is approved only by a publisher who wrote none of it", async () => {
    const { id } = (await call("POST", "/api/v1/advisories", team.author, SWEDISH)).json();
    expect((await call("POST", `/api/v1/advisories/${id}/approve`, team.reviewer)).json()).toMatchObject({
      code: "advisory_wrong_status",
    });
    expect((await call("POST", `/api/v1/advisories/${id}/submit`, team.author)).json()).toEqual({
      status: "in_review",
      version: 1,
    });
    const own = await call("POST", `/api/v1/advisories/${id}/approve`, team.author);
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe("advisory_own_approval");
    // An analyst is no publisher; the route refuses before anything else.
    expect((await call("POST", `/api/v1/advisories/${id}/approve`, team.analyst)).statusCode).toBe(403);
    expect((await call("POST", `/api/v1/advisories/${id}/approve`, team.reviewer)).json()).toEqual({
      status: "approved",
      version: 1,
    });
    // A change after approval takes it back to draft: what is published is what was approved.
    await call("PUT", `/api/v1/advisories/${id}/translations/en`, team.reviewer, ENGLISH);
    const back = (await call("GET", `/api/v1/advisories/${id}`, team.author)).json();
    expect(back).toMatchObject({ status: "draft", approvedBy: null });
    // The reviewer has written part of it now: someone else must approve.
    await call("POST", `/api/v1/advisories/${id}/submit`, team.author);
    expect((await call("POST", `/api/v1/advisories/${id}/approve`, team.reviewer)).json().code).toBe(
      "advisory_own_approval",
    );
  });

  it("publishes every output and changes a published advisory only by a revision", async () => {
    const { id, trackingId } = await publishedAdvisory(call, team);
    const view = (await call("GET", `/api/v1/advisories/${id}`, team.author)).json();
    expect(view).toMatchObject({ status: "published", revision: 1, revisions: [{ number: 1 }] });
    const file = trackingId.toLowerCase();
    const year = new Date().getUTCFullYear();
    expect(view.published).toEqual(
      expect.arrayContaining([
        {
          language: "sv",
          page: `/advisories/${trackingId}?lang=sv`,
          csaf: `/.well-known/csaf/clear/${year}/${file}.json`,
          revision: 1,
        },
        {
          language: "en",
          page: `/advisories/${trackingId}?lang=en`,
          csaf: `/.well-known/csaf/clear/${year}/${file}-en.json`,
          revision: 1,
        },
      ]),
    );
    const doc = (await call("GET", `/.well-known/csaf/clear/${year}/${file}-en.json`, null)).json();
    expect(doc.document).toMatchObject({
      category: "csaf_security_advisory",
      lang: "en",
      source_lang: "sv",
      publisher: { category: "translator" },
      tracking: { id: `${trackingId}-en`, version: "1", status: "final" },
    });
    expect(doc.document.references[0]).toMatchObject({
      url: `https://cert.example.se/.well-known/csaf/clear/${year}/${file}.json`,
    });

    const edit = await call("PUT", `/api/v1/advisories/${id}/translations/sv`, team.author, SWEDISH);
    expect(edit.json()).toMatchObject({ status: 409, code: "advisory_published" });
    expect((await call("POST", `/api/v1/advisories/${id}/revisions`, team.author, {})).statusCode).toBe(400);
    const opened = await call("POST", `/api/v1/advisories/${id}/revisions`, team.author, {
      summary: "Fler versioner påverkas",
    });
    expect(opened.json()).toEqual({ status: "draft", version: view.version });
    await call("PUT", `/api/v1/advisories/${id}/translations/sv`, team.author, {
      ...SWEDISH,
      title: "Kritisk sårbarhet i Exempel VPN och Exempel Gateway",
    });
    // The public still reads revision 1 while revision 2 is drafted.
    expect((await call("GET", `/advisories/${trackingId}`, null)).body).not.toContain("Exempel Gateway");
    for (const [step, token] of [
      ["submit", team.author],
      ["approve", team.reviewer],
      ["publish", team.reviewer],
    ] as const)
      expect((await call("POST", `/api/v1/advisories/${id}/${step}`, token)).json()).toMatchObject({
        version: view.version + 1,
      });
    const sv = (await call("GET", `/.well-known/csaf/clear/${year}/${file}.json`, null)).json();
    expect(
      sv.document.tracking.revision_history.map((r: { number: string; summary: string }) => [r.number, r.summary]),
    ).toEqual([
      ["1", "Första publicering / Initial release"],
      ["2", "Fler versioner påverkas"],
    ]);
    // English was not updated: it stays at revision 1, and its page says so.
    const enPage = (await call("GET", `/advisories/${trackingId}?lang=en`, null)).body;
    expect(enPage).toContain("This translation is of revision 1; the Swedish original is now at revision 2.");
    const svPage = (await call("GET", `/advisories/${trackingId}?lang=sv`, null)).body;
    expect(svPage).toContain("Exempel Gateway");
  });

  it("schedules a publication for the worker's pass", async () => {
    const { id } = (await call("POST", "/api/v1/advisories", team.author, SWEDISH)).json();
    await call("POST", `/api/v1/advisories/${id}/submit`, team.author);
    await call("POST", `/api/v1/advisories/${id}/approve`, team.reviewer);
    const soon = new Date(Date.now() + 60_000).toISOString();
    expect((await call("POST", `/api/v1/advisories/${id}/publish`, team.reviewer, { at: soon })).json()).toMatchObject({
      status: "scheduled",
    });
    const { publishDueAdvisories } = await import("./scheduled-publishing.js");
    const runtime = (await import("./runtime.js")).createAdvisoryRuntime(app().fyr.deps.config);
    const logger = app().fyr.deps.logger;
    const later = { now: () => new Date(Date.now() + 120_000) };
    const deps = { db: app().fyr.deps.db, ...runtime };
    expect(await publishDueAdvisories({ ...deps, clock: { now: () => new Date() } }, logger)).toBe(0);
    expect(await publishDueAdvisories({ ...deps, clock: later }, logger)).toBeGreaterThanOrEqual(1);
    expect((await call("GET", `/api/v1/advisories/${id}`, team.author)).json()).toMatchObject({
      status: "published",
      revision: 1,
    });
  });

  it("audits every step by tracking id", async () => {
    const { trackingId } = await publishedAdvisory(call, team);
    const rows = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["action", "target_id"])
      .where("target_type", "=", "advisory")
      .where("target_id", "=", trackingId)
      .orderBy("id")
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      "advisory.created",
      "advisory.text_saved",
      "advisory.submitted",
      "advisory.approved",
      "advisory.published",
    ]);
  });
});
