import type { Playbook, PlaybookCreate, PlaybookPatch } from "../../../../contract/playbooks.js";
import { RsitClassName } from "../../../../contract/playbooks.js";

// The playbook editor's working copy: every text in both languages, edited side by side, turned into
// the API's create or patch body on save. Pure functions so the editing rules are tested without a DOM.

export interface Bilingual {
  sv: string;
  en: string;
}

export interface TaskDraft {
  /** A stable key for React while tasks are added, removed and moved (not sent to the server). */
  key: string;
  title: Bilingual;
  checklist: { key: string; text: Bilingual }[];
}

export interface PlaybookDraft {
  rsitClass: RsitClassName | "";
  name: Bilingual;
  description: Bilingual;
  tasks: TaskDraft[];
}

let counter = 0;
function nextKey(): string {
  counter += 1;
  return `k${counter}`;
}

/** The text in the reader's language (Swedish unless English is chosen). */
export function inLanguage(text: Bilingual, language: string): string {
  return language === "en" ? text.en : text.sv;
}

const blank = (): Bilingual => ({ sv: "", en: "" });

/** A new, empty task (one per new playbook, as the API wants at least one). */
export function emptyTask(): TaskDraft {
  return { key: nextKey(), title: blank(), checklist: [] };
}

/** A new playbook's starting draft. */
export function emptyDraft(): PlaybookDraft {
  return { rsitClass: "", name: blank(), description: blank(), tasks: [emptyTask()] };
}

/** The draft for editing a stored playbook. */
export function draftFrom(playbook: Playbook): PlaybookDraft {
  return {
    rsitClass: RsitClassName.safeParse(playbook.rsitClass).data ?? "",
    name: { ...playbook.name },
    description: { ...playbook.description },
    tasks: playbook.tasks.map((task) => ({
      key: nextKey(),
      title: { ...task.title },
      checklist: task.checklist.map((item) => ({ key: nextKey(), text: { ...item } })),
    })),
  };
}

function tasksOf(draft: PlaybookDraft) {
  return draft.tasks.map((task) => ({
    title: { ...task.title },
    checklist: task.checklist.map((item) => ({ ...item.text })),
  }));
}

/** The POST /playbooks body for a new playbook. */
export function toCreate(draft: PlaybookDraft): PlaybookCreate {
  return {
    rsitClass: draft.rsitClass === "" ? null : draft.rsitClass,
    name: { ...draft.name },
    description: { ...draft.description },
    tasks: tasksOf(draft),
  };
}

/** The PATCH /playbooks/:id body: everything, against the version the editor started from. */
export function toPatch(draft: PlaybookDraft, version: number): PlaybookPatch {
  return { version, ...toCreate(draft) };
}

/** Moves the item at `from` one place up (-1) or down (+1); out of range changes nothing. */
export function moved<T>(items: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  const copy = [...items];
  const item = copy[from];
  if (item === undefined || to < 0 || to >= copy.length) return copy;
  copy.splice(from, 1);
  copy.splice(to, 0, item);
  return copy;
}

/** A copy without the item at `index`. */
export function without<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** A copy with the item at `index` replaced. */
export function replaced<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((old, i) => (i === index ? item : old));
}

/** A new checklist item for a task. */
export function emptyItem(): { key: string; text: Bilingual } {
  return { key: nextKey(), text: blank() };
}
