import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createStaffUser, signIn } from "../../../test/support/auth.js";
import { fixedClock } from "../../platform/clock.js";

const clock = fixedClock(new Date("2026-03-02T08:00:00Z"));
const MINUTE = 60_000;

describe("sessions", () => {
  // 30 min idle, 2 h absolute.
  const app = useTestApp({ FYR_SESSION_IDLE_MINUTES: "30", FYR_SESSION_ABSOLUTE_HOURS: "2" }, clock);
  const me = (cookie: string) => app().fyr.http.inject({ url: "/api/v1/auth/me", headers: { cookie } });

  it("keeps a session alive while used, and ends it after the idle timeout", async () => {
    const user = await createStaffUser(app());
    const { cookie } = await signIn(app(), user.email, user.password);
    clock.advance(25 * MINUTE);
    expect((await me(cookie)).statusCode).toBe(200);
    clock.advance(25 * MINUTE); // 50 min after sign-in, 25 after last use
    expect((await me(cookie)).statusCode).toBe(200);
    clock.advance(31 * MINUTE);
    const expired = await me(cookie);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: "unauthenticated" });
    clock.advance(-31 * MINUTE); // the session is gone, not just idle
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it("ends a session at the absolute timeout however busy it is", async () => {
    const user = await createStaffUser(app());
    const { cookie } = await signIn(app(), user.email, user.password);
    for (let i = 0; i < 7; i++) {
      clock.advance(17 * MINUTE);
      expect((await me(cookie)).statusCode).toBe(200);
    }
    clock.advance(2 * MINUTE); // 121 minutes
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it("refuses a cookie write without the CSRF header and accepts it with it", async () => {
    const user = await createStaffUser(app());
    const { cookie, csrfToken } = await signIn(app(), user.email, user.password);
    const patch = (headers: Record<string, string>) =>
      app().fyr.http.inject({
        method: "PATCH",
        url: "/api/v1/auth/me",
        headers: { cookie, ...headers },
        payload: { language: "en" },
      });
    const missing = await patch({});
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ code: "csrf_failed" });
    const wrong = await patch({ "x-csrf-token": csrfToken.replace(/^./, (c) => (c === "A" ? "B" : "A")) });
    expect(wrong.json()).toMatchObject({ code: "csrf_failed" });
    const ok = await patch({ "x-csrf-token": csrfToken });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ language: "en", csrfToken });
    expect((await me(cookie)).json()).toMatchObject({ language: "en" });
  });

  it("signs out: the cookie is cleared and the session no longer works", async () => {
    const user = await createStaffUser(app());
    const { cookie, csrfToken } = await signIn(app(), user.email, user.password);
    const out = await app().fyr.http.inject({
      method: "POST",
      url: "/api/v1/auth/logout",
      headers: { cookie, "x-csrf-token": csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/fyr_session=;/);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it("changes the password: weak ones are refused naming the field, other sessions end", async () => {
    const user = await createStaffUser(app());
    const first = await signIn(app(), user.email, user.password);
    const second = await signIn(app(), user.email, user.password);
    const change = (payload: Record<string, string>) =>
      app().fyr.http.inject({
        method: "POST",
        url: "/api/v1/auth/password",
        headers: { cookie: first.cookie, "x-csrf-token": first.csrfToken },
        payload,
      });
    for (const weak of ["short", "password1234", "1qaz2wsx3edc", user.email]) {
      const res = await change({ currentPassword: user.password, newPassword: weak });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: "password_weak", errors: [{ path: "body.newPassword" }] });
    }
    const wrongCurrent = await change({ currentPassword: "not my password!", newPassword: "a brand new passphrase" });
    expect(wrongCurrent.json()).toMatchObject({
      code: "current_password_wrong",
      errors: [{ path: "body.currentPassword" }],
    });
    expect((await change({ currentPassword: user.password, newPassword: "a brand new passphrase" })).statusCode).toBe(
      204,
    );
    expect((await me(first.cookie)).statusCode).toBe(200);
    expect((await me(second.cookie)).statusCode).toBe(401);
    await expect(signIn(app(), user.email, user.password)).rejects.toThrow(/401/);
    await signIn(app(), user.email, "a brand new passphrase");
  });
});
