import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createStaffUser, createTokenFor, signIn } from "../../../test/support/auth.js";
import { verifyAuditChain } from "../../platform/audit.js";

describe("user administration", () => {
  const app = useTestApp();
  const http = () => app().fyr.http;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it("lets an admin invite users and change their roles; others may not", async () => {
    const admin = await createTokenFor(app(), { roles: ["admin"] });
    const created = await http().inject({
      method: "POST",
      url: "/api/v1/users",
      headers: bearer(admin.token),
      payload: { email: "New.Analyst@Example.test", name: "New Analyst", roles: ["analyst"] },
    });
    expect(created.statusCode).toBe(201);
    const user = created.json<{ id: string }>();
    expect(user).toMatchObject({
      email: "new.analyst@example.test",
      roles: ["analyst"],
      disabled: false,
      invited: true,
      totpEnabled: false,
    });
    const dup = await http().inject({
      method: "POST",
      url: "/api/v1/users",
      headers: bearer(admin.token),
      payload: { email: "new.analyst@example.test", name: "Again", roles: ["analyst"] },
    });
    expect(dup.json()).toMatchObject({ code: "email_taken" });
    const patch = await http().inject({
      method: "PATCH",
      url: `/api/v1/users/${user.id}`,
      headers: bearer(admin.token),
      payload: { roles: ["analyst", "duty"], name: "Analyst On Duty" },
    });
    expect(patch.json()).toMatchObject({ roles: ["analyst", "duty"], name: "Analyst On Duty" });
    const list = await http().inject({ url: "/api/v1/users?limit=500", headers: bearer(admin.token) });
    expect(list.json<{ items: { email: string }[] }>().items.map((u) => u.email)).toContain("new.analyst@example.test");

    const other = await createStaffUser(app(), { roles: ["analyst"] });
    const analyst = await signIn(app(), other.email, other.password);
    const denied = await http().inject({ url: "/api/v1/users", headers: { cookie: analyst.cookie } });
    expect(denied.statusCode).toBe(403);
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["action", "diff"])
      .where("target_id", "=", user.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["user.invited", "user.invitation_sent", "user.updated"]);
    expect(audit[2]?.diff).toEqual({
      name: { from: "New Analyst", to: "Analyst On Duty" },
      roles: { from: ["analyst"], to: ["analyst", "duty"] },
    });
  });

  it("never lets the last active admin be disabled or lose admin", async () => {
    const db = app().fyr.deps.db;
    // Only the admins this test makes are active.
    await db.updateTable("users").set({ disabled_at: new Date() }).where("disabled_at", "is", null).execute();
    const admin = await createTokenFor(app(), { roles: ["admin"] });
    for (const payload of [{ disabled: true }, { roles: ["duty"] }]) {
      const res = await http().inject({
        method: "PATCH",
        url: `/api/v1/users/${admin.userId}`,
        headers: bearer(admin.token),
        payload,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: "last_admin" });
    }
    const second = await createStaffUser(app(), { roles: ["admin"] });
    const demote = await http().inject({
      method: "PATCH",
      url: `/api/v1/users/${second.id}`,
      headers: bearer(admin.token),
      payload: { roles: ["duty"] },
    });
    expect(demote.statusCode).toBe(200);
    const promote = await http().inject({
      method: "PATCH",
      url: `/api/v1/users/${second.id}`,
      headers: bearer(admin.token),
      payload: { roles: ["admin"] },
    });
    expect(promote.statusCode).toBe(200);
    const selfDisable = await http().inject({
      method: "PATCH",
      url: `/api/v1/users/${admin.userId}`,
      headers: bearer(admin.token),
      payload: { disabled: true },
    });
    expect(selfDisable.json()).toMatchObject({ disabled: true });
  });

  it("keeps the audit chain intact after account writes", async () => {
    const admin = await createTokenFor(app(), { roles: ["admin"] });
    await http().inject({
      method: "PUT",
      url: "/api/v1/settings/security",
      headers: bearer(admin.token),
      payload: { requireTotp: false },
    });
    const actions = await app().fyr.deps.db.selectFrom("audit_log").select("action").distinct().execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["user.created", "token.created"]));
    expect(await verifyAuditChain(app().fyr.deps.db)).toMatchObject({ ok: true });
  });
});
