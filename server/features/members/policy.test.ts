import { describe, expect, it } from "vitest";
import type { ChangeRequest } from "../../../contract/members.js";
import { useTestApp } from "../../../test/support/app.js";
import { randomClientAddress } from "../../../test/support/auth.js";
import { guardedRoutes } from "../../platform/auth/guard.js";
import { makeMember, makeOrganisation, signInMember } from "./test-fixtures.js";

// Trying to break the member policy: a member of organisation B calls every member endpoint the app
// registers with every id of organisation A (A itself, its child, its network and contact, its change
// request). Each answer must be exactly what a made-up id gets — same status, same code, same words —
// and no answer may carry anything of A's.

const app = useTestApp();

async function call(method: string, url: string, headers: Record<string, string>, payload?: object) {
  const res = await app().fyr.http.inject({
    method: method as "GET",
    url,
    headers,
    ...(payload ? { payload } : {}),
    remoteAddress: randomClientAddress(),
  });
  return { status: res.statusCode, body: res.body };
}

describe("the member policy", () => {
  it("never shows organisation A's data to a member of B, through any member endpoint", async () => {
    const a = await makeOrganisation(app(), {
      name: "Secret Org A",
      networks: ["192.0.2.0/24"],
      contacts: [{ email: "abuse@secret-a.se", role: "abuse" }],
    });
    const aChild = await makeOrganisation(app(), { name: "Secret Child of A", parentId: a.id });
    const memberA = await makeMember(app(), a);
    const asA = await signInMember(app(), memberA);
    const aRequest = await call("POST", "/api/v1/my/change-requests", asA, {
      kind: "add_domain",
      payload: { domain: "secret-a.se" },
    });
    const aRequestId = JSON.parse(aRequest.body) as ChangeRequest;
    // A's contacts are on a list: B's view of the lists must not show it.
    expect((await call("PUT", "/api/v1/my/lists/advisories", asA, { roles: ["abuse"] })).status).toBe(200);

    const b = await makeOrganisation(app(), { name: "Org B" });
    const memberB = await makeMember(app(), b);
    const asB = await signInMember(app(), memberB);

    const aIds = [a.id, aChild.id, a.networks[0]?.id ?? "", a.contacts[0]?.id ?? "", aRequestId.id];
    const secrets = [...aIds, "Secret Org A", "Secret Child of A", "192.0.2.0", "abuse@secret-a.se", "secret-a.se"];
    const unknown = "00000000-0000-4000-8000-000000000000";

    // Coordination cases and forums are not organisation-scoped but participant- and membership-scoped: their
    // own break tests (coordination.test.ts, forums.test.ts) try every one of their routes the same way.
    const ownPolicy = ["/api/v1/my/coordination/", "/api/v1/my/forums"];
    const routes = guardedRoutes(app().fyr.http).filter(
      (r) => r.roles === "member" && !ownPolicy.some((prefix) => r.url.startsWith(prefix)),
    );
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      "DELETE /api/v1/my/lists/:list",
      "GET /api/v1/my/change-requests",
      "GET /api/v1/my/change-requests/:id",
      "GET /api/v1/my/csaf/*",
      "GET /api/v1/my/events",
      "GET /api/v1/my/events/counts",
      "GET /api/v1/my/lists",
      "GET /api/v1/my/organisation",
      "GET /api/v1/my/organisations/:id",
      "POST /api/v1/my/change-requests",
      "PUT /api/v1/my/lists/:list",
    ]);

    const leaks: string[] = [];
    const differs: string[] = [];
    // The id asked about may come back in the answer's words ("No organisation <id>"), as a made-up one does.
    const check = (
      label: string,
      asked: string,
      got: { status: number; body: string },
      baseline?: { status: number; body: string },
    ) => {
      const body = got.body.split(asked).join("");
      for (const s of secrets) if (body.includes(s)) leaks.push(`${label}: ${s}`);
      if (
        baseline &&
        (baseline.status !== got.status ||
          baseline.body.split(unknown).join("ID") !== got.body.replace(/[0-9a-f-]{36}/g, "ID"))
      ) {
        differs.push(`${label}: ${got.status} ${got.body} vs ${baseline.status} ${baseline.body}`);
      }
    };
    for (const route of routes) {
      // The lists name no organisation: a member's put or removal is always their own organisation's.
      if (route.url.includes(":list")) {
        const url = route.url.replace(":list", "advisories");
        check(`${route.method} ${url}`, "", await call(route.method, url, asB, { roles: ["abuse"] }));
        continue;
      }
      for (const id of aIds) {
        const url = route.url.replace(":id", id).replace("*", "index.txt");
        if (route.method === "GET") {
          const baseline = route.url.includes(":id")
            ? await call("GET", route.url.replace(":id", unknown), asB)
            : undefined;
          check(`GET ${url}`, id, await call("GET", url, asB), baseline);
          check(`GET ${url}?status=pending`, id, await call("GET", `${url}?status=pending`, asB));
          continue;
        }
        // Every change, aimed at A itself or naming A's items on B's own organisation.
        const bodies = [
          { kind: "add_network", organisationId: id, payload: { network: "198.51.100.0/24" } },
          { kind: "remove_network", payload: { networkId: id } },
          { kind: "remove_contact", payload: { contactId: id } },
          { kind: "change_key", payload: { contactId: id, pgpKey: null } },
        ];
        for (const body of bodies) {
          const fake = JSON.parse(JSON.stringify(body).split(id).join(unknown)) as object;
          check(
            `POST ${url} ${JSON.stringify(body)}`,
            id,
            await call("POST", url, asB, body),
            await call("POST", url, asB, fake),
          );
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(differs).toEqual([]);
    // B's own lists hold only B's: A's request is not counted.
    const list = JSON.parse((await call("GET", "/api/v1/my/change-requests", asB)).body) as { items: ChangeRequest[] };
    expect(list.items.every((r) => r.organisation.id === b.id)).toBe(true);
    // A is still on its list: B's removal removed B's own, never A's.
    const aLists = JSON.parse((await call("GET", "/api/v1/my/lists", asA)).body) as {
      items: { id: string; subscribed: boolean }[];
    };
    expect(aLists.items.find((l) => l.id === "advisories")?.subscribed).toBe(true);
  }, 120_000);
});
