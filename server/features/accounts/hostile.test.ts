import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createStaffUser, createTokenFor, randomClientAddress, signIn } from "../../../test/support/auth.js";
import { randomSecret } from "../../platform/auth/secrets.js";

describe("accounts under attack", () => {
  const app = useTestApp({ FYR_BODY_LIMIT_BYTES: "16384" });
  const http = () => app().fyr.http;

  it("answers forged, malformed and foreign cookies with a bare 401", async () => {
    for (const value of [randomSecret(32), "x", "' or 1=1 --", "A".repeat(5000), "%00%00"]) {
      const res = await http().inject({ url: "/api/v1/auth/me", headers: { cookie: `fyr_session=${value}` } });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({
        type: "urn:fyr:problem:unauthenticated",
        title: "Not signed in",
        status: 401,
        detail: "Sign in first",
        code: "unauthenticated",
      });
    }
  });

  it("does not take a session id as a bearer token, nor a token as a cookie", async () => {
    const user = await createStaffUser(app());
    const { cookie } = await signIn(app(), user.email, user.password);
    const sessionId = cookie.replace("fyr_session=", "");
    const asBearer = await http().inject({ url: "/api/v1/auth/me", headers: { authorization: `Bearer ${sessionId}` } });
    expect(asBearer.statusCode).toBe(401);
    const { token } = await createTokenFor(app());
    const asCookie = await http().inject({ url: "/api/v1/auth/me", headers: { cookie: `fyr_session=${token}` } });
    expect(asCookie.statusCode).toBe(401);
  });

  it("treats SQL-ish e-mails as unknown accounts", async () => {
    const user = await createStaffUser(app());
    for (const email of ["' OR '1'='1", `${user.email}' --`, "admin@example.test; drop table users;--"]) {
      const res = await http().inject({
        method: "POST",
        url: "/api/v1/auth/login",
        payload: { email, password: "whatever it is" },
        remoteAddress: randomClientAddress(),
      });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: "invalid_credentials" });
    }
    const nul = await http().inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "\u0000@x", password: "whatever it is" },
      remoteAddress: randomClientAddress(),
    });
    expect(nul.json()).toMatchObject({ code: "validation_failed", errors: [{ path: "body.email" }] });
    expect((await signIn(app(), user.email, user.password)).cookie).toMatch(/^fyr_session=/);
  });

  it("refuses oversized bodies and wrong types with problem+json naming the field", async () => {
    const big = await http().inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: "a@example.test", password: "p".repeat(20_000) },
      remoteAddress: randomClientAddress(),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: "body_too_large" });
    const typed = await http().inject({
      method: "POST",
      url: "/api/v1/auth/login",
      payload: { email: ["a@example.test"], password: 12 },
      remoteAddress: randomClientAddress(),
    });
    expect(typed.statusCode).toBe(400);
    const paths = typed.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.email", "body.password"]));
  });

  it("does not let a cookie session write without its own CSRF token, even with another session's", async () => {
    const a = await createStaffUser(app());
    const b = await createStaffUser(app());
    const sa = await signIn(app(), a.email, a.password);
    const sb = await signIn(app(), b.email, b.password);
    const res = await http().inject({
      method: "POST",
      url: "/api/v1/auth/tokens",
      headers: { cookie: sa.cookie, "x-csrf-token": sb.csrfToken },
      payload: { label: "stolen" },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: "csrf_failed" });
  });

  it("keeps non-admins away from user management whatever they send", async () => {
    const { token, userId } = await createTokenFor(app(), { roles: ["duty"] });
    const headers = { authorization: `Bearer ${token}` };
    const promote = await http().inject({
      method: "PATCH",
      url: `/api/v1/users/${userId}`,
      headers,
      payload: { roles: ["admin"] },
    });
    expect(promote.statusCode).toBe(403);
    const settings = await http().inject({
      method: "PUT",
      url: "/api/v1/settings/security",
      headers,
      payload: { requireTotp: true },
    });
    expect(settings.statusCode).toBe(403);
    // Refused before its id or body is even looked at: a non-admin learns nothing from validation.
    const badId = await http().inject({ method: "PATCH", url: "/api/v1/users/1%20or%201=1", headers, payload: {} });
    expect(badId.statusCode).toBe(403);
  });
});
