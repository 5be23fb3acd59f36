import type { Inhibition, InhibitionCreate } from "../../../contract/constituency.js";
import type { ServiceContext } from "../../platform/deps.js";
import { invalid, notFound } from "../../platform/errors.js";
import { audit } from "./audit.js";
import { deleteInhibition, insertInhibition, selectNetworks } from "./holdings-store.js";
import { presentInhibition } from "./present.js";
import { lockOrganisation, touchOrganisation } from "./update-organisation.js";

// "Do not notify" (certbund-contact's inhibitions): the organisation, or one of its networks, is not told
// of events of the given RSIT types (or `*`: any) until the inhibition expires. The owner match answers
// them beside each owner, so the feeds' notifier skips without a second read.

/** Adds an inhibition to the organisation (or one of its networks). */
export async function addInhibition(
  ctx: ServiceContext,
  organisationId: string,
  input: InhibitionCreate,
): Promise<Inhibition> {
  return ctx.db.transaction().execute(async (tx) => {
    const org = await lockOrganisation(ctx, tx, organisationId);
    if (input.networkId && !(await selectNetworks(tx, organisationId)).some((n) => n.id === input.networkId))
      throw invalid("validation_failed", "The network is not this organisation's", [
        { path: "body.networkId", message: "not a network of this organisation", code: "unknown_value" },
      ]);
    const at = ctx.clock.now();
    const row = await insertInhibition(tx, {
      organisation_id: organisationId,
      network_id: input.networkId ?? null,
      classification_types: [...new Set(input.classificationTypes)],
      reason: input.reason ?? "",
      expires_at: input.expiresAt ? new Date(input.expiresAt) : null,
      created_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      created_at: at,
    });
    await touchOrganisation(ctx, tx, org);
    await audit(ctx, tx, "constituency.inhibition_added", organisationId, {
      inhibition: row.id,
      network: row.network_label,
      classificationTypes: row.classification_types,
      reason: row.reason,
      expiresAt: input.expiresAt ?? null,
    });
    return presentInhibition(row, at);
  });
}

/** Removes an inhibition. */
export async function removeInhibition(ctx: ServiceContext, organisationId: string, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const org = await lockOrganisation(ctx, tx, organisationId);
    if (!(await deleteInhibition(tx, organisationId, id)))
      throw notFound("organisation_item_not_found", `No inhibition ${id} on this organisation`);
    await touchOrganisation(ctx, tx, org);
    await audit(ctx, tx, "constituency.inhibition_removed", organisationId, { inhibition: id });
  });
}
