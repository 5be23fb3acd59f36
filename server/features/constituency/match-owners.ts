import type { MatchValue, OwnerMatch } from "../../../contract/constituency.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { type IndexNetwork, OwnerIndex, type OwnerQuery } from "./owner-index.js";
import { readRegistrySnapshot } from "./owner-index-store.js";
import { assertMayReadRegistry } from "./policy.js";
import { parseAddress } from "./ranges.js";
import { readRegistryVersion } from "./registry-version.js";

// Who owns a value: answered from the in-memory owner index (owner-index.ts), which this process builds
// from the database and rebuilds when the registry's version (migration 0039) has moved — whoever moved
// it, this process, another one or the CLI's import. Each call reads the version (one indexed row), so a
// match never answers from a registry older than the last committed write.

interface Cached {
  version: number;
  index: OwnerIndex;
}
const cache = new Map<string, Cached>();
const building = new Map<string, Promise<Cached>>();

async function buildIndex(db: Db): Promise<Cached> {
  const { version, snapshot } = await db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute(async (tx) => ({
      version: (await readRegistryVersion(tx)).version,
      snapshot: await readRegistrySnapshot(tx),
    }));
  const orgIndex = new Map(snapshot.organisations.map((o, i) => [o.id, i]));
  const org = (id: string) => orgIndex.get(id) ?? -1;
  const networks: IndexNetwork[] = [];
  for (const n of snapshot.networks) {
    const first = parseAddress(n.first);
    const last = parseAddress(n.last);
    if (!first || !last) continue;
    networks.push({
      id: n.id,
      org: org(n.organisation_id),
      family: first.family,
      first: first.value,
      last: last.value,
      label: n.label,
    });
  }
  const index = new OwnerIndex({
    organisations: snapshot.organisations,
    networks,
    asns: snapshot.asns.map((a) => ({ asn: a.asn, org: org(a.organisation_id) })),
    domains: snapshot.domains.map((d) => ({ domain: d.domain, org: org(d.organisation_id) })),
    urlPrefixes: snapshot.urlPrefixes.map((u) => ({ prefix: u.prefix, org: org(u.organisation_id) })),
    inhibitions: snapshot.inhibitions.map((i) => ({
      id: i.id,
      org: org(i.organisation_id),
      networkId: i.network_id,
      types: i.classification_types,
      expiresAt: i.expires_at ? i.expires_at.getTime() : null,
    })),
  });
  return { version, index };
}

/** This process's owner index of the registry `db` holds, rebuilt first when the registry has changed. */
export async function currentOwnerIndex(db: Db): Promise<OwnerIndex> {
  const { registryId, version } = await readRegistryVersion(db);
  const cached = cache.get(registryId);
  if (cached && cached.version >= version) return cached.index;
  // A build already under way may have started before the write this caller saw: then build again.
  for (;;) {
    let pending = building.get(registryId);
    if (!pending) {
      pending = buildIndex(db).finally(() => building.delete(registryId));
      building.set(registryId, pending);
    }
    const built = await pending;
    const now = cache.get(registryId);
    if (!now || now.version < built.version) cache.set(registryId, built);
    if (built.version >= version) return built.index;
  }
}

export interface MatchOptions {
  /** An RSIT type: each answer says whether an inhibition keeps its organisation from being told. */
  type?: string | undefined;
}

/**
 * The owners of an address, domain, AS number or URL (any of them; all given are ranked together), most
 * specific first, each with why it matched and the inhibitions that hold for it.
 */
export async function matchOwners(
  ctx: ServiceContext,
  query: OwnerQuery,
  options: MatchOptions = {},
): Promise<OwnerMatch[]> {
  assertMayReadRegistry(ctx.actor);
  const index = await currentOwnerIndex(ctx.db);
  return index.match(query, ctx.clock.now().getTime(), options.type);
}

/** matchOwners for many values at once (a feed's events), one answer per value in order; one version read. */
export async function matchOwnersBatch(
  ctx: ServiceContext,
  values: readonly (MatchValue | OwnerQuery)[],
  options: MatchOptions = {},
): Promise<OwnerMatch[][]> {
  assertMayReadRegistry(ctx.actor);
  const index = await currentOwnerIndex(ctx.db);
  const now = ctx.clock.now().getTime();
  return values.map((v) => index.match(v, now, options.type));
}
