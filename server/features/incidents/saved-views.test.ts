import { beforeAll, describe, expect, it } from "vitest";
import type { SavedView, SavedViewList } from "../../../contract/saved-views.js";
import { useTestApp } from "../../../test/support/app.js";
import { createStaffUser, createTokenFor, signIn } from "../../../test/support/auth.js";

const app = useTestApp();

let alice = "";
let bob = "";
let publisher = "";
beforeAll(async () => {
  alice = (await createTokenFor(app(), { roles: ["analyst"] })).token;
  bob = (await createTokenFor(app(), { roles: ["observer"] })).token;
  publisher = (await createTokenFor(app(), { roles: ["publisher"] })).token;
});

const call = (method: "GET" | "POST" | "DELETE", url: string, token: string, payload?: object) =>
  app().fyr.http.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });
const views = async (token: string) =>
  (await call("GET", "/api/v1/incidents/views", token)).json<SavedViewList>().items;

describe("saved views", () => {
  it("saves, lists and deletes a user's own views, with the filters validated", async () => {
    const created = await call("POST", "/api/v1/incidents/views", alice, {
      name: "Mina kritiska",
      filters: { view: "mine", severity: ["critical", "high"], status: "new,open", sort: "due" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json<SavedView>();
    expect(view).toMatchObject({
      name: "Mina kritiska",
      filters: { view: "mine", severity: ["critical", "high"], status: ["new", "open"], sort: "due" },
    });
    expect(await views(alice)).toEqual([view]);

    const twin = await call("POST", "/api/v1/incidents/views", alice, { name: "Mina kritiska", filters: {} });
    expect(twin.statusCode).toBe(409);
    expect(twin.json()).toMatchObject({ code: "saved_view_name_taken" });

    const deleted = await call("DELETE", `/api/v1/incidents/views/${view.id}`, alice);
    expect(deleted.statusCode).toBe(204);
    expect(await views(alice)).toEqual([]);
    expect((await call("DELETE", `/api/v1/incidents/views/${view.id}`, alice)).statusCode).toBe(404);
  });

  it("refuses bad filters, listing every bad field, and paging keys", async () => {
    const res = await call("POST", "/api/v1/incidents/views", alice, {
      name: "",
      filters: { view: "everything", severity: ["urgent"], cursor: "x", limit: 5 },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        expect.stringContaining("name"),
        expect.stringContaining("view"),
        expect.stringContaining("severity"),
      ]),
    );
    expect(paths.some((p) => p.includes("filters"))).toBe(true);
  });

  it("keeps views per user: another user neither sees nor deletes them", async () => {
    const mine = (
      await call("POST", "/api/v1/incidents/views", alice, { name: "Öppna", filters: { view: "open" } })
    ).json<SavedView>();
    expect(await views(bob)).toEqual([]);
    const theirs = await call("DELETE", `/api/v1/incidents/views/${mine.id}`, bob);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toMatchObject({ code: "saved_view_not_found" });
    expect((await views(alice)).map((v) => v.id)).toContain(mine.id);
    // The same name is free for someone else.
    expect((await call("POST", "/api/v1/incidents/views", bob, { name: "Öppna", filters: {} })).statusCode).toBe(201);
  });

  it("answers 403 to roles that do not read incidents", async () => {
    expect((await call("GET", "/api/v1/incidents/views", publisher)).statusCode).toBe(403);
    expect((await call("POST", "/api/v1/incidents/views", publisher, { name: "x", filters: {} })).statusCode).toBe(403);
  });

  it("needs the CSRF token when signed in with a cookie", async () => {
    const user = await createStaffUser(app(), { roles: ["analyst"] });
    const session = await signIn(app(), user.email, user.password);
    const without = await app().fyr.http.inject({
      method: "POST",
      url: "/api/v1/incidents/views",
      headers: { cookie: session.cookie },
      payload: { name: "x", filters: {} },
    });
    expect(without.statusCode).toBe(403);
    const withToken = await app().fyr.http.inject({
      method: "POST",
      url: "/api/v1/incidents/views",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
      payload: { name: "x", filters: {} },
    });
    expect(withToken.statusCode).toBe(201);
  });

  it("is not mistaken for an incident reference by the router", async () => {
    const res = await call("GET", "/api/v1/incidents/views", alice);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveProperty("items");
  });
});
