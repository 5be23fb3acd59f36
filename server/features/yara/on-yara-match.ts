import type { ServiceContext } from "../../platform/deps.js";
import { addObservableTag } from "../observables/tag-observable.js";
import { selectCaseIdsHoldingFile } from "./files-store.js";

/** A match just found, as onYaraMatch hears of it. */
export interface YaraMatchFound {
  sha256: string;
  ruleId: string;
  ruleName: string;
  ruleVersion: number;
  identifiers: string[];
}

/**
 * Called once for each new (file, rule) match, as the system, in the transaction that stores the match
 * (scan-pass.ts): whatever it writes commits or vanishes with it. The match becomes the tag
 * `yara:<rule name>` on the file's SHA-256, about the cases holding the file: only someone who sees one
 * of them sees the tag (a match in a TLP:RED incident stays inside it), wherever the value shows.
 */
export async function onYaraMatch(ctx: ServiceContext, match: YaraMatchFound): Promise<void> {
  const caseIds = await selectCaseIdsHoldingFile(ctx.db, match.sha256);
  await addObservableTag(ctx, { type: "sha256", value: match.sha256, tag: `yara:${match.ruleName}`, caseIds });
}
