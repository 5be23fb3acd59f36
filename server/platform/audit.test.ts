import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../test/support/app.js";
import { appendAudit, canonicalJson, verifyAuditChain } from "./audit.js";
import { systemActor } from "./auth/actor.js";
import { systemClock } from "./clock.js";

describe("audit trail", () => {
  const app = useTestApp();

  it("canonical JSON ignores key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}',
    );
  });

  it("chains entries and names the first one that was tampered with", async () => {
    const { db } = app().fyr.deps;
    const actor = systemActor("test");
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await appendAudit(tx, systemClock, {
          actor,
          action: "test.write",
          target: { type: "thing", id: `t${i}` },
          diff: { z: i, a: { nested: [i, "x"] } },
        });
      }
    });
    const before = await verifyAuditChain(db, 2);
    expect(before.ok).toBe(true);

    const victim = await db
      .selectFrom("audit_log")
      .select("id")
      .where("target_id", "=", "t2")
      .executeTakeFirstOrThrow();
    await sql`update audit_log set diff = '{"z": 99}'::jsonb where id = ${victim.id}`.execute(db);
    const after = await verifyAuditChain(db, 2);
    expect(after).toMatchObject({ ok: false, brokenAt: victim.id, reason: "hash_mismatch" });
    // restore so other tests in this file see an intact chain
    await sql`delete from audit_log`.execute(db);
  });

  it("keeps the chain intact under concurrent writers", async () => {
    const { db } = app().fyr.deps;
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        appendAudit(db, systemClock, { actor: systemActor("w"), action: "test.concurrent", diff: { i } }),
      ),
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it("writes nothing when the surrounding transaction rolls back", async () => {
    const { db } = app().fyr.deps;
    await expect(
      db.transaction().execute(async (tx) => {
        await appendAudit(tx, systemClock, { actor: systemActor("t"), action: "test.rolledback" });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const n = await db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("action", "=", "test.rolledback")
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });
});
