import type { Updateable } from "kysely";
import type { Organisation, OrganisationPatch } from "../../../contract/constituency.js";
import type { Db } from "../../platform/db/connect.js";
import type { OrganisationsTable } from "../../platform/db/tables/constituency.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { audit } from "./audit.js";
import {
  type OrganisationRow,
  selectOrganisation,
  selectOrganisationAndDescendants,
  updateOrganisationRow,
} from "./organisations-store.js";
import { assertMayEditRegistry } from "./policy.js";
import { readOrganisation } from "./read-organisations.js";

/** The organisation locked for a change (404 when there is none); the registry's edit rights checked. */
export async function lockOrganisation(ctx: ServiceContext, tx: Db, id: string): Promise<OrganisationRow> {
  assertMayEditRegistry(ctx.actor);
  const row = await selectOrganisation(tx, id, { forUpdate: true });
  if (!row) throw notFound("organisation_not_found", `No organisation ${id}`);
  return row;
}

/**
 * Marks a change to the organisation (its version moves on). A person's edit of an imported organisation
 * sets `edited_at`, after which an import leaves it alone; an import's own writes (a system actor) do not.
 */
export async function touchOrganisation(
  ctx: ServiceContext,
  tx: Db,
  row: OrganisationRow,
  changes: Updateable<OrganisationsTable> = {},
): Promise<number> {
  const at = ctx.clock.now();
  const edited = ctx.actor.kind === "user" && row.origin === "automatic" ? { edited_at: at } : {};
  return updateOrganisationRow(tx, row.id, { ...changes, ...edited }, at);
}

async function assertParentAllowed(tx: Db, id: string, parentId: string): Promise<void> {
  const refuse = (message: string) =>
    invalid("organisation_parent_invalid", message, [{ path: "body.parentId", message, code: "invalid" }]);
  if (parentId === id) throw refuse("an organisation cannot be its own parent");
  if (!(await selectOrganisation(tx, parentId))) throw refuse("no organisation with this id");
  // A parent below the organisation would make a loop of parents.
  if ((await selectOrganisationAndDescendants(tx, id)).includes(parentId))
    throw refuse("the parent is one of the organisation's own children");
}

/** Staff change an organisation's own fields; a stale version is a 409 and changes nothing. */
export async function updateOrganisation(
  ctx: ServiceContext,
  id: string,
  patch: OrganisationPatch,
): Promise<Organisation> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await lockOrganisation(ctx, tx, id);
    if (row.version !== patch.version)
      throw conflict("version_conflict", "The organisation was changed by someone else; reload it");
    if (patch.parentId) await assertParentAllowed(tx, id, patch.parentId);
    const changes: Updateable<OrganisationsTable> = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.orgNumber !== undefined ? { org_number: patch.orgNumber || null } : {}),
      ...(patch.sector !== undefined ? { sector: patch.sector } : {}),
      ...(patch.nis2Entity !== undefined ? { nis2_entity: patch.nis2Entity } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
      ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
      ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      ...(patch.notification !== undefined ? { notification_interval: patch.notification.interval } : {}),
    };
    const version = await touchOrganisation(ctx, tx, row, changes);
    const { version: _read, ...changed } = patch;
    await audit(ctx, tx, "constituency.organisation_updated", id, { ...changed, version });
    return readOrganisation(tx, id, ctx.clock.now());
  });
}
