import { z } from "zod";
import { RSIT_CLASSES } from "./rsit.js";

// Playbooks (/api/v1/playbooks): admin-editable templates of tasks with checklists, offered per RSIT
// class and written in both Swedish and English; applying one adds its tasks to an incident in one
// language (contract/tasks.ts).

/** An RSIT class as the machinetag names it (contract/rsit.ts, generated from it). */
export const RsitClassName = z.enum(RSIT_CLASSES.map((c) => c.value));
export type RsitClassName = z.infer<typeof RsitClassName>;

export const PLAYBOOK_MAX_TASKS = 50;
export const PLAYBOOK_MAX_CHECKLIST = 30;

/** A text in both working languages. */
const bilingual = (min: number, max: number) =>
  z.object({ sv: z.string().trim().min(min).max(max), en: z.string().trim().min(min).max(max) });

export const PlaybookTaskTemplate = z.object({
  title: bilingual(1, 300),
  checklist: z.array(bilingual(1, 500)).max(PLAYBOOK_MAX_CHECKLIST).default([]),
});
export type PlaybookTaskTemplate = z.infer<typeof PlaybookTaskTemplate>;

/** A playbook's tasks: 1 to 50, each with 0 to 30 checklist items. */
export const PlaybookTasks = z.array(PlaybookTaskTemplate).min(1).max(PLAYBOOK_MAX_TASKS);
export type PlaybookTasks = z.infer<typeof PlaybookTasks>;

const Name = bilingual(1, 200);
const Description = bilingual(0, 4000);

export const PlaybookCreate = z
  .object({
    /** The RSIT class it is offered for; null offers it for every class. */
    rsitClass: RsitClassName.nullable().default(null),
    name: Name,
    description: Description.default({ sv: "", en: "" }),
    tasks: PlaybookTasks,
  })
  .strict();
export type PlaybookCreate = z.infer<typeof PlaybookCreate>;
export type PlaybookCreateInput = z.input<typeof PlaybookCreate>;

/** A PATCH names the version it read; a stale one is a 409 version_conflict. */
export const PlaybookPatch = z
  .object({
    version: z.number().int().min(1),
    rsitClass: RsitClassName.nullable().optional(),
    name: Name.optional(),
    description: Description.optional(),
    tasks: PlaybookTasks.optional(),
  })
  .strict();
export type PlaybookPatch = z.infer<typeof PlaybookPatch>;

export const PlaybookParams = z.object({ id: z.uuid() });

export const PlaybooksQuery = z.object({
  /** Those for this class plus those for every class; absent: all. */
  class: RsitClassName.optional(),
});
export type PlaybooksQuery = z.infer<typeof PlaybooksQuery>;

export const Playbook = z.object({
  id: z.string(),
  rsitClass: z.string().nullable(),
  name: z.object({ sv: z.string(), en: z.string() }),
  description: z.object({ sv: z.string(), en: z.string() }),
  tasks: z.array(
    z.object({
      title: z.object({ sv: z.string(), en: z.string() }),
      checklist: z.array(z.object({ sv: z.string(), en: z.string() })),
    }),
  ),
  version: z.number().int(),
  updatedAt: z.string(),
  /** Set once archived (deleted): no longer offered; tasks already applied keep pointing at it. */
  archivedAt: z.string().nullable(),
});
export type Playbook = z.infer<typeof Playbook>;

export const PlaybooksList = z.object({ items: z.array(Playbook) });
export type PlaybooksList = z.infer<typeof PlaybooksList>;
