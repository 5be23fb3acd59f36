import type { MatchValue, OwnerMatch } from "../../../contract/constituency.js";
import type { ServiceContext } from "../../platform/deps.js";
import type { OwnerQuery } from "./owner-index.js";
import { currentOwnerIndex } from "./owner-index-state.js";
import { assertMayReadRegistry } from "./policy.js";

// Who owns a value: answered from the in-memory owner index (owner-index.ts), which this process builds
// from the database and keeps up with the registry's version (migration 0039) — whoever moved it, this
// process, another one or the CLI's import (owner-index-state.ts). Each call reads the version (one
// indexed row), so a match answers from the registry as of the last committed write, but for a change
// too large to apply as a delta (an import), which comes in once the new index is built beside the old.

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
