import { useTranslation } from "react-i18next";
import type { FeedSource } from "../../../../contract/feeds.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { RunStatus } from "./FeedRuns.js";
import { useFeedSources } from "./api.js";

/** Each source and its health: the last run, the last success, its events against the usual, alarms. */
export function FeedSources() {
  const { t, i18n } = useTranslation();
  const sources = useFeedSources();
  return (
    <Section title={t("feeds.sources.title")} id="feed-sources">
      {sources.isError ? <Notice tone="error">{errorMessage(t, sources.error)}</Notice> : null}
      {sources.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {sources.data ? (
        <Table<FeedSource>
          caption={t("feeds.sources.title")}
          rows={sources.data.items}
          rowKey={(s) => s.id}
          empty={t("feeds.sources.empty")}
          columns={[
            {
              key: "name",
              header: t("feeds.sources.name"),
              cell: (s) => (
                <>
                  {s.name}
                  <span className="cell-sub">
                    {t(`feeds.formats.${s.format}`)}
                    {s.reportType ? ` · ${s.reportType}` : ""}
                  </span>
                </>
              ),
            },
            {
              key: "last",
              header: t("feeds.sources.lastRun"),
              cell: (s) =>
                s.health.lastRun ? (
                  <>
                    <RunStatus status={s.health.lastRun.status} />{" "}
                    {formatDateTime(s.health.lastRun.startedAt, i18n.language)}
                  </>
                ) : (
                  "—"
                ),
            },
            {
              key: "success",
              header: t("feeds.sources.lastSuccess"),
              className: "cell-nowrap",
              cell: (s) => (s.health.lastSuccessAt ? formatDateTime(s.health.lastSuccessAt, i18n.language) : "—"),
            },
            {
              key: "events",
              header: t("feeds.sources.events"),
              className: "cell-num",
              cell: (s) =>
                s.health.lastRun
                  ? `${s.health.lastRun.events}${s.health.medianEvents === null ? "" : ` / ${s.health.medianEvents}`}`
                  : "—",
            },
            {
              key: "alarms",
              header: t("feeds.sources.health"),
              cell: (s) =>
                s.health.alarms.length === 0 ? (
                  <Badge tone="good">{t("feeds.sources.ok")}</Badge>
                ) : (
                  s.health.alarms.map((a) => (
                    <Badge key={a} tone="bad">
                      {t(`feeds.alarms.${a}`)}
                    </Badge>
                  ))
                ),
            },
          ]}
        />
      ) : null}
    </Section>
  );
}
