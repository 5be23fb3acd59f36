import type { TFunction } from "i18next";

// A report's acknowledgement clock on the duty dashboard: how long it has waited against its target,
// judged again on every tick so a line turns red at the minute without waiting for a re-fetch.

/** How close a clock is to its target: calm, past three quarters, or past the target. */
export type ClockTone = "ok" | "soon" | "overdue";

export interface ClockState {
  tone: ClockTone;
  /** Seconds left before the target (0 once overdue). */
  leftSeconds: number;
  /** Seconds past the target (0 before it). */
  overSeconds: number;
}

/** The state of a clock that has run `ageSeconds` against a target of `targetMinutes`. */
export function clockState(ageSeconds: number, targetMinutes: number): ClockState {
  const target = Math.max(0, targetMinutes * 60);
  const age = Math.max(0, Math.floor(ageSeconds));
  if (age > target) return { tone: "overdue", leftSeconds: 0, overSeconds: age - target };
  const tone: ClockTone = age >= target * 0.75 ? "soon" : "ok";
  return { tone, leftSeconds: target - age, overSeconds: 0 };
}

/**
 * A duration the way a person on duty reads it at a glance: the two largest units, seconds only
 * under ten minutes (where they matter), e.g. "4 s", "7 min 05 s", "42 min", "3 h 05 min", "2 d 4 h".
 */
export function formatDuration(t: TFunction, totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (d > 0) return t("dashboard.duration.days", { d, h });
  if (h > 0) return t("dashboard.duration.hours", { h, m: String(m).padStart(2, "0") });
  if (m >= 10) return t("dashboard.duration.minutes", { m });
  if (m > 0) return t("dashboard.duration.minutesSeconds", { m, s: String(s).padStart(2, "0") });
  return t("dashboard.duration.seconds", { s });
}

/** Seconds until (positive) or since (negative) an instant, from now. */
export function secondsUntil(iso: string, nowMs: number): number {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? 0 : Math.round((at - nowMs) / 1000);
}
