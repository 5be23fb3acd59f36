import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { EventDayCounts } from "../../contract/feeds.js";

// Events per day and classification as stacked bars, drawn as plain SVG (no chart library: the page's
// strict CSP and a few dozen bars need none). The same numbers are in a table beneath, for screen readers
// and for anyone who wants the figures.

/** Types given a colour of their own; the rest are drawn together as "other". */
const COLOURED = 7;
const WIDTH = 720;
const HEIGHT = 200;
const AXIS = 28;

/** Every day from `from` to `to` (yyyy-mm-dd), inclusive. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

export function EventChart({ counts }: { counts: EventDayCounts }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const days = daysOf(counts.from, counts.to);
  const shown = counts.types.slice(0, COLOURED).map((x) => x.type);
  const series = counts.types.length > COLOURED ? [...shown, "other"] : shown;
  const seriesOf = (type: string) => (shown.includes(type) ? type : "other");
  const perDay = new Map<string, Map<string, number>>();
  for (const item of counts.items) {
    const day = perDay.get(item.day) ?? new Map<string, number>();
    const s = seriesOf(item.type);
    day.set(s, (day.get(s) ?? 0) + item.count);
    perDay.set(item.day, day);
  }
  const totalOf = (day: string) => [...(perDay.get(day)?.values() ?? [])].reduce((a, b) => a + b, 0);
  const max = Math.max(1, ...days.map(totalOf));
  const band = (WIDTH - AXIS) / Math.max(1, days.length);
  const barHeight = (n: number) => (n / max) * (HEIGHT - 20);
  const label = (type: string) => (type === "other" ? t("member.events.otherTypes") : type);
  const dayLabel = (day: string) =>
    new Intl.DateTimeFormat(i18n.language, { day: "numeric", month: "short", timeZone: "UTC" }).format(
      new Date(`${day}T00:00:00Z`),
    );
  const total = counts.items.reduce((n, i) => n + i.count, 0);

  return (
    <figure className="ev-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 24}`}
        role="img"
        aria-labelledby={titleId}
        className="ev-chart-svg"
        preserveAspectRatio="none"
      >
        <title id={titleId}>
          {t("member.events.chartSummary", { count: total, from: dayLabel(counts.from), to: dayLabel(counts.to) })}
        </title>
        <text x={0} y={12} className="ev-axis">
          {max}
        </text>
        <line x1={AXIS} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} className="ev-axis-line" />
        {days.map((day, i) => {
          let y = HEIGHT;
          return (
            <g key={day}>
              {series.map((s) => {
                const n = perDay.get(day)?.get(s) ?? 0;
                if (n === 0) return null;
                const h = barHeight(n);
                y -= h;
                return (
                  <rect
                    key={s}
                    x={AXIS + i * band + band * 0.1}
                    y={y}
                    width={band * 0.8}
                    height={h}
                    className={`ev-c${series.indexOf(s)}`}
                  />
                );
              })}
              {i % Math.ceil(days.length / 8) === 0 ? (
                <text x={AXIS + i * band} y={HEIGHT + 16} className="ev-axis">
                  {dayLabel(day)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul className="ev-legend" aria-label={t("member.events.legend")}>
          {series.map((s, i) => (
            <li key={s}>
              <svg width="12" height="12" aria-hidden="true">
                <rect width="12" height="12" className={`ev-c${i}`} />
              </svg>{" "}
              {label(s)}
            </li>
          ))}
        </ul>
      </figcaption>
      <details className="ev-chart-table">
        <summary>{t("member.events.chartTable")}</summary>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("member.events.chartTable")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("member.events.day")}</th>
                {series.map((s) => (
                  <th key={s} scope="col">
                    {label(s)}
                  </th>
                ))}
                <th scope="col">{t("member.events.total")}</th>
              </tr>
            </thead>
            <tbody>
              {days
                .filter((day) => totalOf(day) > 0)
                .map((day) => (
                  <tr key={day}>
                    <th scope="row">{day}</th>
                    {series.map((s) => (
                      <td key={s}>{perDay.get(day)?.get(s) ?? 0}</td>
                    ))}
                    <td>{totalOf(day)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
