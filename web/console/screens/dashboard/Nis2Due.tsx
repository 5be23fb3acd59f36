import { useTranslation } from "react-i18next";
import type { Nis2DueDeadline } from "../../../../contract/dashboard.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Badge } from "../../../lib/ui/Notice.js";

/** NIS2 deadlines due within 24 hours (or passed), soonest first: ours and the reporters'. */
export function Nis2Due({ deadlines }: { deadlines: Nis2DueDeadline[] }) {
  const { t, i18n } = useTranslation();
  if (deadlines.length === 0) return <p className="empty dash-all-clear">{t("landing.nis2.none")}</p>;
  return (
    <ul className="dash-list" data-testid="nis2-due">
      {deadlines.map((d) => (
        <li key={`${d.reference}:${d.kind}`} className={`dash-row${d.overdue ? " dash-row-overdue" : ""}`}>
          <span className="dash-row-main">
            <Link to={`/console/reports/${encodeURIComponent(d.reference)}`} className="dash-row-link">
              <span className="mono">{d.reference}</span>
              <span className="dash-row-title">{t(`nis2.deadlines.${d.kind}`)}</span>
            </Link>
            <span className="cell-sub">
              {t(`landing.nis2.${d.party}`)} · {t("landing.nis2.due", { at: formatDateTime(d.dueAt, i18n.language) })}
              {d.summary ? ` · ${d.summary}` : ""}
            </span>
          </span>
          <span className="dash-row-badges">
            {d.overdue ? <Badge tone="bad">{t("landing.nis2.passed")}</Badge> : <Badge tone="warn">NIS2</Badge>}
          </span>
        </li>
      ))}
    </ul>
  );
}
