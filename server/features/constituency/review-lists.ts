import { z } from "zod";
import type { DoubleClaimList, ListPageQuery, UnverifiedContactList } from "../../../contract/constituency.js";
import type { ServiceContext } from "../../platform/deps.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { selectUnverifiedContacts } from "./contacts-store.js";
import { selectDoubleClaims } from "./holdings-store.js";
import { assertMayReadRegistry } from "./policy.js";
import { presentContact, verifiedBefore } from "./present.js";

// What staff follow up: ranges claimed by two organisations, contacts nobody has confirmed for a year.

const CLAIM_KEYS = keyset(z.object({ f: z.string().max(45), l: z.string().max(45) }).strict());
const CONTACT_KEYS = keyset(z.object({ v: z.iso.datetime(), id: z.uuid() }).strict());

/**
 * The same exact range held by two or more organisations (overlaps are fine: the most specific wins; an
 * identical range is a conflict someone must settle), in address order.
 */
export async function listDoubleClaims(ctx: ServiceContext, query: ListPageQuery): Promise<DoubleClaimList> {
  assertMayReadRegistry(ctx.actor);
  const { rows, nextCursor } = await readKeysetPage(
    query,
    CLAIM_KEYS,
    ({ after, limit }) => selectDoubleClaims(ctx.db, after, limit),
    (row) => ({ f: row.first_address, l: row.last_address }),
  );
  return {
    items: rows.map((r) => ({
      first: r.first_address,
      last: r.last_address,
      label: r.label,
      claims: r.claims.map((c) => ({
        networkId: c.networkId,
        organisation: { id: c.organisationId, name: c.name },
        origin: c.origin,
      })),
    })),
    nextCursor,
  };
}

/** Contacts not confirmed within a year (never confirmed first), for staff to chase. */
export async function listUnverifiedContacts(
  ctx: ServiceContext,
  query: ListPageQuery,
): Promise<UnverifiedContactList> {
  assertMayReadRegistry(ctx.actor);
  const now = ctx.clock.now();
  const { rows, nextCursor } = await readKeysetPage(
    query,
    CONTACT_KEYS,
    ({ after, limit }) => selectUnverifiedContacts(ctx.db, verifiedBefore(now), after, limit),
    (row) => ({ v: (row.last_verified_at ?? new Date(0)).toISOString(), id: row.id }),
  );
  return {
    items: rows.map((r) => ({
      ...presentContact(r, now),
      organisation: { id: r.organisation_id, name: r.organisation_name },
    })),
    nextCursor,
  };
}
