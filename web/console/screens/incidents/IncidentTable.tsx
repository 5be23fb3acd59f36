import { type Ref } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentListItem } from "../../../../contract/incident-list.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { DueBadge, SeverityBadge, StatusBadge } from "./badges.js";
import { NewMarker } from "../unread/NewMarker.js";
import { useClassificationLabel } from "./RsitPicker.js";

interface Props {
  rows: IncidentListItem[];
  /** The row j/k has moved to (-1: none). */
  selected: number;
  onSelect: (index: number) => void;
  tableRef: Ref<HTMLTableElement>;
}

/** The incident list as a dense table; the selected row is marked and its link holds the focus. */
export function IncidentTable({ rows, selected, onSelect, tableRef }: Props) {
  const { t, i18n } = useTranslation();
  const classification = useClassificationLabel();
  if (rows.length === 0) return <p className="empty">{t("incidents.list.empty")}</p>;
  return (
    <div className="table-wrap">
      <table className="table incident-table" ref={tableRef}>
        <caption className="visually-hidden">{t("incidents.list.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("incidents.fields.reference")}</th>
            <th scope="col">{t("incidents.fields.title")}</th>
            <th scope="col">{t("incidents.fields.status")}</th>
            <th scope="col">{t("incidents.fields.severity")}</th>
            <th scope="col">TLP</th>
            <th scope="col">{t("incidents.fields.assignee")}</th>
            <th scope="col">{t("incidents.fields.due")}</th>
            <th scope="col" className="cell-num">
              {t("incidents.list.reports")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr
              key={r.reference}
              data-reference={r.reference}
              className={
                [i === selected ? "row-selected" : "", r.overdue ? "row-overdue" : "", r.unread ? "row-unread" : ""]
                  .join(" ")
                  .trim() || undefined
              }
              aria-selected={i === selected ? true : undefined}
            >
              <td className="cell-nowrap">
                <Link
                  to={`/console/incidents/${encodeURIComponent(r.reference)}`}
                  className="mono incident-link"
                  onFocus={() => onSelect(i)}
                >
                  {r.reference}
                </Link>
                <span className="cell-sub">{formatDateTime(r.createdAt, i18n.language)}</span>
              </td>
              <td className="cell-what">
                {r.unread ? <NewMarker /> : null}
                <strong className="cell-summary">{r.title}</strong>
                <span className="cell-sub">{classification(r.classification)}</span>
              </td>
              <td>
                <StatusBadge status={r.status} />
              </td>
              <td>
                <SeverityBadge severity={r.severity} />
              </td>
              <td>
                <TlpBadge label={r.tlp} />
              </td>
              <td>{r.assignee?.name ?? <span className="muted">{t("incidents.unassigned")}</span>}</td>
              <td className="cell-nowrap">
                {formatDateTime(r.dueAt, i18n.language)}
                <DueBadge overdue={r.overdue} pausedAt={r.pausedAt} />
              </td>
              <td className="cell-num">{r.reportCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
