import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Statistics, StatisticsGroupBy, StatisticsSummary } from "../../../../contract/statistics.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { CheckboxField, SelectField, TextField } from "../../../lib/ui/Field.js";
import { Link } from "../../../lib/router.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { ChartFigure } from "./ChartFigure.js";
import { KpiTable } from "./KpiTable.js";
import { type StatisticsFilter, statisticsQuery, useStatistics } from "./api.js";
import { keyLabel } from "./labels.js";
import "./statistics.css";

const GROUPINGS: StatisticsGroupBy[] = ["month", "class", "sector", "severity"];

function defaultFilter(): StatisticsFilter {
  const today = new Date().toISOString().slice(0, 10);
  return { from: `${today.slice(0, 4)}-01-01`, to: today, groupBy: "month", compare: false };
}

/** The console's statistics: filters, headline figures, KPIs, and charts each with its data table. */
export function StatisticsScreen() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<StatisticsFilter>(defaultFilter);
  const stats = useStatistics(filter);
  const set = (change: Partial<StatisticsFilter>) => setFilter({ ...filter, ...change });
  const year = filter.from.slice(0, 4);
  return (
    <>
      <PageHeader title={t("statistics.title")}>
        <a className="btn btn-secondary" href={`/api/v1/statistics${statisticsQuery(filter, "csv")}`} download>
          {t("statistics.csv")}
        </a>
        <Link className="btn btn-secondary" to={`/console/statistics/report/${year}`}>
          {t("statistics.yearlyReport", { year })}
        </Link>
      </PageHeader>
      <p className="ws-intro">{t("statistics.intro")}</p>
      <form className="stats-filters" aria-label={t("statistics.filters")} onSubmit={(e) => e.preventDefault()}>
        <TextField
          label={t("statistics.from")}
          type="date"
          value={filter.from}
          required
          onChange={(e) => e.target.value && set({ from: e.target.value })}
        />
        <TextField
          label={t("statistics.to")}
          type="date"
          value={filter.to}
          required
          onChange={(e) => e.target.value && set({ to: e.target.value })}
        />
        <SelectField
          label={t("statistics.groupBy")}
          value={filter.groupBy}
          onChange={(e) => set({ groupBy: e.target.value as StatisticsGroupBy })}
          options={GROUPINGS.map((g) => ({ value: g, label: t(`statistics.grouping.${g}`) }))}
        />
        <CheckboxField
          label={t("statistics.compare")}
          checked={filter.compare}
          onChange={(e) => set({ compare: e.target.checked })}
        />
      </form>
      {stats.isError ? <Notice tone="error">{errorMessage(t, stats.error)}</Notice> : null}
      {stats.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {stats.data ? <Figures stats={stats.data} language={i18n.language} /> : null}
    </>
  );
}

function Headline({ s, previous }: { s: StatisticsSummary; previous: StatisticsSummary | null }) {
  const { t, i18n } = useTranslation();
  const tiles: [string, number, number | undefined][] = [
    ["reports", s.reports, previous?.reports],
    ["incidents", s.incidents, previous?.incidents],
    ["events", s.events, previous?.events],
    ["notificationsSent", s.notifications.sent, previous?.notifications.sent],
    ["notificationsBounced", s.notifications.bounced, previous?.notifications.bounced],
    ["nis2Late", s.nis2.late, previous?.nis2.late],
  ];
  return (
    <dl className="stats-tiles">
      {tiles.map(([key, value, before]) => (
        <div key={key} className="stats-tile">
          <dt>{t(`statistics.headline.${key}`)}</dt>
          <dd>
            {value.toLocaleString(i18n.language)}
            {before === undefined ? null : (
              <span className="stats-before">
                {" "}
                {t("statistics.before", { value: before.toLocaleString(i18n.language) })}
              </span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Figures({ stats, language }: { stats: Statistics; language: string }) {
  const { t } = useTranslation();
  const previous = stats.previous;
  const label = (d: StatisticsGroupBy | "channel") => (k: string | null) => keyLabel(t, language, d, k);
  const current = t("statistics.series.current");
  const before = t("statistics.series.previous");
  const groupSeries = [
    { name: t("statistics.series.reports"), values: stats.groups.map((g) => g.reports) },
    { name: t("statistics.series.incidents"), values: stats.groups.map((g) => g.incidents) },
  ];
  /** A breakdown, with the previous period's figure for each key when compared. */
  const breakdown = (pick: (s: StatisticsSummary) => { key: string | null; count: number }[]) => {
    const rows = pick(stats);
    const keys = rows.map((r) => r.key);
    const series = [{ name: current, values: rows.map((r) => r.count) }];
    if (previous) {
      const old = new Map(pick(previous).map((r) => [r.key, r.count]));
      series.push({ name: before, values: keys.map((k) => old.get(k) ?? 0) });
    }
    return { keys, series };
  };
  const channels = breakdown((s) => s.reportsByChannel);
  const classes = breakdown((s) => s.incidentsByClass);
  const sectors = breakdown((s) => s.incidentsBySector);
  const events = breakdown((s) => s.eventsByType.slice(0, 20));
  const nis2 = stats.nis2.byDeadline;
  return (
    <>
      {stats.taxonomy.changed ? (
        <Notice tone="warning">
          {t("statistics.taxonomyChanged", { versions: stats.taxonomy.versions.join(", ") })}
        </Notice>
      ) : null}
      <Section title={t("statistics.headline.title")} id="stats-headline">
        <Headline s={stats} previous={previous} />
      </Section>
      <Section title={t("statistics.kpi.title")} id="stats-kpis">
        <KpiTable stats={stats} groupBy={stats.groupBy} />
      </Section>
      <Section title={t("statistics.charts")} id="stats-charts">
        <div className="stats-grid">
          <ChartFigure
            title={t("statistics.figure.groups", { grouping: t(`statistics.grouping.${stats.groupBy}`) })}
            categories={stats.groups.map((g) => label(stats.groupBy)(g.key))}
            series={groupSeries}
          />
          <ChartFigure
            title={t("statistics.figure.channels")}
            categories={channels.keys.map(label("channel"))}
            series={channels.series}
          />
          <ChartFigure
            title={t("statistics.figure.classes")}
            categories={classes.keys.map(label("class"))}
            series={classes.series}
            horizontal
          />
          <ChartFigure
            title={t("statistics.figure.sectors")}
            categories={sectors.keys.map(label("sector"))}
            series={sectors.series}
            horizontal
          />
          <ChartFigure
            title={t("statistics.figure.nis2")}
            categories={nis2.map((d) => t(`statistics.nis2.${d.kind}`, { defaultValue: d.kind }))}
            series={[
              { name: t("statistics.nis2State.onTime"), values: nis2.map((d) => d.onTime) },
              { name: t("statistics.nis2State.late"), values: nis2.map((d) => d.late) },
              { name: t("statistics.nis2State.pending"), values: nis2.map((d) => d.pending) },
            ]}
            stacked
            horizontal
          />
          <ChartFigure
            title={t("statistics.figure.events")}
            categories={events.keys.map((k) => k ?? t("statistics.none"))}
            series={events.series}
            horizontal
          />
        </div>
      </Section>
    </>
  );
}
