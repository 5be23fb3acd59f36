import type { Asn, Domain, Network, UrlPrefix } from "../../../contract/constituency.js";
import { inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, notFound } from "../../platform/errors.js";
import { audit } from "./audit.js";
import { writeHoldings } from "./create-organisation.js";
import { type ParsedHoldings, parseOneHolding } from "./holdings-input.js";
import { type HoldingKind, deleteHolding, selectOtherClaims } from "./holdings-store.js";
import { presentAsn, presentDomain, presentNetwork, presentUrlPrefix } from "./present.js";
import { lockOrganisation, touchOrganisation } from "./update-organisation.js";

// One holding at a time onto an organisation, and off it: each checked (400 naming the field), refused
// when the organisation holds it already (409), audited, and the registry's version moved on.

/** The audit actions, per kind (auditWords.actions.constituency.* in the web's words). */
const ACTIONS = {
  network: { added: "constituency.network_added", removed: "constituency.network_removed" },
  asn: { added: "constituency.asn_added", removed: "constituency.asn_removed" },
  domain: { added: "constituency.domain_added", removed: "constituency.domain_removed" },
  urlPrefix: { added: "constituency.url_prefix_added", removed: "constituency.url_prefix_removed" },
} as const;

const EMPTY: ParsedHoldings = { networks: [], asns: [], domains: [], urlPrefixes: [] };
const exists = () => conflict("organisation_holding_exists", "The organisation already holds this");

async function addHolding<T>(
  ctx: ServiceContext,
  organisationId: string,
  holdings: ParsedHoldings,
  kind: HoldingKind,
  pick: (
    written: Awaited<ReturnType<typeof writeHoldings>>,
    tx: Parameters<typeof selectOtherClaims>[0],
  ) => Promise<T | undefined>,
  describe: (item: T) => unknown,
): Promise<T> {
  return inTransaction(ctx.db, async (tx) => {
    const row = await lockOrganisation(ctx, tx, organisationId);
    const item = await pick(await writeHoldings(tx, organisationId, holdings), tx);
    if (item === undefined) throw exists();
    await touchOrganisation(ctx, tx, row);
    await audit(ctx, tx, ACTIONS[kind].added, organisationId, {
      [kind]: describe(item),
    });
    return item;
  });
}

/** Adds a network (CIDR, address or `a - b`) to the organisation. */
export async function addNetwork(ctx: ServiceContext, organisationId: string, network: string): Promise<Network> {
  const { networks } = parseOneHolding({ networks: [network] }, "network");
  return addHolding(
    ctx,
    organisationId,
    { ...EMPTY, networks },
    "network",
    async (w, tx) => {
      const n = w.networks[0];
      return n ? presentNetwork(n, (await selectOtherClaims(tx, organisationId)).get(n.id) ?? []) : undefined;
    },
    (n) => n.label,
  );
}

export async function addAsn(ctx: ServiceContext, organisationId: string, asn: number | string): Promise<Asn> {
  const { asns } = parseOneHolding({ asns: [asn] }, "asn");
  return addHolding(
    ctx,
    organisationId,
    { ...EMPTY, asns },
    "asn",
    async (w) => (w.asns[0] ? presentAsn(w.asns[0]) : undefined),
    (a) => a.asn,
  );
}

export async function addDomain(ctx: ServiceContext, organisationId: string, domain: string): Promise<Domain> {
  const { domains } = parseOneHolding({ domains: [domain] }, "domain");
  return addHolding(
    ctx,
    organisationId,
    { ...EMPTY, domains },
    "domain",
    async (w) => (w.domains[0] ? presentDomain(w.domains[0]) : undefined),
    (d) => d.domain,
  );
}

export async function addUrlPrefix(ctx: ServiceContext, organisationId: string, prefix: string): Promise<UrlPrefix> {
  const { urlPrefixes } = parseOneHolding({ urlPrefixes: [prefix] }, "prefix");
  return addHolding(
    ctx,
    organisationId,
    { ...EMPTY, urlPrefixes },
    "urlPrefix",
    async (w) => (w.urlPrefixes[0] ? presentUrlPrefix(w.urlPrefixes[0]) : undefined),
    (u) => u.prefix,
  );
}

/** Takes a network, AS number, domain or URL prefix off the organisation (404 when it holds no such). */
export async function removeHolding(
  ctx: ServiceContext,
  organisationId: string,
  kind: HoldingKind,
  id: string,
): Promise<void> {
  await inTransaction(ctx.db, async (tx) => {
    const row = await lockOrganisation(ctx, tx, organisationId);
    const removed = await deleteHolding(tx, kind, organisationId, id);
    if (!removed) throw notFound("organisation_item_not_found", `No such item on organisation ${organisationId}`);
    await touchOrganisation(ctx, tx, row);
    const { label, asn, domain, prefix, origin, source } = removed;
    await audit(ctx, tx, ACTIONS[kind].removed, organisationId, {
      [kind]: label ?? asn ?? domain ?? prefix,
      origin,
      source,
    });
  });
}

export const removeNetwork = (ctx: ServiceContext, organisationId: string, id: string) =>
  removeHolding(ctx, organisationId, "network", id);
export const removeAsn = (ctx: ServiceContext, organisationId: string, id: string) =>
  removeHolding(ctx, organisationId, "asn", id);
export const removeDomain = (ctx: ServiceContext, organisationId: string, id: string) =>
  removeHolding(ctx, organisationId, "domain", id);
export const removeUrlPrefix = (ctx: ServiceContext, organisationId: string, id: string) =>
  removeHolding(ctx, organisationId, "urlPrefix", id);
