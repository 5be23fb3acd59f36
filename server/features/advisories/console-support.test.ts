import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { ENGLISH, SWEDISH, caller } from "./test-fixtures.js";

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
  });
});
