import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createStaffUser, createTokenFor, randomClientAddress } from "../../../test/support/auth.js";
import { makeMember, makeOrganisation, signInMember } from "./test-fixtures.js";

// A process with only the public role faces the Internet: it serves the member area and the member API,
// signs members in, and never signs staff in or admits a staff session or token.

const app = useTestApp({ FYR_ROLES: "public" });

async function call(method: "GET" | "POST", url: string, headers: Record<string, string> = {}, payload?: object) {
  return app().fyr.http.inject({
    method,
    url,
    headers,
    ...(payload ? { payload } : {}),
    remoteAddress: randomClientAddress(),
  });
}

describe("the member area on a public-only process", () => {
  it("refuses staff sign-in with its own code, only after the right password", async () => {
    const staff = await createStaffUser(app(), { roles: ["admin"] });
    const wrong = await call(
      "POST",
      "/api/v1/auth/login",
      {},
      { email: staff.email, password: "not the password at all" },
    );
    expect(wrong.json()).toMatchObject({ status: 401, code: "invalid_credentials" });
    const refused = await call("POST", "/api/v1/auth/login", {}, { email: staff.email, password: staff.password });
    expect(refused.json()).toMatchObject({ status: 403, code: "staff_sign_in_refused" });
    expect(refused.cookies).toEqual([]);
  });

  it("admits no staff token, and serves no staff route", async () => {
    const { token } = await createTokenFor(app(), { roles: ["admin"] });
    const me = await call("GET", "/api/v1/auth/me", { authorization: `Bearer ${token}` });
    expect(me.json()).toMatchObject({ status: 403, code: "staff_sign_in_refused" });
    expect((await call("GET", "/api/v1/reports")).statusCode).toBe(404);
    expect((await call("GET", "/api/v1/setup")).statusCode).toBe(404);
  });

  it("signs a member in and serves the member API", async () => {
    const org = await makeOrganisation(app(), { name: "Publika AB" });
    const member = await makeMember(app(), org);
    const headers = await signInMember(app(), member);
    const res = await call("GET", "/api/v1/my/organisation", headers);
    expect(res.json()).toMatchObject({ id: org.id, name: "Publika AB" });
    const me = await call("GET", "/api/v1/auth/me", headers);
    expect(me.json()).toMatchObject({ roles: ["member"], kind: "member", organisationId: org.id });
  });
});
