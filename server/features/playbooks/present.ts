import { type Playbook, PlaybookTasks } from "../../../contract/playbooks.js";
import type { PlaybookRow } from "./store.js";

/**
 * The tasks a playbook row holds, checked against the contract: the column is jsonb, and a row edited
 * outside Fyr (a DBA, a future migration) must fail loudly here rather than apply half a template.
 */
export function playbookTasksOf(row: PlaybookRow): PlaybookTasks {
  return PlaybookTasks.parse(row.tasks);
}

/** A playbook row as the API shows it. */
export function presentPlaybook(row: PlaybookRow): Playbook {
  return {
    id: row.id,
    rsitClass: row.rsit_class,
    name: { sv: row.name_sv, en: row.name_en },
    description: { sv: row.description_sv, en: row.description_en },
    tasks: playbookTasksOf(row),
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
    archivedAt: row.archived_at?.toISOString() ?? null,
  };
}
