import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../test/support/app.js";
import { createTestDatabase } from "../../test/support/db.js";
import { testDatabaseUrl } from "../../test/support/template.js";
import { type Actor, systemActor } from "./auth/actor.js";
import { appendAudit, canonicalJson, verifyAuditChain } from "./audit.js";
import { SignedHead, anchorKeyFrom, signHead } from "./audit-anchor.js";
import { mailAnchorIfDue } from "./audit-anchor-mail.js";
import { GENESIS, entryHash } from "./audit-hash.js";
import { readSealedHead, sealAuditTrail, signedHeadOf } from "./audit-sealer.js";
import { systemClock } from "./clock.js";
import type { Db } from "./db/connect.js";
import { migrate } from "./db/migrate.js";

const key = anchorKeyFrom(Buffer.alloc(32, 7));
const seal = (db: Db) => sealAuditTrail(db, systemClock, key);
const verify = (db: Db, more: Parameters<typeof verifyAuditChain>[1] = {}) =>
  verifyAuditChain(db, { key, batch: 2, ...more });

async function write(db: Db, action: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++)
    await appendAudit(db, systemClock, { actor: systemActor("test"), action, diff: { i, a: { nested: [i, "x"] } } });
}

async function entriesOf(db: Db, action: string) {
  return db.selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("seq").execute();
}

