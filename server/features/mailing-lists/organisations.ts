import type {
  MyList,
  OrganisationSubscription,
  OrganisationSubscriptionInput,
} from "../../../contract/mailing-lists.js";
import { ContactRole } from "../../../contract/constituency.js";
import { type Actor, isMember, systemActor } from "../../platform/auth/actor.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, notFound } from "../../platform/errors.js";
import { getOrganisation } from "../constituency/index.js";
import { auditList } from "./audit.js";
import { selectLists } from "./lists-store.js";
import {
  deleteOrganisationSubscription,
  selectOrganisationSubscriptions,
  upsertOrganisationSubscription,
} from "./organisations-store.js";
import { assertMayManageLists } from "./policy.js";
import { requireList } from "./subscribers.js";

// An organisation's contacts on a list: put there by list managers, or by a member for their own
// organisation (/api/v1/my/lists). Registry contacts are verified (issue 14's yearly confirmation), so
// they need no opt-in mail; each one may still unsubscribe themselves (an opt-out keeps them off).
// Organisations are read through the constituency's service, as Fyr (the list manager need not read
// the registry; a member reaches only their own organisation).

const registry = (ctx: ServiceContext): ServiceContext => ({ ...ctx, actor: systemActor("mailing-lists") });
const roles = (r: string[]) => r.flatMap((x) => (ContactRole.safeParse(x).success ? [ContactRole.parse(x)] : []));

export async function listOrganisationSubscriptions(
  ctx: ServiceContext,
  listId: string,
): Promise<{ items: OrganisationSubscription[] }> {
  assertMayManageLists(ctx.actor);
  await requireList(ctx, listId);
  const rows = await selectOrganisationSubscriptions(ctx.db, { listId });
  const items: OrganisationSubscription[] = [];
  for (const r of rows) {
    const org = await getOrganisation(registry(ctx), r.organisation_id);
    items.push({
      list: r.list_id,
      organisation: { id: org.id, name: org.name },
      roles: roles(r.roles),
      createdAt: r.created_at.toISOString(),
    });
  }
  return { items };
}

/** Puts (or keeps, with these roles) an organisation's contacts on a list. */
export async function subscribeOrganisation(
  ctx: ServiceContext,
  listId: string,
  organisationId: string,
  input: OrganisationSubscriptionInput,
): Promise<OrganisationSubscription> {
  if (!isMember(ctx.actor)) assertMayManageLists(ctx.actor);
  await requireList(ctx, listId);
  const org = await getOrganisation(registry(ctx), organisationId);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await upsertOrganisationSubscription(tx, {
      listId,
      organisationId,
      roles: input.roles,
      by: userId(ctx.actor),
      at: now,
    });
    await auditList({ ...ctx, db: tx }, tx, "lists.organisation_subscribed", listId, {
      organisation: org.name,
      roles: input.roles,
    });
  });
  return {
    list: listId,
    organisation: { id: org.id, name: org.name },
    roles: input.roles,
    createdAt: now.toISOString(),
  };
}

export async function unsubscribeOrganisation(ctx: ServiceContext, listId: string, organisationId: string) {
  if (!isMember(ctx.actor)) assertMayManageLists(ctx.actor);
  await requireList(ctx, listId);
  const org = await getOrganisation(registry(ctx), organisationId);
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await deleteOrganisationSubscription(tx, listId, organisationId)))
      throw notFound("list_organisation_not_subscribed", "The organisation is not on this list");
    await auditList({ ...ctx, db: tx }, tx, "lists.organisation_unsubscribed", listId, { organisation: org.name });
  });
}

const userId = (actor: Actor) => (actor.kind === "user" ? actor.userId : null);

/** The member API: the member's own organisation, never another's (any id but theirs is not accepted). */
function ownOrganisation(ctx: ServiceContext): string {
  if (!isMember(ctx.actor)) throw new AppError("members_only", "forbidden", "Only members call the member API");
  return ctx.actor.organisationId;
}

/** Every public list, and whether the member's organisation is on it (with which contacts' roles). */
export async function listMyLists(ctx: ServiceContext): Promise<{ items: MyList[] }> {
  const organisationId = ownOrganisation(ctx);
  const [lists, subs] = await Promise.all([
    selectLists(ctx.db),
    selectOrganisationSubscriptions(ctx.db, { organisationId }),
  ]);
  return {
    items: lists
      .filter((l) => l.public)
      .map((l) => {
        const s = subs.find((x) => x.list_id === l.id);
        return {
          id: l.id,
          name: { sv: l.name_sv, en: l.name_en },
          description: { sv: l.description_sv, en: l.description_en },
          subscribed: s !== undefined,
          roles: s ? roles(s.roles) : [],
        };
      }),
  };
}

async function requirePublicList(ctx: ServiceContext, listId: string) {
  const list = await requireList(ctx, listId);
  if (!list.public) throw notFound("list_not_found", `No list ${listId}`);
}

export async function subscribeMyOrganisation(
  ctx: ServiceContext,
  listId: string,
  input: OrganisationSubscriptionInput,
) {
  const organisationId = ownOrganisation(ctx);
  await requirePublicList(ctx, listId);
  return subscribeOrganisation(ctx, listId, organisationId, input);
}

export async function unsubscribeMyOrganisation(ctx: ServiceContext, listId: string) {
  const organisationId = ownOrganisation(ctx);
  await requirePublicList(ctx, listId);
  return unsubscribeOrganisation(ctx, listId, organisationId);
}
