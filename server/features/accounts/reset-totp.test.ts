import { randomUUID } from "node:crypto";
import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createStaffUser, randomClientAddress, signIn } from "../../../test/support/auth.js";
import { fixedClock } from "../../platform/clock.js";

const clock = fixedClock(new Date("2026-03-03T03:00:00Z"));

describe("an admin resets another user's two-step verification", () => {
  const app = useTestApp({}, clock);
  const http = () => app().fyr.http;
  const login = (payload: Record<string, unknown>) =>
    http().inject({ method: "POST", url: "/api/v1/auth/login", payload, remoteAddress: randomClientAddress() });
  const reset = (id: string, headers: Record<string, string>) =>
    http().inject({ method: "POST", url: `/api/v1/users/${id}/totp/reset`, headers });

  /** A user with TOTP confirmed, and the cookie + CSRF headers of the session that enrolled it. */
  async function enrolled(roles: ("admin" | "duty" | "analyst")[] = ["duty"]) {
    const user = await createStaffUser(app(), { roles });
    const s = await signIn(app(), user.email, user.password);
    const headers = { cookie: s.cookie, "x-csrf-token": s.csrfToken };
    const enrol = await http().inject({ method: "POST", url: "/api/v1/auth/totp/enrol", headers });
    const { secret } = enrol.json<{ secret: string }>();
    const code = await generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
    const confirm = await http().inject({
      method: "POST",
      url: "/api/v1/auth/totp/confirm",
      headers,
      payload: { code },
    });
    expect(confirm.statusCode).toBe(200);
    return { user, headers };
  }

  it("clears the second factor and recovery codes, ends the user's sessions and is audited", async () => {
    const admin = await enrolled(["admin"]);
    const { user, headers: userSession } = await enrolled();
    expect((await login({ email: user.email, password: user.password })).json()).toMatchObject({
      code: "totp_required",
    });

    const res = await reset(user.id, admin.headers);
    expect(res.statusCode).toBe(204);

    // The phone is gone, so any session it may still have open must not outlive the reset.
    expect((await http().inject({ url: "/api/v1/auth/me", headers: userSession })).statusCode).toBe(401);
    // The admin's own session is untouched.
    expect((await http().inject({ url: "/api/v1/auth/me", headers: admin.headers })).statusCode).toBe(200);
    const again = await login({ email: user.email, password: user.password });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ totpEnabled: false, mustEnrolTotp: false });

    const db = app().fyr.deps.db;
    const codes = await db.selectFrom("recovery_codes").select("code_hash").where("user_id", "=", user.id).execute();
    expect(codes).toEqual([]);
    const row = await db
      .selectFrom("users")
      .select(["totp_secret", "totp_enabled_at", "totp_last_step"])
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_secret: null, totp_enabled_at: null, totp_last_step: null });
    const audit = await db
      .selectFrom("audit_log")
      .select(["actor_id", "diff"])
      .where("action", "=", "user.totp_reset")
      .where("target_id", "=", user.id)
      .execute();
    expect(audit).toEqual([{ actor_id: admin.user.id, diff: { totpEnabled: { from: true, to: false } } }]);

    const list = await http().inject({ url: "/api/v1/users?limit=500", headers: admin.headers });
    const listed = list.json<{ items: { id: string; totpEnabled: boolean }[] }>().items.find((u) => u.id === user.id);
    expect(listed).toMatchObject({ totpEnabled: false });
  });

  it("holds the user at enrolment on the next sign-in when 2FA is required for all staff", async () => {
    const admin = await enrolled(["admin"]);
    const { user } = await enrolled();
    const on = await http().inject({
      method: "PUT",
      url: "/api/v1/settings/security",
      headers: admin.headers,
      payload: { requireTotp: true },
    });
    expect(on.statusCode).toBe(200);
    try {
      expect((await reset(user.id, admin.headers)).statusCode).toBe(204);
      const res = await login({ email: user.email, password: user.password });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ totpEnabled: false, mustEnrolTotp: true });
      const session = res.cookies.find((c) => c.name === "fyr_session");
      const tokens = await http().inject({
        url: "/api/v1/auth/tokens",
        headers: { cookie: `fyr_session=${session?.value ?? ""}` },
      });
      expect(tokens.json()).toMatchObject({ code: "totp_enrolment_required" });
    } finally {
      await app().fyr.deps.db.deleteFrom("app_settings").where("key", "=", "security.require_totp").execute();
    }
  });

  it("is for admins only, needs the CSRF header with a cookie, and knows only existing users", async () => {
    const { user, headers: userSession } = await enrolled();
    for (const role of ["analyst", "duty"] as const) {
      const other = await enrolled([role]);
      const res = await reset(user.id, other.headers);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: "forbidden" });
    }
    const admin = await enrolled(["admin"]);
    const noCsrf = await reset(user.id, { cookie: admin.headers.cookie });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json()).toMatchObject({ code: "csrf_failed" });
    // None of the refused attempts changed anything.
    expect((await http().inject({ url: "/api/v1/auth/me", headers: userSession })).json()).toMatchObject({
      totpEnabled: true,
    });

    const unknown = await reset(randomUUID(), admin.headers);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: "user_not_found" });
    expect((await reset("not-a-uuid", admin.headers)).statusCode).toBe(400);
  });

  it("sends an admin to My account for their own second factor", async () => {
    const admin = await enrolled(["admin"]);
    const res = await reset(admin.user.id, admin.headers);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "totp_reset_own" });
    expect((await http().inject({ url: "/api/v1/auth/me", headers: admin.headers })).json()).toMatchObject({
      totpEnabled: true,
    });
  });
});
