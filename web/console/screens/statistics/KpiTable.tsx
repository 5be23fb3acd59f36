import { useTranslation } from "react-i18next";
import type { Statistics, StatisticsGroupBy } from "../../../../contract/statistics.js";
import { KPI_NAMES, type KpiSet, hours, keyLabel } from "./labels.js";

interface Row extends KpiSet {
  id: string;
  label: string;
  reports: number;
  incidents: number;
}

/** The four KPIs (median and 90th percentile) per group, the period's total, and the previous period's. */
export function KpiTable({ stats, groupBy }: { stats: Statistics; groupBy: StatisticsGroupBy }) {
  const { t, i18n } = useTranslation();
  const rows: Row[] = [
    ...stats.groups.map((g, n) => ({ ...g, id: `g${n}`, label: keyLabel(t, i18n.language, groupBy, g.key) })),
    { ...stats, id: "total", label: t("statistics.total") },
    ...(stats.previous ? [{ ...stats.previous, id: "previous", label: t("statistics.previousTotal") }] : []),
  ];
  return (
    <div className="table-wrap">
      <table className="table stats-kpis">
        <caption>{t("statistics.kpi.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`statistics.grouping.${groupBy}`)}</th>
            <th scope="col" className="num">
              {t("statistics.series.reports")}
            </th>
            <th scope="col" className="num">
              {t("statistics.series.incidents")}
            </th>
            {KPI_NAMES.map((k) => (
              <th key={k} scope="col" className="num">
                {t(`statistics.kpi.${k}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className={r.id === "total" ? "stats-total" : undefined}>
              <th scope="row">{r.label}</th>
              <td className="num">{r.reports.toLocaleString(i18n.language)}</td>
              <td className="num">{r.incidents.toLocaleString(i18n.language)}</td>
              {KPI_NAMES.map((k) => (
                <td key={k} className="num">
                  {t("statistics.kpi.cell", {
                    p50: hours(i18n.language, r[k].p50),
                    p90: hours(i18n.language, r[k].p90),
                  })}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
