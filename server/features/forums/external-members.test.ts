import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { guardedRoutes } from "../../platform/auth/guard.js";
import { signInMember } from "../members/test-fixtures.js";
import { adminSession, call, makeExternalMember, makeForum } from "./test-fixtures.js";

// An external member (another CERT's person: a member account bound to no organisation) reaches their
// forums and nothing else. This walks every /api/v1 route the app registers, by session and by the
// external member's own API token, and expects a refusal everywhere outside /api/v1/my/forums — so a
// member route added later is closed to them unless it says otherwise (fyrExternalMembers).

const app = useTestApp();
const FORUMS = "/api/v1/my/forums";

describe("external members", () => {
  it("are refused by every route outside their forums, by session and by token", async () => {
    const admin = await adminSession(app());
    const forum = await makeForum(app(), admin);
    const ext = await makeExternalMember(app(), admin, forum.id);
    const session = await signInMember(app(), ext);
    const minted = await call(app(), "POST", "/api/v1/auth/tokens", session, { label: "cert tool" });
    expect(minted.status).toBe(201);
    const token = { authorization: `Bearer ${(minted.body as { token: string }).token}` };

    const leaks: string[] = [];
    for (const route of guardedRoutes(app().fyr.http)) {
      if (route.roles === "public" || route.url.startsWith("/api/v1/auth/")) continue;
      const url = route.url.replace(/:id\b/g, forum.id).replace(/:\w+/g, "0");
      for (const [label, headers] of [
        ["session", session],
        ["token", token],
      ] as const) {
        const write = route.method !== "GET";
        const res = await app().fyr.http.inject({
          method: route.method as "GET",
          url,
          headers: { ...headers, ...(write ? { "content-type": "application/json" } : {}) },
          ...(write ? { payload: "{}" } : {}),
        });
        const ours = route.url.startsWith(FORUMS);
        const refused = res.statusCode === 403;
        if (ours ? refused || res.statusCode === 401 : !refused)
          leaks.push(`${label} ${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 100)}`);
      }
    }
    expect(leaks).toEqual([]);
  }, 120_000);

  it("see their own forum's posts and directory, and another forum not at all", async () => {
    const admin = await adminSession(app());
    const mine = await makeForum(app(), admin);
    const other = await makeForum(app(), admin);
    await call(app(), "POST", `/api/v1/forums/${other.id}/posts`, admin, { title: "Other's", body: "secret" });
    const ext = await makeExternalMember(app(), admin, mine.id);
    const headers = await signInMember(app(), ext);
    expect((await call(app(), "GET", `${FORUMS}/${mine.id}/directory`, headers)).status).toBe(200);
    for (const path of ["", "/posts", "/directory"])
      expect((await call(app(), "GET", `${FORUMS}/${other.id}${path}`, headers)).status).toBe(404);
    // The member area's own pages answer them with the same refusal, not an empty organisation.
    for (const url of [
      "/api/v1/my/organisation",
      "/api/v1/my/events",
      "/api/v1/my/change-requests",
      "/api/v1/my/lists",
    ]) {
      const res = await call(app(), "GET", url, headers);
      expect([url, res.status, (res.body as { code?: string }).code]).toEqual([url, 403, "external_member_scope"]);
    }
    // Nor do they reach the staff API.
    expect((await call(app(), "GET", `/api/v1/forums/${mine.id}`, headers)).status).toBe(403);
  });
});
