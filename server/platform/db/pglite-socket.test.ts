import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "./connect.js";

// PGlite has one session: a socket client's open transaction must keep the owner's own queries out
// (they would otherwise run inside it, seeing and committing its uncommitted work).
describe.skipIf(Boolean(process.env.FYR_TEST_DATABASE_URL))("the embedded database on its socket", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "fyr-socket-"));
  let owner: DatabaseHandle;
  beforeAll(async () => {
    owner = await openDatabase({ kind: "pglite", dataDir });
    await owner.shareOnSocket?.();
    await sql`create table socket_rows (n int)`.execute(owner.db);
  }, 120_000);
  afterAll(async () => {
    await owner?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const client = async () => {
    const c = new pg.Client({ host: dataDir, port: 5432, user: "fyr", database: "postgres" });
    await c.connect();
    return c;
  };
  const count = async () =>
    Number((await sql<{ n: number }>`select count(*)::int as n from socket_rows`.execute(owner.db)).rows[0]?.n);

  it("keeps the owner's queries out of a client's transaction until it commits", async () => {
    const c = await client();
    try {
      await c.query("begin");
      await c.query("insert into socket_rows values ($1)", [1]);
      let seen: number | undefined;
      const counting = count().then((n) => (seen = n));
      await new Promise((r) => setTimeout(r, 300));
      expect(seen).toBeUndefined(); // waits: it would otherwise run inside the open transaction
      await c.query("commit");
      await counting;
      expect(seen).toBe(1);
    } finally {
      await c.end();
    }
  });

  it("rolls back a client that goes away inside a transaction, and the owner goes on", async () => {
    const before = await count();
    const c = await client();
    await c.query("begin");
    await c.query("insert into socket_rows values (2)");
    const counting = count();
    // The connection drops without COMMIT (a killed command).
    (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    c.on("error", () => undefined);
    expect(await counting).toBe(before);
    // A failed statement leaves no trace either.
    const d = await client();
    try {
      await expect(d.query("select no_such_column from socket_rows")).rejects.toThrow(/no_such_column/);
      expect((await d.query<{ n: number }>("select count(*)::int as n from socket_rows")).rows[0]?.n).toBe(before);
    } finally {
      await d.end();
    }
  });
});
