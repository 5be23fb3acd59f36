import type { TFunction } from "i18next";

/** Seconds since receipt, now: the server's age at fetch time plus what has passed since (no clock skew). */
export function liveAgeSeconds(ageSeconds: number, fetchedAtMs: number, nowMs: number): number {
  return Math.max(0, Math.floor(ageSeconds + (nowMs - fetchedAtMs) / 1000));
}

/** A report's age for the inbox: seconds tick under an hour, minutes after. */
export function formatAge(t: TFunction, seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (d > 0) return t("reports.age.days", { d, h });
  if (h > 0) return t("reports.age.hours", { h, m });
  if (m > 0) return t("reports.age.minutes", { m, s: String(s).padStart(2, "0") });
  return t("reports.age.seconds", { s });
}
