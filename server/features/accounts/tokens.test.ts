import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createStaffUser, createTokenFor, signIn } from "../../../test/support/auth.js";
import { waitFor } from "../../../test/support/wait.js";

describe("API tokens", () => {
  const app = useTestApp();
  const http = () => app().fyr.http;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("creates a token shown once that acts as its creator, without CSRF", async () => {
    const user = await createStaffUser(app(), { roles: ["analyst"] });
    const s = await signIn(app(), user.email, user.password);
    const created = await http().inject({
      method: "POST",
      url: "/api/v1/auth/tokens",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrfToken },
      payload: { label: "feed importer" },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json<{ id: string; token: string }>();
    expect(token).toMatch(/^fyr_[A-Za-z0-9_-]{43}$/);
    const me = await http().inject({ url: "/api/v1/auth/me", headers: bearer(token) });
    expect(me.json()).toMatchObject({ email: user.email, roles: ["analyst"], csrfToken: null });
    // A write with the token needs no CSRF header.
    const patch = await http().inject({
      method: "PATCH",
      url: "/api/v1/auth/me",
      headers: bearer(token),
      payload: { name: "Ana Lyst" },
    });
    expect(patch.statusCode).toBe(200);
    const list = await http().inject({ url: "/api/v1/auth/tokens", headers: { cookie: s.cookie } });
    const items = list.json<{ items: { id: string; label: string; lastUsedAt: string | null }[] }>().items;
    expect(items).toEqual([expect.objectContaining({ id, label: "feed importer", revokedAt: null })]);
    expect(items[0]?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(items)).not.toContain(token);
    const stored = await app()
      .fyr.deps.db.selectFrom("api_tokens")
      .select("token_hash")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token.slice(4));
  });

  it("refuses a revoked token at once", async () => {
    const user = await createStaffUser(app(), { roles: ["duty"] });
    const s = await signIn(app(), user.email, user.password);
    const headers = { cookie: s.cookie, "x-csrf-token": s.csrfToken };
    const created = await http().inject({
      method: "POST",
      url: "/api/v1/auth/tokens",
      headers,
      payload: { label: "x" },
    });
    const { id, token } = created.json<{ id: string; token: string }>();
    expect((await http().inject({ url: "/api/v1/auth/me", headers: bearer(token) })).statusCode).toBe(200);
    const revoke = await http().inject({ method: "DELETE", url: `/api/v1/auth/tokens/${id}`, headers });
    expect(revoke.statusCode).toBe(204);
    const after = await http().inject({ url: "/api/v1/auth/me", headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: "unauthenticated" });
  });

  it("stops a token revoked or a user disabled behind Fyr's back (another process, a DBA) within moments", async () => {
    const revoked = await createTokenFor(app(), { roles: ["duty"] });
    const disabled = await createTokenFor(app(), { roles: ["duty"] });
    for (const { token } of [revoked, disabled]) {
      // Used first, so a cached principal is what must be dropped.
      expect((await http().inject({ url: "/api/v1/auth/me", headers: bearer(token) })).statusCode).toBe(200);
    }
    const db = app().fyr.deps.db;
    await db.updateTable("api_tokens").set({ revoked_at: new Date() }).where("user_id", "=", revoked.userId).execute();
    await db.updateTable("users").set({ disabled_at: new Date() }).where("id", "=", disabled.userId).execute();
    for (const { token } of [revoked, disabled]) {
      const status = () => http().inject({ url: "/api/v1/auth/me", headers: bearer(token) });
      await waitFor(async () => (await status()).statusCode === 401, { timeoutMs: 2_000, what: "401" });
    }
  });

  it("does not let one user revoke another's token", async () => {
    const a = await createStaffUser(app(), { roles: ["duty"] });
    const sa = await signIn(app(), a.email, a.password);
    const b = await createTokenFor(app(), { roles: ["duty"] });
    const res = await http().inject({
      method: "DELETE",
      url: `/api/v1/auth/tokens/${b.tokenId}`,
      headers: { cookie: sa.cookie, "x-csrf-token": sa.csrfToken },
    });
    expect(res.statusCode).toBe(404);
    expect((await http().inject({ url: "/api/v1/auth/me", headers: bearer(b.token) })).statusCode).toBe(200);
  });

  it("stops a disabled user's tokens and sessions at once", async () => {
    const admin = await createTokenFor(app(), { roles: ["admin"] });
    const user = await createStaffUser(app(), { roles: ["publisher"] });
    const s = await signIn(app(), user.email, user.password);
    const created = await http().inject({
      method: "POST",
      url: "/api/v1/auth/tokens",
      headers: { cookie: s.cookie, "x-csrf-token": s.csrfToken },
      payload: { label: "publisher bot" },
    });
    const { token } = created.json<{ token: string }>();
    const disable = await http().inject({
      method: "PATCH",
      url: `/api/v1/users/${user.id}`,
      headers: bearer(admin.token),
      payload: { disabled: true },
    });
    expect(disable.json()).toMatchObject({ disabled: true });
    expect((await http().inject({ url: "/api/v1/auth/me", headers: bearer(token) })).statusCode).toBe(401);
    expect((await http().inject({ url: "/api/v1/auth/me", headers: { cookie: s.cookie } })).statusCode).toBe(401);
  });

  it("answers a malformed or unknown bearer token with a bare 401", async () => {
    for (const authorization of ["Bearer nope", "Bearer fyr_" + "A".repeat(43), "Basic dXNlcjpwYXNz", "Bearer "]) {
      const res = await http().inject({ url: "/api/v1/auth/me", headers: { authorization } });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: "unauthenticated", detail: "Sign in first" });
    }
  });

  it("refuses API tokens on the token and two-step routes: a stolen token mints nothing, strips nothing", async () => {
    const { token } = await createTokenFor(app(), { roles: ["analyst"] });
    const attempts = [
      { method: "GET", url: "/api/v1/auth/tokens" },
      { method: "POST", url: "/api/v1/auth/tokens", payload: { label: "more" } },
      { method: "DELETE", url: "/api/v1/auth/tokens/00000000-0000-4000-8000-000000000000" },
      { method: "POST", url: "/api/v1/auth/totp/enrol" },
      { method: "POST", url: "/api/v1/auth/totp/confirm", payload: { code: "123456" } },
      { method: "DELETE", url: "/api/v1/auth/totp", payload: { password: "x" } },
    ] as const;
    for (const a of attempts) {
      const res = await http().inject({ ...a, headers: bearer(token) });
      expect({ url: a.url, status: res.statusCode }).toEqual({ url: a.url, status: 403 });
      expect(res.json()).toMatchObject({ code: "session_required" });
    }
    // Everything else still works with the token.
    expect((await http().inject({ url: "/api/v1/auth/me", headers: bearer(token) })).statusCode).toBe(200);
  });

  it("revokes a disabled user's tokens for good: enabling the user again does not revive them", async () => {
    const admin = await createTokenFor(app(), { roles: ["admin"] });
    const user = await createTokenFor(app(), { roles: ["duty"] });
    // Used first, so the principal cache holds it.
    expect((await http().inject({ url: "/api/v1/auth/me", headers: bearer(user.token) })).statusCode).toBe(200);
    const patch = (disabled: boolean) =>
      http().inject({
        method: "PATCH",
        url: `/api/v1/users/${user.userId}`,
        headers: bearer(admin.token),
        payload: { disabled },
      });
    expect((await patch(true)).statusCode).toBe(200);
    expect((await http().inject({ url: "/api/v1/auth/me", headers: bearer(user.token) })).statusCode).toBe(401);
    expect((await patch(false)).json()).toMatchObject({ disabled: false });
    expect((await http().inject({ url: "/api/v1/auth/me", headers: bearer(user.token) })).statusCode).toBe(401);
    const row = await app()
      .fyr.deps.db.selectFrom("api_tokens")
      .select("revoked_at")
      .where("id", "=", user.tokenId)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
  });

  it("revokes the account's tokens on a password change when asked, and keeps them otherwise", async () => {
    const user = await createStaffUser(app(), { roles: ["analyst"] });
    const s = await signIn(app(), user.email, user.password);
    const headers = { cookie: s.cookie, "x-csrf-token": s.csrfToken };
    const mint = async () =>
      (await http().inject({ method: "POST", url: "/api/v1/auth/tokens", headers, payload: { label: "bot" } })).json<{
        token: string;
      }>().token;
    const kept = await mint();
    const change = (from: string, to: string, revokeTokens?: boolean) =>
      http().inject({
        method: "POST",
        url: "/api/v1/auth/password",
        headers,
        payload: { currentPassword: from, newPassword: to, ...(revokeTokens === undefined ? {} : { revokeTokens }) },
      });
    expect((await http().inject({ url: "/api/v1/auth/me", headers: bearer(kept) })).statusCode).toBe(200);
    expect((await change(user.password, "a second long passphrase")).statusCode).toBe(204);
    expect((await http().inject({ url: "/api/v1/auth/me", headers: bearer(kept) })).statusCode).toBe(200);
    const other = await mint();
    expect((await change("a second long passphrase", "a third long passphrase", true)).statusCode).toBe(204);
    for (const token of [kept, other]) {
      expect((await http().inject({ url: "/api/v1/auth/me", headers: bearer(token) })).statusCode).toBe(401);
    }
    // The session that changed the password goes on.
    expect((await http().inject({ url: "/api/v1/auth/me", headers })).statusCode).toBe(200);
  });
});
