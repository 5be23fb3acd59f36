import { z } from "zod";
import { INCIDENT_REFERENCE_MAX, UserRef } from "./incidents.js";

// An incident's tasks and their checklists (/api/v1/incidents/{reference}/tasks), by hand or added by
// applying a playbook (contract/playbooks.ts).

export const TaskStatus = z.enum(["open", "done", "cancelled"]);
export type TaskStatus = z.infer<typeof TaskStatus>;
export const TaskLanguage = z.enum(["sv", "en"]);
export type TaskLanguage = z.infer<typeof TaskLanguage>;

const Title = z.string().trim().min(1).max(300);
const Description = z.string().max(10_000);
const Label = z.string().trim().min(1).max(500);
const DueAt = z.iso.datetime({ offset: true });

export const TaskParams = z.object({ reference: z.string().min(1).max(INCIDENT_REFERENCE_MAX), taskId: z.uuid() });
export const TaskItemParams = TaskParams.extend({ itemId: z.uuid() });

export const TaskCreate = z
  .object({
    title: Title,
    description: Description.default(""),
    assigneeId: z.uuid().nullish(),
    dueAt: DueAt.nullish(),
  })
  .strict();
export type TaskCreate = z.infer<typeof TaskCreate>;

/** A PATCH names the version it read; a stale one is a 409 version_conflict. */
export const TaskPatch = z
  .object({
    version: z.number().int().min(1),
    title: Title.optional(),
    description: Description.optional(),
    /** done records who and when; leaving done clears that. */
    status: TaskStatus.optional(),
    assigneeId: z.uuid().nullable().optional(),
    dueAt: DueAt.nullable().optional(),
    /** 1-based place in the incident's list; the others move to make room. */
    position: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();
export type TaskPatch = z.infer<typeof TaskPatch>;

export const TaskItemCreate = z.object({ label: Label }).strict();
export type TaskItemCreate = z.infer<typeof TaskItemCreate>;

export const TaskItemPatch = z.object({ done: z.boolean(), label: Label.optional() }).strict();
export type TaskItemPatch = z.infer<typeof TaskItemPatch>;

export const ApplyPlaybookInput = z
  .object({
    playbookId: z.uuid(),
    /** The language the tasks and checklists are written in on this incident. */
    language: TaskLanguage.default("sv"),
  })
  .strict();
export type ApplyPlaybookInput = z.infer<typeof ApplyPlaybookInput>;

export const TaskItem = z.object({
  id: z.string(),
  label: z.string(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
  doneBy: UserRef.nullable(),
});
export type TaskItem = z.infer<typeof TaskItem>;

export const Task = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  status: TaskStatus,
  assignee: UserRef.nullable(),
  dueAt: z.string().nullable(),
  /** The playbook it came from (both names: the console shows the reader's language). */
  playbook: z.object({ id: z.string(), name: z.object({ sv: z.string(), en: z.string() }) }).nullable(),
  position: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  doneBy: UserRef.nullable(),
  checklist: z.array(TaskItem),
});
export type Task = z.infer<typeof Task>;

export const TasksList = z.object({ items: z.array(Task) });
export type TasksList = z.infer<typeof TasksList>;
