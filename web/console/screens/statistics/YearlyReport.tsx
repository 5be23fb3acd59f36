import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { KeyCount, StatisticsGroupBy, StatisticsSummary } from "../../../../contract/statistics.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { LanguageSwitch } from "../../../lib/ui/LanguageSwitch.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { useStatistics } from "./api.js";
import { hours, keyLabel } from "./labels.js";
import "./statistics.css";

// The printable yearly report: the headline figures national CERTs publish each year (CERT-SE's and
// CERT.at's annual reports: reports received and incidents handled, by type and sector, owners
// notified, response times, and — since NIS2 — the reporting obligations met), in Swedish or English
// whatever the console's language, with the year before beside each figure. Printed by the browser
// (statistics.css's print rules leave only the report on paper).

type Lang = "sv" | "en";

/** The change from last year in per cent, or null when there was nothing last year. */
function change(now: number, before: number): number | null {
  return before === 0 ? null : Math.round(((now - before) / before) * 100);
}

export function YearlyReport({ year }: { year: string }) {
  const { t: uiT, i18n } = useTranslation();
  const [lang, setLang] = useState<Lang>(i18n.language === "en" ? "en" : "sv");
  const t = i18n.getFixedT(lang);
  const valid = /^\d{4}$/.test(year);
  const stats = useStatistics({ from: `${year}-01-01`, to: `${year}-12-31`, groupBy: "month", compare: true });
  if (!valid) return <Notice tone="error">{uiT("statistics.report.badYear")}</Notice>;
  return (
    <article className="stats-report" lang={lang}>
      <div className="no-print stats-filters">
        <LanguageSwitch
          value={lang}
          onChange={(l) => setLang(l === "en" ? "en" : "sv")}
          label={uiT("statistics.report.language")}
        />
        <Button variant="primary" onClick={() => window.print()}>
          {uiT("statistics.report.print")}
        </Button>
      </div>
      <h1>{t("statistics.report.title", { year })}</h1>
      {stats.isError ? <Notice tone="error">{errorMessage(uiT, stats.error)}</Notice> : null}
      {stats.isPending ? <p role="status">{uiT("common.loading")}</p> : null}
      {stats.data ? <ReportBody s={stats.data} previous={stats.data.previous} lang={lang} year={year} /> : null}
    </article>
  );
}

function ReportBody({
  s,
  previous,
  lang,
  year,
}: {
  s: StatisticsSummary;
  previous: StatisticsSummary | null;
  lang: Lang;
  year: string;
}) {
  const { i18n } = useTranslation();
  const t = i18n.getFixedT(lang);
  const n = (v: number) => v.toLocaleString(lang);
  const lastYear = String(Number(year) - 1);
  const headline: [string, number, number][] = [
    ["reports", s.reports, previous?.reports ?? 0],
    ["incidents", s.incidents, previous?.incidents ?? 0],
    ["notificationsSent", s.notifications.sent, previous?.notifications.sent ?? 0],
    ["events", s.events, previous?.events ?? 0],
    ["nis2OnTime", s.nis2.onTime, previous?.nis2.onTime ?? 0],
    ["nis2Late", s.nis2.late, previous?.nis2.late ?? 0],
  ];
  const table = (title: string, dimension: StatisticsGroupBy | "channel", rows: KeyCount[]) => (
    <section>
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p>{t("statistics.noData")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("statistics.table.key")}</th>
                <th scope="col" className="num">
                  {year}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={String(r.key)}>
                  <th scope="row">{keyLabel(t, lang, dimension, r.key)}</th>
                  <td className="num">{n(r.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
  return (
    <>
      <p>{t("statistics.report.lead", { year })}</p>
      {s.taxonomy.changed ? (
        <p>{t("statistics.taxonomyChanged", { versions: s.taxonomy.versions.join(", ") })}</p>
      ) : null}
      <section>
        <h2>{t("statistics.report.headline")}</h2>
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("statistics.table.key")}</th>
                <th scope="col" className="num">
                  {year}
                </th>
                <th scope="col" className="num">
                  {lastYear}
                </th>
                <th scope="col" className="num">
                  {t("statistics.report.change")}
                </th>
              </tr>
            </thead>
            <tbody>
              {headline.map(([key, now, before]) => {
                const c = change(now, before);
                return (
                  <tr key={key}>
                    <th scope="row">{t(`statistics.headline.${key}`)}</th>
                    <td className="num">{n(now)}</td>
                    <td className="num">{n(before)}</td>
                    <td className="num">{c === null ? "–" : `${c > 0 ? "+" : ""}${c} %`}</td>
                  </tr>
                );
              })}
              <tr>
                <th scope="row">{t("statistics.report.medianAck")}</th>
                <td className="num">{hours(lang, s.timeToAcknowledge.p50)}</td>
                <td className="num">{hours(lang, previous?.timeToAcknowledge.p50 ?? null)}</td>
                <td className="num">–</td>
              </tr>
              <tr>
                <th scope="row">{t("statistics.report.medianResolve")}</th>
                <td className="num">{hours(lang, s.timeToResolve.p50)}</td>
                <td className="num">{hours(lang, previous?.timeToResolve.p50 ?? null)}</td>
                <td className="num">–</td>
              </tr>
            </tbody>
          </table>
        </div>
      </section>
      {table(t("statistics.figure.classes"), "class", s.incidentsByClass)}
      {table(t("statistics.figure.sectors"), "sector", s.incidentsBySector)}
      {table(t("statistics.figure.channels"), "channel", s.reportsByChannel)}
      <p className="field-hint">{t("statistics.report.method")}</p>
    </>
  );
}
