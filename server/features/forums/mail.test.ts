import * as openpgp from "openpgp";
import { describe, expect, it } from "vitest";
import type { ForumDetail, ForumPostPage } from "../../../contract/forums.js";
import { useTestApp } from "../../../test/support/app.js";
import { fixedClock } from "../../platform/clock.js";
import { makeMember, makeOrganisation, signInMember } from "../members/test-fixtures.js";
import { runDigests } from "./digests.js";
import { takeForumMail, tlpOfSubject } from "./list-mail-in.js";
import { selectForum } from "./forums-store.js";
import { RECONFIRM_AFTER_MS, RECONFIRM_GRACE_MS, runReconfirmation } from "./reconfirmation.js";
import { adminSession, admit, call, makeForum } from "./test-fixtures.js";

// The forum's mail: a post goes to each active member (encrypted to a member's key when known, to no
// one else), mail to the list address from a member becomes a post and from anyone else is held, digests,
// and the yearly question with its lapse.

const clock = fixedClock(new Date("2030-03-01T08:00:00Z"));
const app = useTestApp({ FYR_MAIL_FROM: "CERT <cert@cert.example>" }, clock);

async function setUp() {
  const admin = await adminSession(app());
  const forum = await makeForum(app(), admin, { listAddress: `forum-${Date.now()}@cert.example` });
  const people = [];
  for (let i = 0; i < 2; i++) {
    const member = await makeMember(app(), await makeOrganisation(app()));
    await admit(app(), admin, forum.id, { email: member.email });
    people.push({ member, headers: await signInMember(app(), member) });
  }
  return { admin, forum, people };
}

const outbox = (to: string) =>
  app()
    .fyr.deps.db.selectFrom("mail_messages")
    .select(["subject", "text_body", "headers"])
    .where(({ eb, val }) => eb(val(to), "=", eb.fn.any("recipients")))
    .orderBy("created_at")
    .execute();

const rawMail = (from: string, to: string, subject: string, body: string) =>
  Buffer.from(
    `From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nMessage-ID: <${Math.random()}@x>\r\n\r\n${body}\r\n`,
  );

