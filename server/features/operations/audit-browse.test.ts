import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { AuditQuery } from "../../../contract/operations.js";
import { type Actor, systemActor } from "../../platform/auth/actor.js";
import { appendAudit } from "../../platform/audit.js";
import { AppError } from "../../platform/errors.js";
import { anchorKeyFrom } from "../../platform/audit-anchor.js";
import { sealAuditTrail } from "../../platform/audit-sealer.js";
import { browseAudit, verifyAudit } from "./audit-browse.js";

const key = anchorKeyFrom(Buffer.alloc(32, 3));

const staff = (roles: ("admin" | "analyst")[], email = `${randomUUID().slice(0, 8)}@cert.example`): Actor => ({
  kind: "user",
  userId: randomUUID(),
  email,
  name: "Staff",
  userKind: "staff",
  organisationId: null,
  roles,
  via: "session",
  tokenId: null,
});

describe("audit browse (service)", () => {
  const app = useTestApp();
  const ctx = (actor: Actor = staff(["admin"])) => ({ db: app().fyr.deps.db, clock: app().clock, actor });
  const query = (q: Record<string, string | number>) => AuditQuery.parse(q);

  it("filters by action, action prefix, actor and target, newest first", async () => {
    const tag = randomUUID().slice(0, 8);
    const alice = staff(["admin"], `alice-${tag}@cert.example`);
    const bob = staff(["admin"], `bob-${tag}@cert.example`);
    const { db, clock } = ctx();
    await appendAudit(db, clock, {
      actor: alice,
      action: `t${tag}.created`,
      target: { type: "thing", id: `${tag}-1` },
    });
    await appendAudit(db, clock, { actor: bob, action: `t${tag}.created`, target: { type: "thing", id: `${tag}-2` } });
    await appendAudit(db, clock, {
      actor: alice,
      action: `t${tag}.deleted`,
      target: { type: "thing", id: `${tag}-1` },
    });

    const created = await browseAudit(ctx(), query({ action: `t${tag}.created` }));
    expect(created.items.map((i) => i.targetId)).toEqual([`${tag}-2`, `${tag}-1`]);
    expect(created.nextCursor).toBeNull();

    const all = await browseAudit(ctx(), query({ action: `t${tag}.*` }));
    expect(all.items.map((i) => i.action)).toEqual([`t${tag}.deleted`, `t${tag}.created`, `t${tag}.created`]);

    const byAlice = await browseAudit(ctx(), query({ actor: `ALICE-${tag}` }));
    expect(byAlice.items.map((i) => i.action)).toEqual([`t${tag}.deleted`, `t${tag}.created`]);
    expect(byAlice.items[0]).toMatchObject({
      actor: alice.kind === "user" ? alice.email : "",
      actorId: alice.kind === "user" ? alice.userId : "",
    });

    const byBobId = await browseAudit(ctx(), query({ actor: bob.kind === "user" ? bob.userId : "" }));
    expect(byBobId.items.map((i) => i.targetId)).toEqual([`${tag}-2`]);

    const target = await browseAudit(ctx(), query({ targetType: "thing", targetId: `${tag}-1` }));
    expect(target.items).toHaveLength(2);
  });

  it("treats LIKE wildcards in the actor filter literally", async () => {
    const page = await browseAudit(ctx(), query({ actor: "%" }));
    expect(page.items).toEqual([]);
  });

  it("filters by time range", async () => {
    const tag = randomUUID().slice(0, 8);
    const { db, clock } = ctx();
    await appendAudit(db, clock, { actor: systemActor("test"), action: `time${tag}` });
    const [entry] = (await browseAudit(ctx(), query({ action: `time${tag}` }))).items;
    if (!entry) throw new Error("entry missing");
    const at = new Date(entry.at).getTime();
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(
      (await browseAudit(ctx(), query({ action: `time${tag}`, from: iso(at), to: iso(at + 1) }))).items,
    ).toHaveLength(1);
    expect((await browseAudit(ctx(), query({ action: `time${tag}`, from: iso(at + 1) }))).items).toHaveLength(0);
    expect((await browseAudit(ctx(), query({ action: `time${tag}`, to: iso(at) }))).items).toHaveLength(0);
  });

  it("pages through entries with a keyset cursor, each entry once, even as new ones arrive", async () => {
    const tag = randomUUID().slice(0, 8);
    const { db, clock } = ctx();
    for (let i = 0; i < 7; i++)
      await appendAudit(db, clock, { actor: systemActor("test"), action: `page${tag}`, diff: { i } });
    const seen: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await browseAudit(ctx(), query({ action: `page${tag}`, limit: 3, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.items.map((i) => i.diff));
      cursor = page.nextCursor;
      pages++;
      // A new entry during paging lands on top, not inside later pages.
      if (pages === 1)
        await appendAudit(db, clock, { actor: systemActor("test"), action: `page${tag}`, diff: { i: 99 } });
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([6, 5, 4, 3, 2, 1, 0].map((i) => ({ i })));
  });

  it("rejects a malformed cursor and a non-admin", async () => {
    await expect(browseAudit(ctx(), query({ cursor: "not-a-cursor" }))).rejects.toMatchObject({
      code: "invalid_cursor",
    });
    const err = await browseAudit(ctx(staff(["analyst"])), query({})).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ kind: "forbidden" });
    await expect(verifyAudit(ctx(staff(["analyst"])), key)).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("verifies the chain and names the entry someone tampered with", async () => {
    const tag = randomUUID().slice(0, 8);
    const { db, clock } = ctx();
    await appendAudit(db, clock, { actor: systemActor("test"), action: `v${tag}`, diff: { role: "observer" } });
    await appendAudit(db, clock, { actor: systemActor("test"), action: `v${tag}-after` });
    // What the worker's sealer does every second.
    await sealAuditTrail(db, clock, key);
    expect(await verifyAudit(ctx(), key)).toMatchObject({ ok: true, unsealed: 0, signature: "valid" });
    const [victim] = (await browseAudit(ctx(), query({ action: `v${tag}` }))).items;
    if (!victim) throw new Error("entry missing");
    await db
      .updateTable("audit_log")
      .set({ diff: JSON.stringify({ role: "admin" }) })
      .where("id", "=", victim.id)
      .execute();
    try {
      expect(await verifyAudit(ctx(), key)).toMatchObject({ ok: false, brokenAt: victim.id, reason: "hash_mismatch" });
    } finally {
      await db
        .updateTable("audit_log")
        .set({ diff: JSON.stringify({ role: "observer" }) })
        .where("id", "=", victim.id)
        .execute();
    }
    expect(await verifyAudit(ctx(), key)).toMatchObject({ ok: true });
  });
});
