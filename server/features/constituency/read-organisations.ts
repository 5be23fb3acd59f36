import { z } from "zod";
import type { Organisation, OrganisationList, OrganisationListQuery } from "../../../contract/constituency.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { selectContacts } from "./contacts-store.js";
import {
  selectAsns,
  selectDomains,
  selectInhibitions,
  selectNetworks,
  selectOtherClaims,
  selectUrlPrefixes,
} from "./holdings-store.js";
import { normaliseAsn, normaliseDomain } from "./names.js";
import {
  type DirectorySearch,
  selectChildren,
  selectOrganisation,
  selectOrganisationAndDescendants,
  selectOrganisationPage,
  selectOrganisationRefs,
} from "./organisations-store.js";
import { assertMayReadRegistry } from "./policy.js";
import { presentNetwork, presentOrganisation, presentSummary } from "./present.js";
import { formatAddress, parseAddress } from "./ranges.js";

const LIST_KEYS = keyset(z.object({ n: z.string(), id: z.uuid() }).strict());

/** Everything on one organisation, read on `db` (a transaction, after a write). */
export async function readOrganisation(db: Db, id: string, now: Date): Promise<Organisation> {
  const row = await selectOrganisation(db, id);
  if (!row) throw notFound("organisation_not_found", `No organisation ${id}`);
  const [parent, children, networks, claims, asns, domains, urlPrefixes, contacts, inhibitions] = await Promise.all([
    row.parent_id ? selectOrganisationRefs(db, [row.parent_id]) : Promise.resolve(new Map()),
    selectChildren(db, id),
    selectNetworks(db, id),
    selectOtherClaims(db, id),
    selectAsns(db, id),
    selectDomains(db, id),
    selectUrlPrefixes(db, id),
    selectContacts(db, id),
    selectInhibitions(db, id),
  ]);
  return presentOrganisation(
    row,
    {
      parent: row.parent_id ? (parent.get(row.parent_id) ?? null) : null,
      children,
      networks: networks.map((n) => presentNetwork(n, claims.get(n.id) ?? [])),
      asns,
      domains,
      urlPrefixes,
      contacts,
      inhibitions,
    },
    now,
  );
}

/** One organisation with everything on it: holdings, contacts, inhibitions, parent and children. */
export async function getOrganisation(ctx: ServiceContext, id: string): Promise<Organisation> {
  assertMayReadRegistry(ctx.actor);
  return readOrganisation(ctx.db, id, ctx.clock.now());
}

/** What a directory query means: words, and whichever of address, domain, AS number it could be. */
export function directorySearch(q: string | undefined): DirectorySearch {
  const text = q?.trim().toLowerCase() ?? "";
  if (text === "") return { words: [], text: null, address: null, domainSuffixes: [], asn: null };
  const address = parseAddress(text);
  const domain = text.includes(".") && !address ? normaliseDomain(text) : null;
  const asn = /^(as)?\d+$/i.test(text) ? normaliseAsn(text) : null;
  const labels = domain?.ok ? domain.value.split(".") : [];
  return {
    words: text.split(/\s+/).filter((w) => w !== ""),
    text,
    address: address ? formatAddress(address.family, address.value) : null,
    // A domain covers its subdomains: `www.exempel.se` finds the holder of `exempel.se`.
    domainSuffixes: labels
      .map((_, i) => labels.slice(i).join("."))
      .filter((d) => d.includes(".") || labels.length === 1),
    asn: asn?.ok ? asn.value : null,
  };
}

/** The directory: organisations by name, filtered by `q` (name, number, address, domain, ASN, contact). */
export async function listOrganisations(ctx: ServiceContext, query: OrganisationListQuery): Promise<OrganisationList> {
  assertMayReadRegistry(ctx.actor);
  const search = directorySearch(query.q);
  const { rows, nextCursor } = await readKeysetPage(
    query,
    LIST_KEYS,
    ({ after, limit }) => selectOrganisationPage(ctx.db, search, after, limit),
    (row) => ({ n: row.name.toLowerCase(), id: row.id }),
  );
  return { items: rows.map(presentSummary), nextCursor };
}

/**
 * The organisation's id and those of every organisation below it (a municipality and its companies):
 * what a member of the organisation may see. 404 for an unknown organisation.
 */
export async function organisationAndChildren(ctx: ServiceContext, id: string): Promise<string[]> {
  const ids = await selectOrganisationAndDescendants(ctx.db, id);
  if (ids.length === 0) throw notFound("organisation_not_found", `No organisation ${id}`);
  return ids;
}
