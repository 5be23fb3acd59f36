import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { systemActor } from "../../platform/auth/actor.js";
import { importKev } from "../vulnerabilities/run-import.js";
import { bytesOf, kevCatalogue, kevEntry, uniqueCve } from "../vulnerabilities/vulnerabilities.test-fixtures.js";
import { ENGLISH, SWEDISH, caller, makeTeam, publishedAdvisory } from "./test-fixtures.js";

// What the console's advisory screens read beside the workflow: who may not approve (the author sees
// why), the public page as it would be published, and the CSAF document with its validation result.

const app = useTestApp({ FYR_PUBLIC_URL: "https://cert.example.se", FYR_CERT_NAME: "CERT-SE" });
const call = caller(app);

describe("advisory console support", () => {
  it("names who may not approve: the author and every editor since the last publication", async () => {
    const author = await createTokenFor(app(), { roles: ["publisher"] });
    const translator = await createTokenFor(app(), { roles: ["analyst"] });
    const { id } = (await call("POST", "/api/v1/advisories", author.token, SWEDISH)).json<{ id: string }>();
    await call("PUT", `/api/v1/advisories/${id}/translations/en`, translator.token, ENGLISH);
    const view = (await call("GET", `/api/v1/advisories/${id}`, author.token)).json<{ mayNotApprove: string[] }>();
    expect(view.mayNotApprove.sort()).toEqual([author.userId, translator.userId].sort());
  });

  it("previews the public page in each language without publishing anything", async () => {
    const { token } = await createTokenFor(app(), { roles: ["analyst"] });
    const observer = await createTokenFor(app(), { roles: ["observer"] });
    const body = { ...SWEDISH, body: "Läs <script>alert(1)</script> noga." };
    const { id, trackingId } = (await call("POST", "/api/v1/advisories", token, body)).json<{
      id: string;
      trackingId: string;
    }>();
    const sv = (await call("GET", `/api/v1/advisories/${id}/preview?lang=sv`, token)).json<{ html: string }>();
    expect(sv.html).toContain(SWEDISH.title);
    expect(sv.html).toContain('<html lang="sv"');
    expect(sv.html).not.toContain("<script>");
    // No English yet: the Swedish original is what an English reader would get.
    const en = (await call("GET", `/api/v1/advisories/${id}/preview?lang=en`, token)).json();
    expect(en).toMatchObject({ language: "sv" });
    await call("PUT", `/api/v1/advisories/${id}/translations/en`, token, ENGLISH);
    const en2 = (await call("GET", `/api/v1/advisories/${id}/preview?lang=en`, token)).json();
    expect(en2.language).toBe("en");
    expect(en2.html).toContain(ENGLISH.title);
    expect((await call("GET", `/api/v1/advisories/${id}/preview?lang=sv`, observer.token)).statusCode).toBe(403);
    expect((await call("GET", `/advisories/${trackingId}`, null)).statusCode).toBe(404);
  });

  it("shows the CSAF document each language would publish, with its validation result", async () => {
    const { token } = await createTokenFor(app(), { roles: ["analyst"] });
    const { id } = (await call("POST", "/api/v1/advisories", token, SWEDISH)).json<{ id: string }>();
    const check = (await call("GET", `/api/v1/advisories/${id}/csaf`, token)).json<{
      documents: { language: string; valid: boolean; document: { document: { lang: string } } }[];
    }>();
    expect(check.documents).toHaveLength(1);
    expect(check.documents[0]).toMatchObject({ language: "sv", valid: true });
    expect(check.documents[0]?.document.document.lang).toBe("sv");
    // The validator loads once per process: slow the first time on a loaded machine.
  }, 120_000);

  it("lists the advisories naming a CVE on its vulnerability page: drafts to writers, published to all staff", async () => {
    const cve = uniqueCve(2096);
    const { fyr } = app();
    const system = { db: fyr.deps.db, clock: fyr.deps.clock, actor: systemActor("cli"), config: fyr.deps.config };
    await importKev(system, bytesOf(kevCatalogue([kevEntry({ cve })])), "kev.json");
    const team = await makeTeam(app());
    const page = async (token: string) =>
      (await call("GET", `/api/v1/vulnerabilities/${cve}`, token)).json<{ advisories: { trackingId: string }[] }>()
        .advisories;
    expect(await page(team.analyst)).toEqual([]);
    const draft = (await call("POST", "/api/v1/advisories", team.analyst, { ...SWEDISH, cves: [cve] })).json();
    expect((await page(team.analyst)).map((a) => a.trackingId)).toEqual([draft.trackingId]);
    expect(await page(team.observer)).toEqual([]);
    const published = await publishedAdvisory(call, team, { cves: [cve], title: "Publicerad" });
    expect(await page(team.observer)).toEqual([
      { id: published.id, trackingId: published.trackingId, title: "Publicerad" },
    ]);
  });
});
