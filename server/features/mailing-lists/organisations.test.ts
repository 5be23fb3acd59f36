import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { makeMember, makeOrganisation, signInMember } from "../members/test-fixtures.js";
import { sendToList } from "./index.js";
import { confirmedSubscribers, makeList, system, uniqueAddress } from "./test-fixtures.js";

// Organisations on lists (their registry contacts count as confirmed), by staff and by a member for their
// own organisation; and the staff API over lists and subscribers, whose addresses stay out of the audit trail.

const app = useTestApp();
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function recipientsOf(campaignId: string) {
  const rows = await app()
    .fyr.deps.db.selectFrom("list_deliveries")
    .select(["email", "language"])
    .where("campaign_id", "=", campaignId)
    .orderBy("email")
    .execute();
  return rows;
}

describe("organisations on lists", () => {
  it("sends to the contacts of the chosen roles, once per address, in their language; opt-outs hold", async () => {
    const list = await makeList(app());
    const security = uniqueAddress("security");
    const abuse = uniqueAddress("abuse");
    const org = await makeOrganisation(app(), {
      contacts: [
        { email: security, role: "security", language: "en" },
        { email: abuse, role: "abuse" },
      ],
    });
    const publisher = await createTokenFor(app(), { roles: ["publisher"] });
    const put = await app().fyr.http.inject({
      method: "PUT",
      url: `/api/v1/lists/${list}/organisations/${org.id}`,
      headers: bearer(publisher.token),
      payload: { roles: ["security"] },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ organisation: { id: org.id, name: org.name }, roles: ["security"] });
    const [subscriber = ""] = await confirmedSubscribers(app(), list, 1);

    const first = await sendToList(system(app()), { list, messages: { sv: { subject: "A", text: "a" } } });
    expect(await recipientsOf(first.campaignId)).toEqual(
      [
        { email: security, language: "en" },
        { email: subscriber, language: "sv" },
      ].sort((a, b) => a.email.localeCompare(b.email)),
    );

    // The contact opts out on their own; the organisation stays on the list.
    await app().fyr.deps.db.insertInto("list_opt_outs").values({ list_id: list, email: security }).execute();
    const second = await sendToList(system(app()), { list, messages: { sv: { subject: "B", text: "b" } } });
    expect((await recipientsOf(second.campaignId)).map((r) => r.email)).toEqual([subscriber]);

    const listed = await app().fyr.http.inject({
      method: "GET",
      url: `/api/v1/lists/${list}/organisations`,
      headers: bearer(publisher.token),
    });
    expect(listed.json().items).toEqual([expect.objectContaining({ organisation: { id: org.id, name: org.name } })]);
    const removed = await app().fyr.http.inject({
      method: "DELETE",
      url: `/api/v1/lists/${list}/organisations/${org.id}`,
      headers: bearer(publisher.token),
    });
    expect(removed.statusCode).toBe(204);
  });

  it("lets a member put their own organisation on a public list, and reach no staff list route", async () => {
    const contact = uniqueAddress("member-org");
    const org = await makeOrganisation(app(), { contacts: [{ email: contact, role: "abuse" }] });
    const member = await makeMember(app(), org);
    const headers = await signInMember(app(), member);
    const put = await app().fyr.http.inject({
      method: "PUT",
      url: "/api/v1/my/lists/weekly",
      headers,
      payload: { roles: ["abuse"] },
    });
    expect(put.statusCode).toBe(200);
    const mine = await app().fyr.http.inject({ method: "GET", url: "/api/v1/my/lists", headers });
    expect(mine.json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: "weekly", subscribed: true, roles: ["abuse"] })]),
    );
    // A list not offered to the public is not theirs to join.
    const hidden = await makeList(app());
    await app().fyr.deps.db.updateTable("mailing_lists").set({ public: false }).where("id", "=", hidden).execute();
    const refused = await app().fyr.http.inject({
      method: "PUT",
      url: `/api/v1/my/lists/${hidden}`,
      headers,
      payload: {},
    });
    expect(refused.statusCode).toBe(404);
    const staff = await app().fyr.http.inject({ method: "GET", url: "/api/v1/lists", headers });
    expect(staff.statusCode).toBe(403);

    const sent = await sendToList(system(app()), { list: "weekly", messages: { sv: { subject: "C", text: "c" } } });
    expect((await recipientsOf(sent.campaignId)).map((r) => r.email)).toContain(contact);
    const gone = await app().fyr.http.inject({ method: "DELETE", url: "/api/v1/my/lists/weekly", headers });
    expect(gone.statusCode).toBe(204);
  });
});

describe("the staff API over lists", () => {
  it("counts, searches and removes subscribers; the audit trail holds no address", async () => {
    const list = await makeList(app());
    const emails = await confirmedSubscribers(app(), list, 3);
    const publisher = await createTokenFor(app(), { roles: ["publisher"] });
    const lists = await app().fyr.http.inject({
      method: "GET",
      url: "/api/v1/lists",
      headers: bearer(publisher.token),
    });
    expect(lists.json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: list, subscribers: 3, organisations: 0 })]),
    );
    const target = emails[1] ?? "";
    const found = await app().fyr.http.inject({
      method: "GET",
      url: `/api/v1/lists/${list}/subscribers?q=${encodeURIComponent(target.slice(0, 10))}`,
      headers: bearer(publisher.token),
    });
    expect(found.json().items.map((s: { email: string }) => s.email)).toEqual([target]);
    const id: string = found.json().items[0].id;

    const observer = await createTokenFor(app(), { roles: ["observer"] });
    const denied = await app().fyr.http.inject({
      method: "DELETE",
      url: `/api/v1/lists/${list}/subscribers/${id}`,
      headers: bearer(observer.token),
    });
    expect(denied.statusCode).toBe(403);
    const removed = await app().fyr.http.inject({
      method: "DELETE",
      url: `/api/v1/lists/${list}/subscribers/${id}`,
      headers: bearer(publisher.token),
    });
    expect(removed.statusCode).toBe(204);
    const again = await app().fyr.http.inject({
      method: "DELETE",
      url: `/api/v1/lists/${list}/subscribers/${id}`,
      headers: bearer(publisher.token),
    });
    expect(again.statusCode).toBe(404);

    const entry = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select(["diff", "target_id"])
      .where("action", "=", "lists.subscriber_removed")
      .where("target_id", "=", list)
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(entry.diff);
    expect(text).not.toContain(target);
    expect(text).toContain(`${target.slice(0, 1)}…@example.test`);
    const leftover = await app()
      .fyr.deps.db.selectFrom("list_subscribers")
      .select("id")
      .where(sql<boolean>`email = ${target}`)
      .executeTakeFirst();
    expect(leftover).toBeUndefined();
  });
});
