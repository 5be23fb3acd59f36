import type { CaseFileList } from "../../../contract/evidence.js";
import type { ServiceContext } from "../../platform/deps.js";
import { selectFilesBySha256 } from "./case-files-store.js";
import { presentCaseFile } from "./present-file.js";
import { selectProfiles } from "./profile-store.js";

/** Every file with this content (SHA-256) in cases the viewer may see, newest first, at most 200. */
export async function filesWithContent(ctx: ServiceContext, sha256: string): Promise<CaseFileList> {
  const rows = await selectFilesBySha256(ctx.db, ctx.actor, sha256.toLowerCase(), 200);
  const profiles = await selectProfiles(
    ctx.db,
    rows.map((r) => r.sha256),
  );
  return { items: rows.map((r) => presentCaseFile(r, profiles.get(r.sha256))) };
}