describe("forum mail", () => {
  it("distributes a post to the other members, encrypted to a member's key, with list headers", async () => {
    const { forum, people } = await setUp();
    const [a, b] = people;
    if (!a || !b) throw new Error("two members");
    const { privateKey, publicKey } = await openpgp.generateKey({
      userIDs: [{ email: b.member.email }],
      format: "armored",
    });
    const set = await call(app(), "PUT", `/api/v1/my/forums/${forum.id}/membership`, b.headers, { pgpKey: publicKey });
    expect(set.status).toBe(200);
    const bad = await call(app(), "PUT", `/api/v1/my/forums/${forum.id}/membership`, b.headers, { pgpKey: "junk" });
    expect(bad.status).toBe(400);
    await call(app(), "POST", `/api/v1/my/forums/${forum.id}/posts`, a.headers, {
      title: "Wave",
      body: "Secret words",
    });
    await app().fyr.runDueJobs();
    const toB = await outbox(b.member.email);
    const post = toB.find((m) => m.text_body.includes("BEGIN PGP MESSAGE"));
    if (!post) throw new Error("no encrypted post");
    expect(post.subject).not.toContain("Wave");
    expect(post.headers).toMatchObject({ "List-Post": `<mailto:${forum.listAddress}>`, Precedence: "list" });
    const decrypted = await openpgp.decrypt({
      message: await openpgp.readMessage({ armoredMessage: post.text_body }),
      decryptionKeys: await openpgp.readPrivateKey({ armoredKey: privateKey }),
    });
    expect(decrypted.data).toContain("Secret words");
    // The author does not get their own post back.
    expect((await outbox(a.member.email)).some((m) => m.subject.includes("Wave"))).toBe(false);
    // Running the job again sends nothing twice.
    await app().fyr.runDueJobs();
    expect((await outbox(b.member.email)).filter((m) => m.text_body.includes("BEGIN PGP")).length).toBe(1);
  });

  it("never mails a TLP:RED post's text in clear: a member without a key gets a pointer", async () => {
    const { admin, people } = await setUp();
    const [a, b] = people;
    if (!a || !b) throw new Error("two members");
    const red = await makeForum(app(), admin, { maxTlp: "TLP:RED" });
    for (const p of people) await admit(app(), admin, red.id, { email: p.member.email });
    const posted = await call(app(), "POST", `/api/v1/my/forums/${red.id}/posts`, a.headers, {
      title: "Named recipients",
      body: "The red words",
      tlp: "TLP:RED",
    });
    expect(posted.status).toBe(201);
    await app().fyr.runDueJobs();
    const mail = (await outbox(b.member.email)).find(
      (m) => m.subject.includes(red.name) && m.subject.includes("TLP:RED"),
    );
    expect(mail?.text_body).toContain(`/member/forums/${red.id}`);
    expect(mail?.text_body).not.toContain("The red words");
    expect(mail?.subject).not.toContain("Named recipients");
  });

  it("takes mail from a member as a post and holds mail from anyone else or above the maximum", async () => {
    const { admin, forum, people } = await setUp();
    const [a] = people;
    if (!a || !forum.listAddress) throw new Error("set-up");
    const row = await selectForum(app().fyr.deps.db, forum.id);
    if (!row) throw new Error("forum");
    const deps = { db: app().fyr.deps.db, clock, logger: app().fyr.deps.logger };
    expect(
      await takeForumMail(deps, row, rawMail(a.member.email, forum.listAddress, "[TLP:GREEN] By mail", "Hello all")),
    ).toBe("posted");
    expect(await takeForumMail(deps, row, rawMail("stranger@evil.example", forum.listAddress, "Buy now", "spam"))).toBe(
      "held",
    );
    expect(await takeForumMail(deps, row, rawMail(a.member.email, forum.listAddress, "TLP:RED secret", "x"))).toBe(
      "held",
    );
    const posts = (await call(app(), "GET", `/api/v1/my/forums/${forum.id}/posts`, a.headers)).body as ForumPostPage;
    expect(posts.items.map((p) => [p.title, p.tlp, p.via])).toEqual([["By mail", "TLP:GREEN", "mail"]]);
    const detail = (await call(app(), "GET", `/api/v1/forums/${forum.id}`, admin)).body as ForumDetail;
    expect(detail.held.map((h) => h.reason).sort()).toEqual(["not_a_member", "tlp_above_max"]);
    expect(tlpOfSubject("[tlp:white] old label")).toBe("TLP:CLEAR");
  });

  it("sends a daily digest instead of each post to members who choose it", async () => {
    const { forum, people } = await setUp();
    const [a, b] = people;
    if (!a || !b) throw new Error("two members");
    await call(app(), "PUT", `/api/v1/my/forums/${forum.id}/membership`, b.headers, { digest: true });
    // The fixed clock: the post comes a minute after the members joined, as it would.
    clock.advance(60_000);
    await call(app(), "POST", `/api/v1/my/forums/${forum.id}/posts`, a.headers, { title: "Digest me", body: "One" });
    await app().fyr.runDueJobs();
    expect((await outbox(b.member.email)).some((m) => m.subject.includes("Digest me"))).toBe(false);
    const deps = { db: app().fyr.deps.db, clock, config: app().fyr.deps.config, certKey: async () => null };
    expect(await runDigests(deps)).toBeGreaterThanOrEqual(1);
    const digest = (await outbox(b.member.email)).find((m) => m.text_body.includes("Digest me"));
    expect(digest?.subject).toContain(forum.name);
    expect(await runDigests(deps)).toBe(0);
  });

  it("asks yearly, and lapses a member who does not answer within the grace period", async () => {
    const { forum, people } = await setUp();
    const [a, b] = people;
    if (!a || !b) throw new Error("two members");
    const start = clock.now().getTime();
    const deps = { db: app().fyr.deps.db, clock, config: app().fyr.deps.config };
    clock.set(new Date(start + RECONFIRM_AFTER_MS + 60_000));
    try {
      const asked = await runReconfirmation(deps);
      expect(asked.asked).toBeGreaterThanOrEqual(2);
      expect((await outbox(a.member.email)).some((m) => m.subject.includes("Bekräfta"))).toBe(true);
      const mine = await call(
        app(),
        "POST",
        `/api/v1/my/forums/${forum.id}/reconfirm`,
        await signInMember(app(), a.member),
      );
      expect(mine.body).toMatchObject({ membership: { reconfirmDue: false } });
      clock.set(new Date(start + RECONFIRM_AFTER_MS + RECONFIRM_GRACE_MS + 120_000));
      const lapsed = await runReconfirmation(deps);
      expect(lapsed.lapsed).toBeGreaterThanOrEqual(1);
      const asA = await signInMember(app(), a.member);
      const asB = await signInMember(app(), b.member);
      expect((await call(app(), "GET", `/api/v1/my/forums/${forum.id}`, asA)).status).toBe(200);
      expect((await call(app(), "GET", `/api/v1/my/forums/${forum.id}`, asB)).status).toBe(404);
    } finally {
      clock.set(new Date(start));
    }
  });
});
