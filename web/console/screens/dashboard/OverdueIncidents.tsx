import { useTranslation } from "react-i18next";
import { SeverityBadge } from "../incidents/badges.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { formatDuration, secondsUntil } from "./clock.js";
import type { IncidentListItem } from "../../../../contract/incident-list.js";

/** Incidents past their due time, the longest overdue first. */
export function OverdueIncidents({ incidents, now }: { incidents: IncidentListItem[]; now: number }) {
  const { t, i18n } = useTranslation();
  if (incidents.length === 0) return <p className="empty dash-all-clear">{t("dashboard.overdueIncidents.none")}</p>;
  const rows = [...incidents].sort((a, b) => (a.dueAt ?? "").localeCompare(b.dueAt ?? ""));
  return (
    <ul className="dash-list">
      {rows.map((incident) => (
        <li key={incident.reference} className="dash-row dash-row-overdue">
          <span className="dash-clock dash-clock-overdue">
            <span className="dash-clock-age">
              {incident.dueAt ? formatDuration(t, -secondsUntil(incident.dueAt, now)) : "—"}
            </span>
            <span className="dash-clock-target">
              {t("dashboard.overdueIncidents.due", { at: formatDateTime(incident.dueAt, i18n.language) })}
            </span>
          </span>
          <span className="dash-row-main">
            <Link to={`/console/incidents/${encodeURIComponent(incident.reference)}`} className="dash-row-link">
              <span className="mono">{incident.reference}</span>
              <span className="dash-row-title">{incident.title}</span>
            </Link>
            <span className="cell-sub">{incident.assignee ? incident.assignee.name : t("dashboard.unassigned")}</span>
          </span>
          <span className="dash-row-badges">
            <SeverityBadge severity={incident.severity} />
            <TlpBadge label={incident.tlp} />
          </span>
        </li>
      ))}
    </ul>
  );
}
