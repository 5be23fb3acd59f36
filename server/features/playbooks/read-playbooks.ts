import type { Playbook, PlaybooksList, PlaybooksQuery, PlaybookTasks } from "../../../contract/playbooks.js";
import type { ServiceContext } from "../../platform/deps.js";
import type { Db } from "../../platform/db/connect.js";
import { notFound } from "../../platform/errors.js";
import { assertMayReadPlaybooks } from "./policy.js";
import { playbookTasksOf, presentPlaybook } from "./present.js";
import { selectActivePlaybooks, selectPlaybook } from "./store.js";

/** The playbooks on offer; with a class, those for it and those for every class. */
export async function listPlaybooks(ctx: ServiceContext, query: PlaybooksQuery): Promise<PlaybooksList> {
  assertMayReadPlaybooks(ctx.actor);
  const rows = await selectActivePlaybooks(ctx.db, { rsitClass: query.class });
  return { items: rows.map(presentPlaybook) };
}

/** One playbook, archived ones too (tasks applied from it still name it). */
export async function getPlaybook(ctx: ServiceContext, id: string): Promise<Playbook> {
  assertMayReadPlaybooks(ctx.actor);
  const row = await selectPlaybook(ctx.db, id);
  if (!row) throw notFound("playbook_not_found", `No playbook ${id}`);
  return presentPlaybook(row);
}

/** What applying a playbook needs. */
export interface PlaybookTemplate {
  id: string;
  name: { sv: string; en: string };
  tasks: PlaybookTasks;
}

/**
 * A playbook still on offer, for applying to an incident (the incidents feature calls this, not the
 * store), or null when it does not exist or is archived. The caller has already checked who acts.
 */
export async function findActivePlaybook(db: Db, id: string): Promise<PlaybookTemplate | null> {
  const row = await selectPlaybook(db, id);
  if (!row || row.archived_at !== null) return null;
  return { id: row.id, name: { sv: row.name_sv, en: row.name_en }, tasks: playbookTasksOf(row) };
}
