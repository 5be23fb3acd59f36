import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FeedFetchResult, FeedSource } from "../../../../contract/feeds.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { RunStatus } from "./FeedRuns.js";
import { FeedSourceForm } from "./FeedSourceForm.js";
import { feedKeys, fetchFeedSourceNow, useFeedSources } from "./api.js";

/**
 * Each source and its health: the last run, the last success, its events against the usual, alarms,
 * and how it fetches (the last fetch and its error). Admins set sources up and fetch one now.
 */
export function FeedSources({ admin }: { admin: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const sources = useFeedSources();
  // null: no form; "new": a new source; else the source being changed.
  const [editing, setEditing] = useState<FeedSource | "new" | null>(null);
  const [fetched, setFetched] = useState<
    { name: string; result: FeedFetchResult } | { name: string; error: unknown } | null
  >(null);
  const fetchNow = async (s: FeedSource) => {
    try {
      setFetched({ name: s.name, result: await fetchFeedSourceNow(s.id) });
    } catch (error) {
      setFetched({ name: s.name, error });
    }
    await client.invalidateQueries({ queryKey: feedKeys.all });
  };
  return (
    <Section title={t("feeds.sources.title")} id="feed-sources">
      {admin && editing === null ? (
        <button type="button" className="btn btn-secondary" onClick={() => setEditing("new")}>
          {t("feeds.config.new")}
        </button>
      ) : null}
      {editing !== null ? (
        <FeedSourceForm
          key={editing === "new" ? "new" : editing.id}
          source={editing === "new" ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      {fetched ? (
        <Notice tone={"error" in fetched || fetched.result.error ? "error" : "success"}>
          {"error" in fetched
            ? errorMessage(t, fetched.error)
            : fetched.result.error
              ? t("feeds.fetch.failed", { name: fetched.name, error: fetched.result.error })
              : t("feeds.fetch.done", {
                  name: fetched.name,
                  runs: fetched.result.runs.length,
                  skipped: fetched.result.skipped,
                })}
        </Notice>
      ) : null}
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
              key: "fetch",
              header: t("feeds.sources.fetch"),
              cell: (s) =>
                s.fetch ? (
                  <>
                    {t(`feeds.fetchKinds.${s.fetch.kind}`)}
                    <span className="cell-sub">
                      {s.fetch.address ??
                        (s.fetch.lastFetchAt
                          ? t("feeds.sources.lastFetch", { at: formatDateTime(s.fetch.lastFetchAt, i18n.language) })
                          : t("feeds.sources.neverFetched"))}
                    </span>
                    {s.fetch.lastFetchError ? (
                      <span className="cell-sub feed-fetch-error" role="note">
                        {s.fetch.lastFetchError}
                      </span>
                    ) : null}
                  </>
                ) : (
                  t("feeds.fetchKinds.none")
                ),
            },
            ...(admin
              ? [
                  {
                    key: "actions",
                    header: t("feeds.sources.actions"),
                    cell: (s: FeedSource) => (
                      <span className="feeds-actions">
                        <button
                          type="button"
                          className="btn btn-small"
                          aria-label={t("feeds.config.editNamed", { name: s.name })}
                          onClick={() => setEditing(s)}
                        >
                          {t("feeds.config.edit")}
                        </button>
                        {s.fetch && s.fetch.kind !== "mail" ? (
                          <button type="button" className="btn btn-small" onClick={() => void fetchNow(s)}>
                            {t("feeds.config.fetchNow")}
                          </button>
                        ) : null}
                      </span>
                    ),
                  },
                ]
              : []),
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
