import type { Playbook, PlaybookCreate, PlaybookPatch } from "../../../contract/playbooks.js";
import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, notFound } from "../../platform/errors.js";
import { assertMayEditPlaybooks } from "./policy.js";
import { presentPlaybook } from "./present.js";
import { type PlaybookRow, insertPlaybook, selectPlaybook, updatePlaybookRow } from "./store.js";

/** An admin writes a new playbook. */
export async function createPlaybook(ctx: ServiceContext, input: PlaybookCreate): Promise<Playbook> {
  assertMayEditPlaybooks(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await insertPlaybook(tx, {
      rsitClass: input.rsitClass,
      name: input.name,
      description: input.description,
      tasksJson: JSON.stringify(input.tasks),
      at: ctx.clock.now(),
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "playbook.created",
      target: { type: "playbook", id: row.id },
      diff: { rsitClass: input.rsitClass, name: input.name, tasks: input.tasks.length },
      ip: ctx.ip ?? null,
    });
    return presentPlaybook(row);
  });
}

// The playbook, locked, still on offer: an archived one is kept for the record and not edited.
async function lockEditable(ctx: ServiceContext, id: string): Promise<PlaybookRow> {
  const row = await selectPlaybook(ctx.db, id, { forUpdate: true });
  if (!row) throw notFound("playbook_not_found", `No playbook ${id}`);
  if (row.archived_at !== null) throw conflict("playbook_archived", "This playbook is archived");
  return row;
}

/** An admin changes a playbook; a stale version is a 409. Tasks already applied are not touched. */
export async function updatePlaybook(ctx: ServiceContext, id: string, patch: PlaybookPatch): Promise<Playbook> {
  assertMayEditPlaybooks(ctx.actor);
  return ctx.db.transaction().execute(async (tx) => {
    const current = await lockEditable({ ...ctx, db: tx }, id);
    if (current.version !== patch.version)
      throw conflict("version_conflict", "The playbook was changed by someone else; reload it");
    const row = await updatePlaybookRow(tx, id, {
      updated_at: ctx.clock.now(),
      ...(patch.rsitClass !== undefined ? { rsit_class: patch.rsitClass } : {}),
      ...(patch.name ? { name_sv: patch.name.sv, name_en: patch.name.en } : {}),
      ...(patch.description ? { description_sv: patch.description.sv, description_en: patch.description.en } : {}),
      ...(patch.tasks ? { tasks: JSON.stringify(patch.tasks) } : {}),
    });
    const { version: _version, ...changed } = patch;
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "playbook.updated",
      target: { type: "playbook", id },
      diff: { ...changed, tasks: patch.tasks?.length, version: row.version },
      ip: ctx.ip ?? null,
    });
    return presentPlaybook(row);
  });
}

/** An admin withdraws a playbook: no longer offered; tasks applied from it stay as they are. */
export async function archivePlaybook(ctx: ServiceContext, id: string): Promise<void> {
  assertMayEditPlaybooks(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    await lockEditable({ ...ctx, db: tx }, id);
    const now = ctx.clock.now();
    await updatePlaybookRow(tx, id, { archived_at: now, updated_at: now });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "playbook.archived",
      target: { type: "playbook", id },
      ip: ctx.ip ?? null,
    });
  });
}
