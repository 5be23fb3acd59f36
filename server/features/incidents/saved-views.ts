import {
  type SavedView,
  SavedViewFilters,
  type SavedViewInput,
  type SavedViewList,
} from "../../../contract/saved-views.js";
import { appendAudit } from "../../platform/audit.js";
import type { UserActor } from "../../platform/auth/actor.js";
import { inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, forbidden, notFound } from "../../platform/errors.js";
import { readsCases } from "../../platform/tlp.js";
import { type SavedViewRow, deleteSavedView, insertSavedView, selectSavedViews } from "./saved-views-store.js";

function reader(ctx: ServiceContext): UserActor {
  const actor = ctx.actor;
  if (actor.kind !== "user" || !readsCases(actor)) throw forbidden();
  return actor;
}

function present(row: SavedViewRow): SavedView {
  // Filters were checked when saved; a view saved under an older contract that no longer parses
  // opens as the plain list rather than failing the whole list of views.
  const filters = SavedViewFilters.safeParse(row.filters);
  return {
    id: row.id,
    name: row.name,
    filters: filters.success ? filters.data : SavedViewFilters.parse({}),
    createdAt: row.created_at.toISOString(),
  };
}

/** The caller's own saved views, by name. */
export async function listSavedViews(ctx: ServiceContext): Promise<SavedViewList> {
  const actor = reader(ctx);
  const rows = await selectSavedViews(ctx.db, actor.userId);
  return { items: rows.map(present) };
}

/** Saves the caller's filters under a name of their own (409 `saved_view_name_taken` when in use). */
export async function createSavedView(ctx: ServiceContext, input: SavedViewInput): Promise<SavedView> {
  const actor = reader(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const row = await insertSavedView(tx, {
      userId: actor.userId,
      name: input.name,
      filters: input.filters,
      createdAt: ctx.clock.now(),
    });
    if (!row) throw conflict("saved_view_name_taken", `You already have a view called ${input.name}`);
    await appendAudit(tx, ctx.clock, {
      actor,
      action: "saved_view.created",
      target: { type: "saved_view", id: row.id },
      diff: { name: input.name, filters: input.filters },
      ip: ctx.ip ?? null,
    });
    return present(row);
  });
}

/** Deletes one of the caller's views; someone else's answers 404 like a missing one. */
export async function removeSavedView(ctx: ServiceContext, id: string): Promise<void> {
  const actor = reader(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const name = await deleteSavedView(tx, actor.userId, id);
    if (name === undefined) throw notFound("saved_view_not_found", "No such saved view");
    await appendAudit(tx, ctx.clock, {
      actor,
      action: "saved_view.deleted",
      target: { type: "saved_view", id },
      diff: { name },
      ip: ctx.ip ?? null,
    });
  });
}
