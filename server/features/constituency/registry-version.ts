import { sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";

// The registry's version row (migration 0039): every write moves it in its own transaction, so every
// process's owner index (owner-index-state.ts) sees that it must catch up. The row's lock also puts
// registry writes one after another, which they can afford (staff edits, an import's one transaction),
// and so versions are numbered in commit order. Beside it, the change log (0070) names the organisations
// each version changed, which lets an index apply a small change as a delta.

/** The channel every registry write notifies on (at its commit): processes following it skip version reads. */
export const REGISTRY_CHANNEL = "fyr_registry";

/** performance.now() of this process's last registry write (owner-index-state.ts reads the version after it). */
export const localRegistryWrite = { at: -Infinity };

/** How long the change log keeps a version: a process behind by more rebuilds its index whole. */
const CHANGES_KEPT_MS = 24 * 3600_000;

/** What a write changed: some organisations (their holdings, names or inhibitions), or too many to name. */
export type RegistryChange = readonly string[] | "many";

/** Moves the registry's version on; call in the transaction of every registry write. */
export async function bumpRegistryVersion(tx: Db, at: Date, changed: RegistryChange): Promise<number> {
  const row = await tx
    .updateTable("constituency_registry_version")
    .set((eb) => ({ version: eb("version", "+", 1), changed_at: at }))
    .where("singleton", "=", true)
    .returning("version")
    .executeTakeFirstOrThrow();
  const ids = changed === "many" || changed.length === 0 ? [null] : [...new Set(changed)];
  await tx
    .insertInto("constituency_registry_changes")
    .values(ids.map((organisation_id) => ({ version: row.version, organisation_id, changed_at: at })))
    .execute();
  await sql`select pg_notify(${REGISTRY_CHANNEL}, '')`.execute(tx);
  localRegistryWrite.at = performance.now();
  await tx
    .deleteFrom("constituency_registry_changes")
    .where("changed_at", "<", new Date(at.getTime() - CHANGES_KEPT_MS))
    .execute();
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

/**
 * The organisations changed after version `after` up to `upTo`, or null when the log cannot say: a
 * version in between changed too many to name, or its rows are gone (pruned, or written before 0070).
 */
export async function readRegistryChanges(db: Db, after: number, upTo: number): Promise<Set<string> | null> {
  if (upTo <= after) return new Set();
  const rows = await db
    .selectFrom("constituency_registry_changes")
    .select(["version", "organisation_id"])
    .where("version", ">", after)
    .where("version", "<=", upTo)
    .execute();
  const versions = new Set<number>();
  const organisations = new Set<string>();
  for (const r of rows) {
    if (r.organisation_id === null) return null;
    versions.add(r.version);
    organisations.add(r.organisation_id);
  }
  return versions.size === upTo - after ? organisations : null;
}
