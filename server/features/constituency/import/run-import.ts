import { appendAudit } from "../../../platform/audit.js";
import type { Db } from "../../../platform/db/connect.js";
import type {
  ConstituencyImportFilters,
  ConstituencyImportFormat,
} from "../../../platform/db/tables/constituency-imports.js";
import { newUuidV7 } from "../../../platform/db/uuid-v7.js";
import type { ServiceContext } from "../../../platform/deps.js";
import { AppError, conflict, notFound } from "../../../platform/errors.js";
import { bumpRegistryVersion } from "../registry-version.js";
import { stageCsvFiles } from "./csv-import.js";
import { type DiffScope, applyDiff, computeDiff } from "./diff-store.js";
import { ImportErrors, type ImportFile } from "./import-files.js";
import {
  type ConstituencyImportRow,
  expirePreviews,
  insertImport,
  lockSource,
  selectImport,
  updateImport,
} from "./imports-store.js";
import { stageRipeFiles } from "./ripe.js";
import { RpslError } from "./rpsl.js";
import {
  analyseStagedRows,
  countOrphanRows,
  deleteOrphanRows,
  deleteStagedRows,
  dropDuplicateRows,
  selectOrphanRows,
} from "./staging-store.js";

// An import in two steps: read (the files into staged rows, the diff against the records of the same
// source and scope stored as a preview) and apply (the diff written in one transaction, audited). The
// CLI does both at once unless --dry-run; the upload screen shows the preview first. An import with
// errors applies nothing unless it was read with skipInvalid (the bad objects are then left out).

export interface ImportInput {
  format: ConstituencyImportFormat;
  files: readonly ImportFile[];
  countries?: readonly string[] | null;
  orgs?: readonly string[] | null;
  skipInvalid?: boolean;
}

/** Previews not applied within a day lose their staged rows. */
const PREVIEW_KEPT_MS = 24 * 3_600_000;
const ORPHANS_REPORTED = 200;

function scopeOf(row: Pick<ConstituencyImportRow, "id" | "format" | "source" | "filters">): DiffScope {
  const filters: ConstituencyImportFilters = row.filters;
  const ripe = row.format === "ripe";
  return {
    importId: row.id,
    source: row.source,
    countries: ripe && filters.countries && filters.countries.length > 0 ? filters.countries : null,
    orgs: ripe && filters.orgs && filters.orgs.length > 0 ? filters.orgs : null,
    byStagedOrgs: !ripe,
    removeOrganisations: ripe,
  };
}

/** Reads an import's files and stores its preview (status preview, or failed when unreadable). */
export async function readImport(ctx: ServiceContext, input: ImportInput): Promise<ConstituencyImportRow> {
  await expirePreviews(ctx.db, new Date(ctx.clock.now().getTime() - PREVIEW_KEPT_MS));
  const id = newUuidV7(ctx.clock.now().getTime());
  const filters: ConstituencyImportFilters = {};
  const countries = [...new Set((input.countries ?? []).map((c) => c.trim().toUpperCase()).filter((c) => c !== ""))];
  const orgs = [...new Set((input.orgs ?? []).map((o) => o.trim()).filter((o) => o !== ""))];
  if (countries.length > 0) filters.countries = countries;
  if (orgs.length > 0) filters.orgs = orgs;
  const source = input.format;
  await insertImport(ctx.db, {
    id,
    format: input.format,
    source,
    filters,
    fileNames: input.files.map((f) => f.name),
    skipInvalid: input.skipInvalid === true,
    createdBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
  });
  const errors = new ImportErrors();
  try {
    let objectsRead: number;
    if (input.format === "ripe") {
      const read = await stageRipeFiles(
        ctx.db,
        id,
        input.files,
        { countries: countries.length > 0 ? new Set(countries) : null, orgs: orgs.length > 0 ? new Set(orgs) : null },
        errors,
      );
      objectsRead = read.objectsRead;
    } else {
      objectsRead = (await stageCsvFiles(ctx.db, id, input.files, orgs.length > 0 ? new Set(orgs) : null, errors))
        .objectsRead;
    }
    await analyseStagedRows(ctx.db);
    await dropDuplicateRows(ctx.db, id);
    await reportOrphans(ctx.db, id, input.files, errors);
    const scope = scopeOf({ id, format: input.format, source, filters });
    const diff = await computeDiff(ctx.db, scope);
    return await ctx.db.transaction().execute(async (tx) => {
      const row = await updateImport(tx, id, {
        status: "preview",
        objects_read: objectsRead,
        counts: JSON.stringify(Object.fromEntries(Object.entries(diff).map(([k, d]) => [k, d.counts]))),
        diff: JSON.stringify(Object.fromEntries(Object.entries(diff).map(([k, d]) => [k, d.samples]))),
        errors: JSON.stringify(errors.kept),
        error_count: errors.count,
      });
      await appendAudit(tx, ctx.clock, {
        actor: ctx.actor,
        action: "constituency_import.read",
        target: { type: "constituency_import", id },
        diff: {
          format: input.format,
          files: input.files.map((f) => f.name),
          filters,
          objectsRead,
          errors: errors.count,
        },
        ip: ctx.ip ?? null,
      });
      if (!row) throw new Error("the import vanished while it was read");
      return row;
    });
  } catch (err) {
    await deleteStagedRows(ctx.db, id);
    const message = err instanceof RpslError || err instanceof AppError ? err.message : String(err);
    await updateImport(ctx.db, id, {
      status: "failed",
      error: message.slice(0, 1000),
      errors: JSON.stringify(errors.kept),
      error_count: errors.count,
    });
    if (err instanceof RpslError) throw new AppError("constituency_import_unreadable", "invalid", err.message);
    throw err;
  }
}

