import { useTranslation } from "react-i18next";
import { clockState, formatDuration } from "./clock.js";

/** A report's live acknowledgement clock: how long it has waited, and time left or time over target. */
export function ReportClock({ ageSeconds, targetMinutes }: { ageSeconds: number; targetMinutes: number }) {
  const { t } = useTranslation();
  const state = clockState(ageSeconds, targetMinutes);
  const target = formatDuration(t, targetMinutes * 60);
  return (
    <span className={`dash-clock dash-clock-${state.tone}`}>
      <span className="dash-clock-age">{formatDuration(t, ageSeconds)}</span>
      <span className="dash-clock-target">
        {state.tone === "overdue"
          ? t("dashboard.clock.over", { over: formatDuration(t, state.overSeconds), target })
          : t("dashboard.clock.left", { left: formatDuration(t, state.leftSeconds), target })}
      </span>
    </span>
  );
}