describe("audit trail", () => {
  const app = useTestApp();

  it("canonical JSON ignores key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}',
    );
  });

  it("seals entries into a signed chain and names the first one that was tampered with", async () => {
    const { db } = app().fyr.deps;
    const tag = randomUUID();
    await db.transaction().execute((tx) => write(tx, tag, 5));
    await seal(db);
    expect(await verify(db)).toMatchObject({ ok: true, unsealed: 0, signature: "valid" });
    const [, , victim, next] = await entriesOf(db, tag);
    if (!victim || !next) throw new Error("entries missing");

    // A changed entry no longer matches its own hash.
    await sql`update audit_log set diff = '{"z": 99}'::jsonb where id = ${victim.id}`.execute(db);
    try {
      expect(await verify(db)).toMatchObject({ ok: false, brokenAt: victim.id, reason: "hash_mismatch" });
    } finally {
      await db
        .updateTable("audit_log")
        .set({ diff: JSON.stringify(victim.diff) })
        .where("id", "=", victim.id)
        .execute();
    }
    expect(await verify(db)).toMatchObject({ ok: true });

    // A removed entry leaves the next one pointing at a hash that is no longer there.
    await db.deleteFrom("audit_log").where("id", "=", victim.id).execute();
    try {
      expect(await verify(db)).toMatchObject({ ok: false, brokenAt: next.id, reason: "prev_hash_mismatch" });
    } finally {
      await db
        .insertInto("audit_log")
        .values({ ...victim, diff: JSON.stringify(victim.diff) })
        .execute();
    }
    expect(await verify(db)).toMatchObject({ ok: true });
  });

  it("notices the last entries removed, though every remaining link holds", async () => {
    const { db } = app().fyr.deps;
    const tag = randomUUID();
    await write(db, tag, 2);
    await seal(db);
    const last = (await entriesOf(db, tag)).at(-1);
    if (!last) throw new Error("entry missing");
    await db.deleteFrom("audit_log").where("id", "=", last.id).execute();
    try {
      expect(await verify(db)).toMatchObject({ ok: false, reason: "head_mismatch" });
    } finally {
      await db
        .insertInto("audit_log")
        .values({ ...last, diff: JSON.stringify(last.diff) })
        .execute();
    }
    expect(await verify(db)).toMatchObject({ ok: true });
  });

  it("refuses a chain recomputed by someone without the anchor key", async () => {
    const { db } = app().fyr.deps;
    const tag = randomUUID();
    await write(db, tag, 3);
    await seal(db);
    const headRow = await readSealedHead(db);
    const exported = headRow ? signedHeadOf(headRow) : null;
    if (!exported) throw new Error("no signed head");
    await write(db, `${tag}-later`, 2);
    await seal(db);
    expect(await verify(db, { anchor: exported })).toMatchObject({ ok: true, signature: "valid" });

    // Rewrite one entry, then every hash from there on and the head: each link adds up again.
    const [victim] = await entriesOf(db, tag);
    if (!victim) throw new Error("entry missing");
    const saved = await db.selectFrom("audit_log").selectAll().where("seq", ">=", victim.seq).orderBy("seq").execute();
    const savedHead = await db.selectFrom("audit_head").selectAll().executeTakeFirstOrThrow();
    const rewrite = async () => {
      await sql`update audit_log set actor = 'someone-else' where id = ${victim.id}`.execute(db);
      const rows = await db.selectFrom("audit_log").selectAll().where("seq", ">=", victim.seq).orderBy("seq").execute();
      let prev = rows[0]?.prev_hash ?? GENESIS;
      for (const row of rows) {
        const hash = entryHash(prev, row);
        await db.updateTable("audit_log").set({ prev_hash: prev, hash }).where("id", "=", row.id).execute();
        prev = hash;
      }
      await db.updateTable("audit_head").set({ hash: prev }).execute();
      return prev;
    };
    try {
      const forgedHash = await rewrite();
      // Without the key nothing looks wrong; with it the head's signature gives the rewrite away.
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, signature: "unchecked" });
      expect(await verify(db)).toMatchObject({ ok: false, reason: "head_signature_invalid" });
      // Signing the forged head with a key of one's own does not help either …
      const forged = signHead(anchorKeyFrom(Buffer.alloc(32, 9)), savedHead.seq, forgedHash, new Date());
      await db
        .updateTable("audit_head")
        .set({ key_id: forged.keyId, mac: forged.mac, signed_at: new Date(forged.signedAt) })
        .execute();
      expect(await verify(db)).toMatchObject({ ok: false, reason: "head_other_key" });
      // … and an anchor exported before the rewrite names a hash the chain no longer holds.
      expect(await verifyAuditChain(db, { anchor: exported })).toMatchObject({ ok: false, reason: "anchor_mismatch" });
    } finally {
      for (const row of saved)
        await db
          .updateTable("audit_log")
          .set({ actor: row.actor, prev_hash: row.prev_hash, hash: row.hash })
          .where("id", "=", row.id)
          .execute();
      await db
        .updateTable("audit_head")
        .set({ hash: savedHead.hash, key_id: savedHead.key_id, mac: savedHead.mac, signed_at: savedHead.signed_at })
        .execute();
    }
    expect(await verify(db, { anchor: exported })).toMatchObject({ ok: true, signature: "valid" });
  });

  it("reports entries that have waited too long for their seal", async () => {
    const { db } = app().fyr.deps;
    const tag = randomUUID();
    await write(db, tag, 1);
    // Fresh entries are in flight, not a fault.
    expect(await verify(db)).toMatchObject({ ok: true, unsealed: 1 });
    const [entry] = await entriesOf(db, tag);
    if (!entry) throw new Error("entry missing");
    await sql`update audit_log set written_at = clock_timestamp() - interval '1 minute' where id = ${entry.id}`.execute(
      db,
    );
    expect(await verify(db)).toMatchObject({ ok: false, reason: "unsealed", brokenAt: entry.id, unsealed: 1 });
    await seal(db);
    expect(await verify(db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it("mails the signed head once a day, in a form verify --anchor reads back", async () => {
    const { db } = app().fyr.deps;
    await write(db, randomUUID(), 1);
    await seal(db);
    expect(await mailAnchorIfDue(db, systemClock, "anchors@cert.example")).toBe(true);
    expect(await mailAnchorIfDue(db, systemClock, "anchors@cert.example")).toBe(false);
    const mail = await db
      .selectFrom("mail_messages")
      .select(["recipients", "text_body"])
      .where("recipients", "@>", sql<string[]>`array['anchors@cert.example']`)
      .executeTakeFirstOrThrow();
    const line = mail.text_body.trim().split("\n").at(-1) ?? "";
    const anchor = SignedHead.parse(JSON.parse(line));
    await seal(db);
    expect(await verify(db, { anchor })).toMatchObject({ ok: true, signature: "valid" });
  });

  it("hashes non-ASCII text as read back from the database", async () => {
    const { db } = app().fyr.deps;
    const actor: Actor = {
      kind: "user",
      userId: randomUUID(),
      email: "åsa.öberg@exempel.se",
      name: "Åsa Öberg",
      userKind: "staff",
      organisationId: null,
      roles: ["analyst"],
      via: "session",
      tokenId: null,
    };
    const diff = {
      rubrik: "Intrång hos Ärlig Åkeri AB 🔥",
      "ö-nyckel": ["👩‍👩‍👧", "naïve café", "line\u2028separator", 'tab\tand "quotes"'],
      Ä: { ß: "straße", "😀": 1.5 },
    };
    await appendAudit(db, systemClock, {
      actor,
      action: "test.unicode",
      target: { type: "rapport", id: "FYR-2026-Ö🔒" },
      diff,
      ip: "192.0.2.7",
    });
    await appendAudit(db, systemClock, { actor: systemActor("händelse-🦊"), action: "test.unicode", diff: "å" });
    await seal(db);
    expect(await verify(db)).toMatchObject({ ok: true });
    const rows = await db
      .selectFrom("audit_log")
      .select(["actor", "target_id", "diff"])
      .where("action", "=", "test.unicode")
      .orderBy("id")
      .execute();
    expect(rows).toEqual([
      { actor: "åsa.öberg@exempel.se", target_id: "FYR-2026-Ö🔒", diff },
      { actor: "system:händelse-🦊", target_id: null, diff: "å" },
    ]);
  });

  it("keeps the chain intact under concurrent writers, including ones that roll back", async () => {
    const { db } = app().fyr.deps;
    const tag = randomUUID();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (tx) => {
          await appendAudit(tx, systemClock, { actor: systemActor("w"), action: tag, diff: { i, step: 1 } });
          await new Promise((r) => setTimeout(r, i % 3));
          await appendAudit(tx, systemClock, { actor: systemActor("w"), action: tag, diff: { i, step: 2 } });
          if (i % 5 === 4) throw new Error("abort");
        }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(4);
    await seal(db);
    const rows = await entriesOf(db, tag);
    expect(rows).toHaveLength(32);
    // Sealed in transaction order: both entries of a transaction sit next to each other.
    for (let k = 0; k < rows.length; k += 2)
      expect((rows[k]?.diff as { i: number }).i).toBe((rows[k + 1]?.diff as { i: number }).i);
    expect(await verify(db)).toMatchObject({ ok: true, unsealed: 0 });
  });

  it("writes nothing and leaves the head alone when the surrounding transaction rolls back", async () => {
    const { db } = app().fyr.deps;
    const tag = randomUUID();
    await appendAudit(db, systemClock, { actor: systemActor("t"), action: "test.before-rollback" });
    await seal(db);
    const head = await readSealedHead(db);
    await expect(
      db.transaction().execute(async (tx) => {
        await appendAudit(tx, systemClock, { actor: systemActor("t"), action: tag });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    await seal(db);
    expect(await entriesOf(db, tag)).toHaveLength(0);
    expect(await readSealedHead(db)).toEqual(head);
  });

  // One connection on PGlite: two transactions cannot be open at once there.
  it.skipIf(!testDatabaseUrl())("lets concurrent writers append at once, and seals in transaction order", async () => {
    const { db } = app().fyr.deps;
    const tag = randomUUID();
    let releaseFirst: () => void = () => undefined;
    const firstMayCommit = new Promise<void>((r) => (releaseFirst = r));
    let firstAppended: () => void = () => undefined;
    const firstHasAppended = new Promise<void>((r) => (firstAppended = r));
    const first = db.transaction().execute(async (tx) => {
      await appendAudit(tx, systemClock, { actor: systemActor("a"), action: tag, diff: { who: "first" } });
      firstAppended();
      await firstMayCommit;
    });
    await firstHasAppended;
    // With one head row locked until commit, this waited for the first transaction: it timed out here.
    const second = db.transaction().execute(async (tx) => {
      await appendAudit(tx, systemClock, { actor: systemActor("b"), action: tag, diff: { who: "second" } });
    });
    const timeout = new Promise<string>((r) => setTimeout(() => r("blocked"), 3000));
    expect(await Promise.race([second.then(() => "committed"), timeout])).toBe("committed");

    // The first transaction is still open: the second's entry may not be sealed yet, or the first's
    // would have to land behind it.
    try {
      await seal(db);
      expect((await entriesOf(db, tag)).map((e) => [(e.diff as { who: string }).who, e.seq])).toEqual([
        ["second", null],
      ]);
    } finally {
      releaseFirst();
      await first;
    }
    await seal(db);
    const sealed = await entriesOf(db, tag);
    expect(sealed.map((e) => (e.diff as { who: string }).who)).toEqual(["first", "second"]);
    expect(await verify(db)).toMatchObject({ ok: true });
  });
});

describe("audit trail migrations", () => {
  it("keeps a trail chained before 0020 verifiable and continues it", async () => {
    const database = await createTestDatabase();
    const { db } = database.handle;
    try {
      // Back to how a database written before 0004 looks, with entries chained the old way.
      await sql`drop table audit_head`.execute(db);
      await sql`drop index audit_log_seq_idx`.execute(db);
      await sql`drop index audit_log_unsealed_idx`.execute(db);
      await sql`alter table audit_log drop column xid, drop column seq, drop column written_at`.execute(db);
      await sql`delete from schema_migrations where name in ('0004_audit_head.sql', '0020_audit_sealer.sql')`.execute(
        db,
      );
      let prev = GENESIS;
      for (let i = 0; i < 3; i++) {
        const e = {
          at: new Date(),
          actor_id: null,
          actor: "system:m",
          action: "old",
          target_type: null,
          target_id: null,
          diff: { i },
          ip: null,
        };
        const hash = entryHash(prev, e);
        await db
          .insertInto("audit_log")
          .values({ ...e, diff: JSON.stringify(e.diff), prev_hash: prev, hash })
          .execute();
        prev = hash;
      }
      await sql`alter table audit_log alter column prev_hash set not null, alter column hash set not null`.execute(db);

      expect(await migrate(database.handle)).toEqual(["0004_audit_head.sql", "0020_audit_sealer.sql"]);
      expect(await readSealedHead(db)).toMatchObject({ seq: 3, hash: prev, mac: null });
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 3, signature: "unchecked" });
      // Not yet signed: the sealer signs the head on its first pass, even with nothing new.
      expect(await verifyAuditChain(db, { key })).toMatchObject({ ok: false, reason: "head_unsigned" });
      await seal(db);
      await write(db, "new", 2);
      await seal(db);
      expect(await verifyAuditChain(db, { key })).toEqual({ ok: true, entries: 5, unsealed: 0, signature: "valid" });
    } finally {
      await database.drop();
    }
  });
});