/** Networks and AS numbers whose org: is in none of the files are errors, and left out. */
async function reportOrphans(db: Db, id: string, files: readonly ImportFile[], errors: ImportErrors): Promise<void> {
  const orphans = await selectOrphanRows(db, id, ORPHANS_REPORTED);
  if (orphans.length === 0) return;
  for (const o of orphans) {
    const more = o.rows > 1 ? ` (and ${o.rows - 1} more objects)` : "";
    errors.add(files[o.file_index]?.name ?? "", o.line, `org ${o.org_key}: no organisation object in the files${more}`);
  }
  const total = await countOrphanRows(db, id);
  // Counted once each; the ones past the reported few are still errors.
  for (let i = orphans.length; i < total; i += 1) errors.count += 1;
  await deleteOrphanRows(db, id);
}

/** Applies a preview: its diff (computed again, as the registry is now) in one transaction, audited. */
export async function applyImport(ctx: ServiceContext, id: string): Promise<ConstituencyImportRow> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await selectImport(tx, id, true);
    if (!row) throw notFound("constituency_import_not_found", "No constituency import with this id");
    if (row.status !== "preview") {
      throw conflict("constituency_import_not_preview", `The import is ${row.status}; only a preview can be applied`);
    }
    if (row.error_count > 0 && !row.skip_invalid) {
      throw conflict(
        "constituency_import_has_errors",
        `The import has ${row.error_count} errors: nothing is applied (import again with skip-invalid to leave them out)`,
      );
    }
    await lockSource(tx, row.source);
    const scope = scopeOf(row);
    const diff = await computeDiff(tx, scope);
    const now = ctx.clock.now();
    await applyDiff(tx, scope, now);
    // Every process's owner index is rebuilt once this commits (registry-version.ts, owner-index-state.ts).
    await bumpRegistryVersion(tx, now, "many");
    await deleteStagedRows(tx, id);
    const counts = Object.fromEntries(Object.entries(diff).map(([k, d]) => [k, d.counts]));
    const applied = await updateImport(tx, id, {
      status: "applied",
      counts: JSON.stringify(counts),
      diff: JSON.stringify(Object.fromEntries(Object.entries(diff).map(([k, d]) => [k, d.samples]))),
      applied_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      applied_at: now,
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "constituency_import.apply",
      target: { type: "constituency_import", id },
      diff: { format: row.format, source: row.source, filters: row.filters, counts },
      ip: ctx.ip ?? null,
    });
    if (!applied) throw new Error("the import vanished while it was applied");
    return applied;
  });
}

export async function getImport(ctx: ServiceContext, id: string): Promise<ConstituencyImportRow> {
  const row = await selectImport(ctx.db, id);
  if (!row) throw notFound("constituency_import_not_found", "No constituency import with this id");
  return row;
}
