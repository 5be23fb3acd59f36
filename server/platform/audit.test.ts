import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../test/support/app.js";
import { createTestDatabase } from "../../test/support/db.js";
import { appendAudit, canonicalJson, verifyAuditChain } from "./audit.js";
import { type Actor, systemActor } from "./auth/actor.js";
import { systemClock } from "./clock.js";
import type { Db } from "./db/connect.js";
import { migrate } from "./db/migrate.js";

const GENESIS = "0".repeat(64);

async function auditHead(db: Db): Promise<{ prev_hash: string; hash: string }> {
  return db.selectFrom("audit_head").select(["prev_hash", "hash"]).executeTakeFirstOrThrow();
}

describe("audit trail", () => {
  const app = useTestApp();

  it("canonical JSON ignores key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}',
    );
  });

  it("chains entries and names the first one that was tampered with", async () => {
    const { db } = app().fyr.deps;
    const tag = randomUUID();
    const actor = systemActor("test");
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await appendAudit(tx, systemClock, {
          actor,
          action: "test.write",
          target: { type: tag, id: `t${i}` },
          diff: { z: i, a: { nested: [i, "x"] } },
        });
      }
    });
    expect(await verifyAuditChain(db, 2)).toMatchObject({ ok: true });
    const ours = await db.selectFrom("audit_log").selectAll().where("target_type", "=", tag).orderBy("id").execute();
    const [, , victim, next] = ours;
    if (!victim || !next) throw new Error("entries missing");

    // A changed entry no longer matches its own hash.
    await sql`update audit_log set diff = '{"z": 99}'::jsonb where id = ${victim.id}`.execute(db);
    try {
      expect(await verifyAuditChain(db, 2)).toMatchObject({ ok: false, brokenAt: victim.id, reason: "hash_mismatch" });
    } finally {
      await db
        .updateTable("audit_log")
        .set({ diff: JSON.stringify(victim.diff) })
        .where("id", "=", victim.id)
        .execute();
    }
    expect(await verifyAuditChain(db, 2)).toMatchObject({ ok: true });

    // A removed entry leaves the next one pointing at a hash that is no longer there.
    await db.deleteFrom("audit_log").where("id", "=", victim.id).execute();
    try {
      expect(await verifyAuditChain(db, 2)).toMatchObject({
        ok: false,
        brokenAt: next.id,
        reason: "prev_hash_mismatch",
      });
    } finally {
      await db
        .insertInto("audit_log")
        .values({ ...victim, diff: JSON.stringify(victim.diff) })
        .execute();
    }
    expect(await verifyAuditChain(db, 2)).toMatchObject({ ok: true });
  });

  it("hashes non-ASCII text in the database exactly as verification does in Node", async () => {
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

    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
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
    // Each transaction appends, pauses while holding the head, then appends again, so writers
    // queue on the lock; every fifth one rolls back after its appends.
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        db.transaction().execute(async (tx) => {
          await appendAudit(tx, systemClock, { actor: systemActor("w"), action: tag, diff: { i, step: 1 } });
          await sleep(i % 3);
          await appendAudit(tx, systemClock, { actor: systemActor("w"), action: tag, diff: { i, step: 2 } });
          if (i % 5 === 4) throw new Error("abort");
        }),
      ),
    );
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(4);
    const rows = await db.selectFrom("audit_log").select("diff").where("action", "=", tag).orderBy("id").execute();
    expect(rows).toHaveLength(32);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("writes nothing and leaves the head alone when the surrounding transaction rolls back", async () => {
    const { db } = app().fyr.deps;
    const tag = randomUUID();
    await appendAudit(db, systemClock, { actor: systemActor("t"), action: "test.before-rollback" });
    const head = await auditHead(db);
    await expect(
      db.transaction().execute(async (tx) => {
        await appendAudit(tx, systemClock, { actor: systemActor("t"), action: tag });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const n = await db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", tag)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    expect(await auditHead(db)).toEqual(head);
  });
});

describe("audit_head migration", () => {
  it("starts an empty trail at genesis and continues an existing one", async () => {
    const database = await createTestDatabase();
    const { db } = database.handle;
    try {
      // A fresh database was migrated with an empty audit_log.
      expect(await auditHead(db)).toEqual({ prev_hash: GENESIS, hash: GENESIS });
      for (let i = 0; i < 3; i++)
        await appendAudit(db, systemClock, { actor: systemActor("m"), action: "old", diff: { i } });
      const last = await db
        .selectFrom("audit_log")
        .select(["prev_hash", "hash"])
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();

      // Back to how a database written before 0004 looks, then upgrade it.
      await sql`drop table audit_head`.execute(db);
      await sql`delete from schema_migrations where name = '0004_audit_head.sql'`.execute(db);
      expect(await migrate(database.handle)).toEqual(["0004_audit_head.sql"]);
      expect(await auditHead(db)).toEqual(last);

      for (let i = 0; i < 2; i++)
        await appendAudit(db, systemClock, { actor: systemActor("m"), action: "new", diff: { i } });
      expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 5 });
    } finally {
      await database.drop();
    }
  });
});
