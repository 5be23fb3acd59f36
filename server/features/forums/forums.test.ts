import { describe, expect, it } from "vitest";
import type {
  ForumDetail,
  ForumDirectory,
  ForumMember,
  ForumPost,
  ForumPostPage,
  MyForum,
} from "../../../contract/forums.js";
import { useTestApp } from "../../../test/support/app.js";
import { createStaffUser, signIn } from "../../../test/support/auth.js";
import { guardedRoutes } from "../../platform/auth/guard.js";
import { makeMember, makeOrganisation, signInMember } from "../members/test-fixtures.js";
import { adminSession, admit, call, makeExternalMember, makeForum } from "./test-fixtures.js";

// Forums end to end through the API: vetting (sponsor proposes, only an admin approves), what a member
// sees (their forums, posts, notes, directory) and what anyone else does not (404, as an unknown id),
// TLP bounds, the archive's keyset pages, introductions, and the audit trail of each write.

const app = useTestApp();

async function memberIn(forumId: string, admin: Record<string, string>) {
  const org = await makeOrganisation(app());
  const member = await makeMember(app(), org);
  await admit(app(), admin, forumId, { email: member.email });
  return { member, headers: await signInMember(app(), member), org };
}

describe("forums", () => {
  it("admits a proposed person only when an admin approves, then shows them the forum", async () => {
    const admin = await adminSession(app());
    const forum = await makeForum(app(), admin, { name: `Energi ${Date.now()}` });
    const org = await makeOrganisation(app());
    const member = await makeMember(app(), org);
    const asMember = await signInMember(app(), member);

    const duty = await createStaffUser(app(), { roles: ["duty"] });
    const dutySession = await signIn(app(), duty.email, duty.password);
    const dutyHeaders = { cookie: dutySession.cookie, "x-csrf-token": dutySession.csrfToken };
    const proposed = await call(app(), "POST", `/api/v1/forums/${forum.id}/proposals`, dutyHeaders, {
      email: member.email.toUpperCase(),
      name: "Anna Andersson",
      role: "CISO",
      reason: "Runs the SOC",
    });
    expect(proposed.status).toBe(201);
    const proposal = proposed.body as ForumMember;
    expect(proposal).toMatchObject({ status: "proposed", email: member.email, organisation: "" });

    // Proposed is not admitted: the forum does not exist for them yet.
    expect((await call(app(), "GET", `/api/v1/my/forums/${forum.id}`, asMember)).status).toBe(404);
    // A duty officer may sponsor but not vet.
    const byDuty = await call(
      app(),
      "POST",
      `/api/v1/forums/${forum.id}/proposals/${proposal.id}/approve`,
      dutyHeaders,
      {},
    );
    expect(byDuty.status).toBe(403);
    // The same address proposed twice is one proposal.
    const twice = await call(app(), "POST", `/api/v1/forums/${forum.id}/proposals`, dutyHeaders, {
      email: member.email,
      name: "Anna",
    });
    expect(twice.status).toBe(409);

    const approved = await call(app(), "POST", `/api/v1/forums/${forum.id}/proposals/${proposal.id}/approve`, admin, {
      note: "Known to us",
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "active", external: false, organisation: org.name });
    const again = await call(app(), "POST", `/api/v1/forums/${forum.id}/proposals/${proposal.id}/approve`, admin, {});
    expect(again.status).toBe(409);

    const mine = await call(app(), "GET", "/api/v1/my/forums", asMember);
    expect((mine.body as { items: MyForum[] }).items.map((f) => f.name)).toEqual([forum.name]);
    expect((mine.body as { items: MyForum[] }).items[0]).toMatchObject({ pending: 0, members: 1 });

    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", forum.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["forums.created", "forums.member_proposed", "forums.member_approved"]),
    );
  });

  it("refuses a post above the forum's maximum TLP with a field error, and uses the default otherwise", async () => {
    const admin = await adminSession(app());
    const forum = await makeForum(app(), admin, { defaultTlp: "TLP:GREEN", maxTlp: "TLP:AMBER" });
    const { headers } = await memberIn(forum.id, admin);
    const red = await call(app(), "POST", `/api/v1/my/forums/${forum.id}/posts`, headers, {
      title: "Too secret",
      body: "…",
      tlp: "TLP:RED",
    });
    expect(red.status).toBe(400);
    expect(red.body).toMatchObject({
      code: "forum_post_invalid",
      errors: [{ path: "body.tlp", code: "tlp_above_forum_max" }],
    });
    const plain = await call(app(), "POST", `/api/v1/my/forums/${forum.id}/posts`, headers, {
      title: "Phishing wave",
      body: "Seen at three utilities",
    });
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ tlp: "TLP:GREEN", kind: "post", author: "Test Member" });
    const bounds = await call(app(), "POST", "/api/v1/forums", admin, {
      name: `Bad ${Date.now()}`,
      kind: "other",
      defaultTlp: "TLP:RED",
      maxTlp: "TLP:GREEN",
    });
    expect(bounds.status).toBe(400);
    expect(bounds.body).toMatchObject({ errors: [{ path: "body.maxTlp", code: "tlp_below_default" }] });
  });

  it("shows a non-member nothing: forum, posts, directory and writes are 404 as for an unknown id", async () => {
    const admin = await adminSession(app());
    const forum = await makeForum(app(), admin);
    const { headers: insider } = await memberIn(forum.id, admin);
    await call(app(), "POST", `/api/v1/my/forums/${forum.id}/posts`, insider, { title: "Inside", body: "x" });
    const outsiderOrg = await makeOrganisation(app());
    const outsider = await signInMember(app(), await makeMember(app(), outsiderOrg));
    const unknown = "00000000-0000-4000-8000-000000000000";
    const tries = [
      ["GET", "", undefined],
      ["GET", "/posts", undefined],
      ["GET", "/directory", undefined],
      ["GET", "/introductions", undefined],
      ["POST", "/posts", { title: "x", body: "y" }],
      ["POST", "/proposals", { email: "friend@example.test", name: "Friend" }],
      ["PUT", "/membership", { digest: true }],
      ["POST", "/reconfirm", undefined],
      ["POST", "/introductions", { b: "00000000-0000-4000-8000-000000000001", note: "x" }],
    ] as const;
    // Every member route of a forum is tried: a new one fails here until it is added above.
    const routes = guardedRoutes(app().fyr.http)
      .filter((r) => r.roles === "member" && r.url.startsWith("/api/v1/my/forums/:id"))
      .map((r) => `${r.method} ${r.url.replace("/api/v1/my/forums/:id", "")}`)
      .sort();
    expect(routes).toEqual(tries.map(([method, path]) => `${method} ${path}`).sort());
    for (const [method, path, payload] of tries) {
      const hidden = await call(app(), method, `/api/v1/my/forums/${forum.id}${path}`, outsider, payload);
      const none = await call(app(), method, `/api/v1/my/forums/${unknown}${path}`, outsider, payload);
      expect([path, hidden.status]).toEqual([path, 404]);
      expect(hidden.body).toMatchObject({ code: "forum_not_found" });
      expect(JSON.stringify(hidden.body).replace(forum.id, unknown)).toBe(JSON.stringify(none.body));
    }
    expect(((await call(app(), "GET", "/api/v1/my/forums", outsider)).body as { items: unknown[] }).items).toEqual([]);
  });

  it("keeps the archive in keyset pages, notes apart from posts, and the directory for members", async () => {
    const admin = await adminSession(app());
    const forum = await makeForum(app(), admin);
    const { headers, member } = await memberIn(forum.id, admin);
    for (let i = 0; i < 5; i++)
      await call(app(), "POST", `/api/v1/my/forums/${forum.id}/posts`, headers, { title: `Post ${i}`, body: "b" });
    const note = await call(app(), "POST", `/api/v1/my/forums/${forum.id}/posts`, headers, {
      kind: "note",
      title: "Meeting",
      body: "Minutes",
      meetingOn: "2026-11-30",
    });
    expect(note.body).toMatchObject({ kind: "note", meetingOn: "2026-11-30" });
    const seen: string[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const q: string = cursor ? `&cursor=${cursor}` : "";
      const page = (await call(app(), "GET", `/api/v1/my/forums/${forum.id}/posts?kind=post&limit=2${q}`, headers))
        .body as ForumPostPage;
      seen.push(...page.items.map((p: ForumPost) => p.title));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(["Post 4", "Post 3", "Post 2", "Post 1", "Post 0"]);
    const notes = (await call(app(), "GET", `/api/v1/my/forums/${forum.id}/posts?kind=note`, headers))
      .body as ForumPostPage;
    expect(notes.items.map((p) => p.title)).toEqual(["Meeting"]);
    const bad = await call(app(), "GET", `/api/v1/my/forums/${forum.id}/posts?cursor=nonsense`, headers);
    expect(bad.status).toBe(400);

    await call(app(), "PUT", `/api/v1/my/forums/${forum.id}/membership`, headers, {
      role: "SOC lead",
      phone: "+46 8 1",
    });
    const dir = (await call(app(), "GET", `/api/v1/my/forums/${forum.id}/directory`, headers)).body as ForumDirectory;
    expect(dir.items).toEqual([expect.objectContaining({ email: member.email, role: "SOC lead", phone: "+46 8 1" })]);
  });

  it("records an introduction between two members and mails both", async () => {
    const admin = await adminSession(app());
    const forum = await makeForum(app(), admin);
    const a = await memberIn(forum.id, admin);
    const b = await memberIn(forum.id, admin);
    const detail = (await call(app(), "GET", `/api/v1/forums/${forum.id}`, admin)).body as ForumDetail;
    const bId = detail.members.find((m) => m.email === b.member.email)?.id;
    const res = await call(app(), "POST", `/api/v1/my/forums/${forum.id}/introductions`, a.headers, {
      b: bId,
      note: "You both run OT networks",
    });
    expect(res.status).toBe(201);
    const seenByB = await call(app(), "GET", `/api/v1/my/forums/${forum.id}/introductions`, b.headers);
    expect((seenByB.body as { items: { note: string }[] }).items.map((i) => i.note)).toEqual([
      "You both run OT networks",
    ]);
    const mails = await app()
      .fyr.deps.db.selectFrom("mail_messages")
      .select(["recipients"])
      .where("subject", "like", `%${forum.name}%`)
      .execute();
    const to = mails.flatMap((m) => m.recipients);
    expect(to).toEqual(expect.arrayContaining([a.member.email, b.member.email]));
  });

  it("admits a person with no account as an external member, who sees the forum and nothing else", async () => {
    const admin = await adminSession(app());
    const forum = await makeForum(app(), admin);
    const ext = await makeExternalMember(app(), admin, forum.id);
    const headers = await signInMember(app(), ext);
    const detail = (await call(app(), "GET", `/api/v1/forums/${forum.id}`, admin)).body as ForumDetail;
    expect(detail.members.find((m) => m.email === ext.email)).toMatchObject({ status: "active", external: true });
    expect((await call(app(), "GET", `/api/v1/my/forums/${forum.id}`, headers)).status).toBe(200);
    const org = await call(app(), "GET", "/api/v1/my/organisation", headers);
    expect(org.status).toBe(403);
    expect(org.body).toMatchObject({ code: "external_member_scope" });
  });

  it("documents the forum paths in the OpenAPI document", async () => {
    const res = await app().fyr.http.inject({ url: "/api/openapi.json" });
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/forums",
        "/api/v1/forums/{id}/proposals/{memberId}/approve",
        "/api/v1/my/forums/{id}/posts",
        "/api/v1/my/forums/{id}/directory",
      ]),
    );
  });
});
