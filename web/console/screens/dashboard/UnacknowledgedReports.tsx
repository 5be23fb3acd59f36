import { useTranslation } from "react-i18next";
import { liveAgeSeconds } from "../reports/age.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Badge } from "../../../lib/ui/Notice.js";
import { clockState } from "./clock.js";
import { ReportClock } from "./ReportClock.js";
import type { UnacknowledgedReport } from "../../../../contract/dashboard.js";

interface Props {
  reports: UnacknowledgedReport[];
  fetchedAt: number;
  now: number;
}

/** The reports nobody has acknowledged yet, most urgent first, each with its clock ticking. */
export function UnacknowledgedReports({ reports, fetchedAt, now }: Props) {
  const { t, i18n } = useTranslation();
  const rows = reports
    .map((r) => ({ report: r, age: liveAgeSeconds(r.ageSeconds, fetchedAt, now) }))
    // NIS2 reports first (statutory clocks), then least time left: overdue ones (negative time left) head each part.
    .sort(
      (a, b) =>
        Number(b.report.nis2) - Number(a.report.nis2) ||
        a.report.ackTargetMinutes * 60 - a.age - (b.report.ackTargetMinutes * 60 - b.age),
    );
  if (rows.length === 0) return <p className="empty dash-all-clear">{t("dashboard.unacknowledged.none")}</p>;
  return (
    <ul className="dash-list">
      {rows.map(({ report, age }) => {
        const tone = clockState(age, report.ackTargetMinutes).tone;
        return (
          <li key={report.reference} className={`dash-row dash-row-${tone}`}>
            <ReportClock ageSeconds={age} targetMinutes={report.ackTargetMinutes} />
            <span className="dash-row-main">
              <Link to={`/console/reports/${encodeURIComponent(report.reference)}`} className="dash-row-link">
                <span className="mono">{report.reference}</span>
                {report.summary ? <span className="dash-row-title">{report.summary}</span> : null}
              </Link>
              <span className="cell-sub">
                {report.organisationName ?? t("dashboard.unknownOrganisation")} ·{" "}
                {t("dashboard.received", { at: formatDateTime(report.receivedAt, i18n.language) })}
              </span>
            </span>
            <span className="dash-row-badges">
              {tone === "overdue" ? <Badge tone="bad">{t("dashboard.overdue")}</Badge> : null}
              {report.nis2 ? (
                <Badge tone="warn">
                  NIS2<span className="visually-hidden"> {t("dashboard.nis2Help")}</span>
                </Badge>
              ) : null}
              <TlpBadge label={report.tlp} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
