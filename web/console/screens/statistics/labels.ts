import type { TFunction } from "i18next";
import type { Percentiles, StatisticsGroupBy } from "../../../../contract/statistics.js";

/** The words for a group key: a month's name, an RSIT class, a sector, a severity; null reads "none given". */
export function keyLabel(t: TFunction, language: string, dimension: StatisticsGroupBy | "channel", key: string | null) {
  if (key === null) return t("statistics.none");
  switch (dimension) {
    case "month": {
      const date = new Date(`${key}-01T00:00:00Z`);
      return new Intl.DateTimeFormat(language, { month: "short", year: "numeric", timeZone: "UTC" }).format(date);
    }
    case "class":
      return t(`rsit.classes.${key}`, { defaultValue: key });
    case "sector":
      return t(`sectors.${key}`, { defaultValue: key });
    case "severity":
      return t(`incidents.severities.${key}`, { defaultValue: key });
    case "channel":
      return t(`reports.channels.${key}`, { defaultValue: key });
  }
}

/** Seconds as hours with one decimal ("2,5 h"), or a dash when there is nothing to measure yet. */
export function hours(language: string, seconds: number | null): string {
  if (seconds === null) return "–";
  return `${(seconds / 3600).toLocaleString(language, { maximumFractionDigits: 1, minimumFractionDigits: 1 })} h`;
}

export const KPI_NAMES = ["timeToAcknowledge", "timeToFirstResponse", "timeToContainment", "timeToResolve"] as const;
export type KpiName = (typeof KPI_NAMES)[number];
export type KpiSet = Record<KpiName, Percentiles>;
