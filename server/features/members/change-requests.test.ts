import { describe, expect, it } from "vitest";
import type { ChangeRequest, ChangeRequestList, MyOrganisationTree } from "../../../contract/members.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor, randomClientAddress } from "../../../test/support/auth.js";
import { makeMember, makeOrganisation, signInMember } from "./test-fixtures.js";

// A member asks for a change, staff approve or reject it with a note; an approval is applied through the
// registry and audited as the member's request and the approver's decision.

const app = useTestApp();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function call(method: "GET" | "POST", url: string, headers: Record<string, string>, payload?: object) {
  return app().fyr.http.inject({
    method,
    url,
    headers,
    ...(payload ? { payload } : {}),
    remoteAddress: randomClientAddress(),
  });
}

describe("change requests", () => {
  it("applies an approved new network, which the member then sees, audited on both sides", async () => {
    const org = await makeOrganisation(app(), { name: "Nätägaren AB" });
    const member = await makeMember(app(), org);
    const headers = await signInMember(app(), member);
    const asked = await call("POST", "/api/v1/my/change-requests", headers, {
      kind: "add_network",
      payload: { network: "203.0.113.0/24" },
      reason: "our new office",
    });
    expect(asked.statusCode).toBe(201);
    const request = asked.json<ChangeRequest>();
    expect(request).toMatchObject({
      status: "pending",
      organisation: { id: org.id, name: "Nätägaren AB" },
      reason: "our new office",
    });

    const { token: duty, userId: dutyId } = await createTokenFor(app(), { roles: ["duty"] });
    const queue = await call("GET", "/api/v1/change-requests?status=pending", bearer(duty));
    expect(queue.json<ChangeRequestList>().items.map((r) => r.id)).toContain(request.id);
    const approved = await call("POST", `/api/v1/change-requests/${request.id}/approve`, bearer(duty), {
      note: "checked with RIPE",
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json<ChangeRequest>()).toMatchObject({
      status: "approved",
      note: "checked with RIPE",
      decidedBy: { id: dutyId },
    });
    const again = await call("POST", `/api/v1/change-requests/${request.id}/reject`, bearer(duty), {});
    expect(again.json()).toMatchObject({ status: 409, code: "change_request_decided" });

    const mine = await call("GET", "/api/v1/my/organisation", headers);
    expect(mine.json<MyOrganisationTree>().networks.map((n) => n.label)).toEqual(["203.0.113.0/24"]);
    const seen = await call("GET", `/api/v1/my/change-requests/${request.id}`, headers);
    expect(seen.json<ChangeRequest>()).toMatchObject({ status: "approved", note: "checked with RIPE" });

    const trail = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["action", "actor_id", "target_id"])
      .where((eb) => eb.or([eb("target_id", "=", request.id), eb("target_id", "=", org.id)]))
      .orderBy("id")
      .execute();
    expect(trail.map((e) => [e.action, e.actor_id])).toEqual(
      expect.arrayContaining([
        ["change_request.requested", member.id],
        ["constituency.network_added", dutyId],
        ["change_request.approved", dutyId],
      ]),
    );
    // What the audit screen shows of the request and the decision names the organisation and the member,
    // never an internal id.
    const details = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("diff")
      .where("target_id", "=", request.id)
      .execute();
    expect(details).toHaveLength(2);
    for (const { diff } of details) {
      expect(JSON.stringify(diff)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
      expect(diff).toMatchObject({ organisation: "Nätägaren AB" });
    }
  });

  it("rejects with a note and changes nothing; a refused change stays pending", async () => {
    const org = await makeOrganisation(app(), {
      networks: ["192.0.2.0/24"],
      contacts: [{ email: "sec@org.se", role: "security" }],
    });
    const member = await makeMember(app(), org);
    const headers = await signInMember(app(), member);
    const { token: admin } = await createTokenFor(app(), { roles: ["admin"] });
    const contactId = org.contacts[0]?.id ?? "";
    const removal = await call("POST", "/api/v1/my/change-requests", headers, {
      kind: "remove_contact",
      payload: { contactId },
    });
    const rejected = await call(
      "POST",
      `/api/v1/change-requests/${removal.json<ChangeRequest>().id}/reject`,
      bearer(admin),
      {
        note: "we need one security contact",
      },
    );
    expect(rejected.json<ChangeRequest>()).toMatchObject({ status: "rejected", note: "we need one security contact" });
    // The same network again: the registry refuses it at approval, and the request waits for another look.
    const twice = await call("POST", "/api/v1/my/change-requests", headers, {
      kind: "add_network",
      payload: { network: "192.0.2.0/24" },
    });
    const id = twice.json<ChangeRequest>().id;
    const refused = await call("POST", `/api/v1/change-requests/${id}/approve`, bearer(admin), {});
    expect(refused.json()).toMatchObject({ status: 409, code: "organisation_holding_exists" });
    expect((await call("GET", `/api/v1/my/change-requests/${id}`, headers)).json<ChangeRequest>().status).toBe(
      "pending",
    );
    // One transaction: nothing of the refused approval was kept, not even its audit entry.
    const decided = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", id)
      .execute();
    expect(decided.map((e) => e.action)).toEqual(["change_request.requested"]);
    const mine = await call("GET", "/api/v1/my/organisation", headers);
    expect(mine.json<MyOrganisationTree>().contacts.map((c) => c.email)).toEqual(["sec@org.se"]);
  });

  it("refuses a removal of something the organisation does not hold, and observers' decisions", async () => {
    const org = await makeOrganisation(app());
    const member = await makeMember(app(), org);
    const headers = await signInMember(app(), member);
    const res = await call("POST", "/api/v1/my/change-requests", headers, {
      kind: "remove_network",
      payload: { networkId: crypto.randomUUID() },
    });
    expect(res.json()).toMatchObject({ status: 404, code: "organisation_item_not_found" });
    const ok = await call("POST", "/api/v1/my/change-requests", headers, {
      kind: "add_domain",
      payload: { domain: "org.se" },
    });
    const { token: observer } = await createTokenFor(app(), { roles: ["observer"] });
    const denied = await call(
      "POST",
      `/api/v1/change-requests/${ok.json<ChangeRequest>().id}/approve`,
      bearer(observer),
      {},
    );
    expect(denied.statusCode).toBe(403);
  });
});
