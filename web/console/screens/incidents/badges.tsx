import { useTranslation } from "react-i18next";
import type { IncidentStatus, Severity } from "../../../../contract/incidents.js";
import { Badge } from "../../../lib/ui/Notice.js";

const STATUS_TONE: Record<IncidentStatus, "neutral" | "good" | "bad" | "warn"> = {
  new: "warn",
  open: "neutral",
  stalled: "warn",
  resolved: "good",
  rejected: "bad",
};

/** An incident's status as a coloured label. */
export function StatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status]}>{t(`incidents.statuses.${status}`)}</Badge>;
}

/** Severity as a label whose colour grows with it (critical stands out in a dense list). */
export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return <span className={`severity severity-${severity}`}>{t(`incidents.severities.${severity}`)}</span>;
}

/** "Overdue" when past the SLA, "Paused" while stalled; nothing otherwise. */
export function DueBadge({ overdue, pausedAt }: { overdue: boolean; pausedAt: string | null }) {
  const { t } = useTranslation();
  if (pausedAt) return <Badge tone="neutral">{t("incidents.clock.paused")}</Badge>;
  if (overdue) return <span className="overdue-badge">{t("incidents.clock.overdue")}</span>;
  return null;
}
