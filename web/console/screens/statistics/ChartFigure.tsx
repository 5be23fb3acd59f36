import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../lib/ui/Button.js";
import { type ChartSeries, Bars } from "./Chart.js";

interface Props {
  title: string;
  categories: string[];
  series: ChartSeries[];
  horizontal?: boolean;
  stacked?: boolean;
  /** How a figure reads in the table (durations in hours, counts as integers). */
  format?: (value: number) => string;
}

/**
 * A chart with its data table. The table is always there: read by screen readers while the chart is
 * shown (the canvas is hidden from them), and shown instead of the chart at a press of a button, for
 * those who read figures better than bars and to copy into a spreadsheet.
 */
export function ChartFigure({ title, categories, series, horizontal, stacked, format }: Props) {
  const { t, i18n } = useTranslation();
  const [asTable, setAsTable] = useState(false);
  const id = useId();
  const number = format ?? ((v: number) => v.toLocaleString(i18n.language));
  return (
    <figure className="stats-figure" aria-labelledby={`${id}-title`}>
      <div className="stats-figure-head">
        <h3 id={`${id}-title`}>{title}</h3>
        <Button variant="quiet" aria-pressed={asTable} onClick={() => setAsTable(!asTable)}>
          {asTable ? t("statistics.showChart") : t("statistics.showTable")}
        </Button>
      </div>
      {categories.length === 0 ? (
        <p className="empty">{t("statistics.noData")}</p>
      ) : (
        <>
          {asTable ? null : (
            <Bars categories={categories} series={series} horizontal={horizontal} stacked={stacked} label={title} />
          )}
          <div className={asTable ? "table-wrap" : "visually-hidden"}>
            <table className="table">
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("statistics.table.key")}</th>
                  {series.map((s) => (
                    <th key={s.name} scope="col" className="num">
                      {s.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {categories.map((c, row) => (
                  <tr key={`${row}`}>
                    <th scope="row">{c}</th>
                    {series.map((s) => (
                      <td key={s.name} className="num">
                        {number(s.values[row] ?? 0)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </figure>
  );
}
