import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FeedRun, FeedRunListItem } from "../../../../contract/feeds.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { decideHeldRun, feedKeys, useFeedRuns } from "./api.js";

export function RunStatus({ status }: { status: FeedRun["status"] }) {
  const { t } = useTranslation();
  const tone = status === "done" ? "good" : status === "failed" ? "bad" : "warn";
  return <Badge tone={tone}>{t(`feeds.status.${status}`)}</Badge>;
}

/** A run's counts and its bad lines (line 0: why the run failed). */
export function RunCounts({ run }: { run: FeedRun }) {
  const { t } = useTranslation();
  const counts = ["rows", "events", "duplicates", "matched", "unmatched", "rejected"] as const;
  return (
    <>
      <ul className="feeds-counts" aria-label={t("feeds.runs.counts")}>
        {counts.map((c) => (
          <li key={c} data-count={c}>
            {t(`feeds.counts.${c}`)}: <strong>{run[c]}</strong>
          </li>
        ))}
      </ul>
      {run.errors.length > 0 ? (
        <ul className="feeds-errors">
          {run.errors.map((e, i) => (
            <li key={i}>
              {e.line === 0 ? t("feeds.runs.wholeFile") : t("feeds.runs.line", { line: e.line })}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** Whether a run's owners are told; a held surge with the decision for those who may make it. */
function RunOwners({ run, mayDecide }: { run: FeedRunListItem; mayDecide: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [failed, setFailed] = useState<unknown>(null);
  if (run.notifyHold === "discarded") return <Badge tone="neutral">{t("feeds.runs.discarded")}</Badge>;
  if (run.notifyHold === null) return run.status === "done" ? <>{t("feeds.runs.ownersTold")}</> : <>—</>;
  const decide = async (verb: "release" | "discard") => {
    try {
      setFailed(null);
      await decideHeldRun(run.id, verb);
    } catch (err) {
      setFailed(err);
    }
    await client.invalidateQueries({ queryKey: feedKeys.all });
  };
  return (
    <div className="feeds-held">
      <Badge tone="warn">{t("feeds.runs.held")}</Badge>
      <span className="cell-sub">{t("feeds.runs.heldHelp")}</span>
      {mayDecide ? (
        <span className="feeds-held-actions">
          <button type="button" className="btn btn-secondary" onClick={() => void decide("release")}>
            {t("feeds.runs.release")}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => void decide("discard")}>
            {t("feeds.runs.discard")}
          </button>
        </span>
      ) : null}
      {failed ? (
        <Notice tone="error">{t("feeds.runs.decisionFailed", { error: errorMessage(t, failed) })}</Notice>
      ) : null}
    </div>
  );
}

/** The latest runs with their counts and errors; a held surge waits here for a decision. */
export function FeedRuns({ mayDecide }: { mayDecide: boolean }) {
  const { t, i18n } = useTranslation();
  const runs = useFeedRuns();
  return (
    <Section title={t("feeds.runs.title")} id="feed-runs">
      {runs.isError ? <Notice tone="error">{errorMessage(t, runs.error)}</Notice> : null}
      {runs.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {runs.data ? (
        <Table<FeedRunListItem>
          caption={t("feeds.runs.title")}
          rows={runs.data.items}
          rowKey={(r) => r.id}
          empty={t("feeds.runs.empty")}
          columns={[
            {
              key: "file",
              header: t("feeds.runs.file"),
              cell: (r) => (
                <>
                  {r.fileName}
                  <span className="cell-sub">
                    {r.source.name}
                    {r.reportType ? ` · ${r.reportType}` : ""}
                  </span>
                </>
              ),
            },
            { key: "status", header: t("feeds.runs.status"), cell: (r) => <RunStatus status={r.status} /> },
            { key: "rows", header: t("feeds.counts.rows"), className: "cell-num", cell: (r) => r.rows },
            { key: "events", header: t("feeds.counts.events"), className: "cell-num", cell: (r) => r.events },
            { key: "dup", header: t("feeds.counts.duplicates"), className: "cell-num", cell: (r) => r.duplicates },
            { key: "rej", header: t("feeds.counts.rejected"), className: "cell-num", cell: (r) => r.rejected },
            { key: "owners", header: t("feeds.runs.owners"), cell: (r) => <RunOwners run={r} mayDecide={mayDecide} /> },
            {
              key: "errors",
              header: t("feeds.runs.errors"),
              cell: (r) =>
                r.errors.length === 0 ? (
                  "—"
                ) : (
                  <details>
                    <summary>{t("feeds.runs.errorCount", { count: r.errors.length })}</summary>
                    <RunCounts run={{ ...r }} />
                  </details>
                ),
            },
            {
              key: "at",
              header: t("feeds.runs.startedAt"),
              className: "cell-nowrap",
              cell: (r) => formatDateTime(r.startedAt, i18n.language),
            },
          ]}
        />
      ) : null}
    </Section>
  );
}
