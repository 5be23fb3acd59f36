import type { Db } from "../../platform/db/connect.js";

// The registry's version row (migration 0039): every write moves it in its own transaction, so every
// process's owner index (owner-index.ts) sees that it must rebuild. The row's lock also puts registry
// writes one after another, which they can afford (staff edits, an import's one transaction).

/** Moves the registry's version on; call in the transaction of every registry write. */
export async function bumpRegistryVersion(tx: Db, at: Date): Promise<number> {
  const row = await tx
    .updateTable("constituency_registry_version")
    .set((eb) => ({ version: eb("version", "+", 1), changed_at: at }))
    .where("singleton", "=", true)
    .returning("version")
    .executeTakeFirstOrThrow();
  return row.version;
}

/** Which registry this database holds, and its current version. */
export async function readRegistryVersion(db: Db): Promise<{ registryId: string; version: number }> {
  const row = await db
    .selectFrom("constituency_registry_version")
    .select(["registry_id", "version"])
    .executeTakeFirstOrThrow();
  return { registryId: row.registry_id, version: row.version };
}
