import { type ReportDraft, emptyDraft } from "./draft.js";

const KEY = "fyr.report.draft";

/** The half-filled report kept in this browser, or a blank one. Never holds files. */
export function loadDraft(): ReportDraft {
  try {
    const raw = window.localStorage.getItem(KEY);
    if (!raw) return emptyDraft();
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== "object" || parsed === null) return emptyDraft();
    // Only keys a draft has, with the type the blank draft gives them: a stale or tampered copy cannot break the form.
    const blank = emptyDraft();
    const merged: Record<string, unknown> = { ...blank };
    for (const [k, v] of Object.entries(parsed)) if (k in blank && typeof v === typeof merged[k]) merged[k] = v;
    return merged as unknown as ReportDraft;
  } catch {
    return emptyDraft();
  }
}

/** Keeps the draft so a reload does not lose it. */
export function saveDraft(draft: ReportDraft): void {
  try {
    window.localStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // Storage full or refused (private mode): the form still works, only without the safety net.
  }
}

/** Forgets the draft (after the report was sent). */
export function clearDraft(): void {
  try {
    window.localStorage.removeItem(KEY);
  } catch {
    // Nothing kept, nothing to clear.
  }
}
