import { generate } from "otplib";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createStaffUser, createTokenFor, randomClientAddress, signIn } from "../../../test/support/auth.js";
import { fixedClock } from "../../platform/clock.js";

const clock = fixedClock(new Date("2026-03-02T08:00:00Z"));
const STEP = 30_000;

describe("two-factor sign-in (TOTP)", () => {
  const app = useTestApp({}, clock);
  const http = () => app().fyr.http;
  const code = (secret: string) => generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
  const login = (payload: Record<string, unknown>) =>
    http().inject({ method: "POST", url: "/api/v1/auth/login", payload, remoteAddress: randomClientAddress() });

  async function enrolled(roles: ("admin" | "duty")[] = ["duty"]) {
    const user = await createStaffUser(app(), { roles });
    const s = await signIn(app(), user.email, user.password);
    const headers = { cookie: s.cookie, "x-csrf-token": s.csrfToken };
    const enrol = await http().inject({ method: "POST", url: "/api/v1/auth/totp/enrol", headers });
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = enrol.json<{ secret: string; otpauthUrl: string; qrDataUrl: string }>();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Fyr:/);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const wrong = await http().inject({
      method: "POST",
      url: "/api/v1/auth/totp/confirm",
      headers,
      payload: { code: "000000" },
    });
    expect(wrong.json()).toMatchObject({ code: "totp_invalid" });
    const confirm = await http().inject({
      method: "POST",
      url: "/api/v1/auth/totp/confirm",
      headers,
      payload: { code: await code(secret) },
    });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
    return { user, secret, recoveryCodes, headers };
  }

  it("enrols, then asks for a code at sign-in and accepts a right one (with ±1 step of drift)", async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const noCode = await login({ email: user.email, password: user.password });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json()).toMatchObject({ code: "totp_required" });
    const bad = await login({ email: user.email, password: user.password, totp: "123456" });
    expect(bad.json()).toMatchObject({ code: "totp_invalid" });
    clock.advance(STEP);
    const early = await code(secret); // the app's clock runs one step behind ours
    clock.advance(STEP);
    const ok = await login({ email: user.email, password: user.password, totp: early });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ totpEnabled: true });
    // The same code twice within its window is refused.
    const replay = await login({ email: user.email, password: user.password, totp: early });
    expect(replay.json()).toMatchObject({ code: "totp_invalid" });
  });

  it("accepts each recovery code once", async () => {
    const { user, recoveryCodes } = await enrolled();
    const [first] = recoveryCodes;
    if (!first) throw new Error("no recovery code");
    const ok = await login({ email: user.email, password: user.password, totp: first.toUpperCase() });
    expect(ok.statusCode).toBe(200);
    const again = await login({ email: user.email, password: user.password, totp: first });
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ code: "totp_invalid" });
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", user.id)
      .where("action", "=", "recovery_code.used")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("lets a user turn TOTP off unless the admin requires it", async () => {
    const { user, headers } = await enrolled();
    const off = await http().inject({
      method: "DELETE",
      url: "/api/v1/auth/totp",
      headers,
      payload: { password: user.password },
    });
    expect(off.statusCode).toBe(204);
    expect((await login({ email: user.email, password: user.password })).statusCode).toBe(200);
  });

  it("locks out guessing the password through a signed-in session like a sign-in (429 after five wrong)", async () => {
    const { user, headers } = await enrolled();
    const off = (payload: Record<string, string>) =>
      http().inject({ method: "DELETE", url: "/api/v1/auth/totp", headers, payload });
    for (let i = 0; i < 5; i++) {
      expect((await off({ password: `guess number ${i} of many` })).json()).toMatchObject({
        code: "current_password_wrong",
      });
    }
    const locked = await off({ password: user.password });
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: "login_locked" });
    const change = await http().inject({
      method: "POST",
      url: "/api/v1/auth/password",
      headers,
      payload: { currentPassword: user.password, newPassword: "a brand new passphrase" },
    });
    expect(change.statusCode).toBe(429);
    expect((await http().inject({ url: "/api/v1/auth/me", headers })).json()).toMatchObject({ totpEnabled: true });
  });

  it("turns TOTP off only with a current code or the password, never with the session alone", async () => {
    const { user, secret, headers } = await enrolled();
    const off = (payload?: Record<string, string>) =>
      http().inject({ method: "DELETE", url: "/api/v1/auth/totp", headers, ...(payload ? { payload } : {}) });
    const bare = await off();
    expect(bare.statusCode).toBe(400);
    const empty = await off({});
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ errors: [{ path: "body.code" }] });
    const wrongPassword = await off({ password: "not the password" });
    expect(wrongPassword.json()).toMatchObject({ code: "current_password_wrong" });
    const wrongCode = await off({ code: "000000" });
    expect(wrongCode.json()).toMatchObject({ code: "totp_invalid" });
    expect((await http().inject({ url: "/api/v1/auth/me", headers })).json()).toMatchObject({ totpEnabled: true });
    clock.advance(STEP);
    expect((await off({ code: await code(secret) })).statusCode).toBe(204);
    expect((await login({ email: user.email, password: user.password })).statusCode).toBe(200);
  });

  it("keeps the TOTP secret sealed in the database, bound to its user", async () => {
    const { user, secret } = await enrolled();
    const other = await createStaffUser(app(), { roles: ["duty"] });
    const db = app().fyr.deps.db;
    const row = await db.selectFrom("users").select("totp_secret").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.totp_secret).toMatch(/^fyr1\.[0-9a-f]{16}\./);
    expect(row.totp_secret).not.toContain(secret);
    // Copied onto another user's row it does not open (sign-in fails closed, with a 500).
    await db
      .updateTable("users")
      .set({ totp_secret: row.totp_secret, totp_enabled_at: new Date() })
      .where("id", "=", other.id)
      .execute();
    clock.advance(STEP);
    const stolen = await login({ email: other.email, password: other.password, totp: await code(secret) });
    expect(stolen.statusCode).toBe(500);
  });

  it("requires enrolment of everyone when the admin turns 2FA on", async () => {
    const admin = await createTokenFor(app(), { roles: ["admin"] });
    const adminAuth = { authorization: `Bearer ${admin.token}` };
    const user = await createStaffUser(app(), { roles: ["analyst"] });
    const s = await signIn(app(), user.email, user.password);
    const headers = { cookie: s.cookie, "x-csrf-token": s.csrfToken };
    const { headers: enrolledHeaders } = await enrolled();
    try {
      const on = await http().inject({
        method: "PUT",
        url: "/api/v1/settings/security",
        headers: adminAuth,
        payload: { requireTotp: true },
      });
      // The admin without TOTP is held at enrolment too.
      expect(on.statusCode).toBe(200);
      expect((await http().inject({ url: "/api/v1/settings/security", headers: adminAuth })).json()).toMatchObject({
        code: "totp_enrolment_required",
      });
      const me = await http().inject({ url: "/api/v1/auth/me", headers });
      expect(me.json()).toMatchObject({ mustEnrolTotp: true, totpEnabled: false });
      const tokens = await http().inject({ url: "/api/v1/auth/tokens", headers });
      expect(tokens.statusCode).toBe(403);
      expect(tokens.json()).toMatchObject({ code: "totp_enrolment_required" });
      const off = await http().inject({
        method: "DELETE",
        url: "/api/v1/auth/totp",
        headers: enrolledHeaders,
        payload: { password: "anything at all" },
      });
      expect(off.statusCode).toBe(409);
      expect(off.json()).toMatchObject({ code: "totp_required_by_policy" });

      const enrol = await http().inject({ method: "POST", url: "/api/v1/auth/totp/enrol", headers });
      const { secret } = enrol.json<{ secret: string }>();
      const confirm = await http().inject({
        method: "POST",
        url: "/api/v1/auth/totp/confirm",
        headers,
        payload: { code: await code(secret) },
      });
      expect(confirm.statusCode).toBe(200);
      expect((await http().inject({ url: "/api/v1/auth/me", headers })).json()).toMatchObject({ mustEnrolTotp: false });
      expect((await http().inject({ url: "/api/v1/auth/tokens", headers })).statusCode).toBe(200);
    } finally {
      await app().fyr.deps.db.deleteFrom("app_settings").where("key", "=", "security.require_totp").execute();
    }
  });
});
