import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/support/db.js";
import { testDatabaseUrl } from "../../../test/support/template.js";
import { openDatabase } from "./connect.js";
import { migrate, pendingMigrations } from "./migrate.js";

describe("migrations", () => {
  it("are recorded and not applied twice", async () => {
    const t = await createTestDatabase();
    try {
      expect(await pendingMigrations(t.handle.db)).toEqual([]);
      expect(await migrate(t.handle)).toEqual([]);
    } finally {
      await t.drop();
    }
  });

  it.skipIf(!testDatabaseUrl())("do not race when two processes start together (PostgreSQL)", async () => {
    const t = await createTestDatabase();
    try {
      const url = t.url ?? "";
      // Empty the database so both openers find every migration pending.
      await sql`drop schema public cascade; create schema public`.execute(t.handle.db);
      const a = await openDatabase({ kind: "postgres", url, poolSize: 2 });
      const b = await openDatabase({ kind: "postgres", url, poolSize: 2 });
      try {
        const [ra, rb] = await Promise.all([migrate(a), migrate(b)]);
        // Exactly one of them applied each migration; the other found it done.
        expect([...ra, ...rb].sort()).toEqual([...new Set([...ra, ...rb])].sort());
        expect(ra.length + rb.length).toBeGreaterThan(0);
        expect(await pendingMigrations(a.db)).toEqual([]);
      } finally {
        await a.close();
        await b.close();
      }
    } finally {
      await t.drop();
    }
  });

  it("roll back a failing migration whole", async () => {
    const t = await createTestDatabase();
    const { mkdtemp, writeFile, readdir, copyFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { MIGRATIONS_DIR } = await import("./migrate.js");
    const dir = await mkdtemp(`${tmpdir()}/fyr-mig-`);
    for (const f of await readdir(MIGRATIONS_DIR)) await copyFile(`${MIGRATIONS_DIR}/${f}`, `${dir}/${f}`);
    await writeFile(`${dir}/9999_broken.sql`, "create table half_done (id int);\nselect * from no_such_table;");
    try {
      await expect(migrate(t.handle, dir)).rejects.toThrow();
      const exists = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables
        where table_name = 'half_done'`.execute(t.handle.db);
      expect(exists.rows[0]?.n).toBe(0);
      expect(await pendingMigrations(t.handle.db, dir)).toEqual(["9999_broken.sql"]);
    } finally {
      await t.drop();
    }
  });
});

describe("case ids", () => {
  it("are time-ordered UUIDv7 for new reports and incidents, so sightings append to the case index", async () => {
    const t = await createTestDatabase();
    try {
      const before = Date.now();
      const rows = await sql<{ id: string }>`select uuid_v7()::text as id from generate_series(1, 3)`.execute(
        t.handle.db,
      );
      for (const { id } of rows.rows) {
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        const ms = parseInt(id.replaceAll("-", "").slice(0, 12), 16);
        expect(ms).toBeGreaterThanOrEqual(before - 5);
        expect(ms).toBeLessThanOrEqual(Date.now() + 5);
      }
      const defaults = await sql<{ table_name: string; column_default: string }>`select table_name, column_default
        from information_schema.columns where column_name = 'id' and table_name in ('reports', 'incidents')
        order by table_name`.execute(t.handle.db);
      expect(defaults.rows.map((r) => [r.table_name, r.column_default])).toEqual([
        ["incidents", "uuid_v7()"],
        ["reports", "uuid_v7()"],
      ]);
    } finally {
      await t.drop();
    }
  });
});
