import { z } from "zod";
import type { YaraMatchPage } from "../../../contract/yara.js";
import type { ServiceContext } from "../../platform/deps.js";
import { notFound } from "../../platform/errors.js";
import { keyset, readKeysetPage } from "../../platform/keyset-page.js";
import { selectRuleMatches } from "./matches-store.js";
import { assertMayReadRules } from "./policy.js";
import { presentMatch } from "./present.js";
import { selectRule } from "./rules-store.js";

const MATCH_KEYS = keyset(z.object({ at: z.iso.datetime(), sha: z.string().regex(/^[0-9a-f]{64}$/) }).strict());

/** A rule's matches, newest first: only files in cases the reader may see, each with those cases. */
export async function listRuleMatches(
  ctx: ServiceContext,
  ruleId: string,
  query: { limit: number; cursor?: string },
): Promise<YaraMatchPage> {
  assertMayReadRules(ctx.actor);
  if (!(await selectRule(ctx.db, ruleId))) throw notFound("yara_rule_not_found", `No YARA rule ${ruleId}`);
  const { rows, nextCursor } = await readKeysetPage(
    query,
    MATCH_KEYS,
    ({ after, limit }) =>
      selectRuleMatches(
        ctx.db,
        ctx.actor,
        ruleId,
        after ? { at: new Date(after.at), sha256: after.sha } : undefined,
        limit,
      ),
    (row) => ({ at: row.matched_at.toISOString(), sha: row.sha256 }),
  );
  return { items: rows.map((r) => presentMatch(ctx.actor, r)), nextCursor };
}
