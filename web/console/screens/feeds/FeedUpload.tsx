import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/api/errors.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { RunCounts } from "./FeedRuns.js";
import { feedKeys, uploadFeedFile, useFeedRun } from "./api.js";

/** The upload form (file, format, report type, source, CSV mapping) and the run's progress after it. */
export function FeedUpload({ csrfToken }: { csrfToken: string | null }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [format, setFormat] = useState("shadowserver");
  const [reportType, setReportType] = useState("");
  const [source, setSource] = useState("");
  const [mapping, setMapping] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = useFeedRun(runId);
  const finished = run.data?.status === "done" || run.data?.status === "failed";
  useEffect(() => {
    if (finished) void client.invalidateQueries({ queryKey: feedKeys.all });
  }, [finished, client]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setRunId(await uploadFeedFile({ format, reportType, source, mapping }, file, csrfToken));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t("feeds.upload.title")} id="feed-upload">
      <form className="feeds-form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          {t("feeds.upload.file")}
          <input type="file" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="field">
          {t("feeds.upload.format")}
          <select value={format} onChange={(e) => setFormat(e.target.value)}>
            <option value="shadowserver">Shadowserver</option>
            <option value="intelmq">{t("feeds.formats.intelmq")}</option>
            <option value="csv">{t("feeds.formats.csv")}</option>
            <option value="json">{t("feeds.formats.json")}</option>
          </select>
        </label>
        {format === "shadowserver" ? (
          <label className="field">
            {t("feeds.upload.reportType")}
            <input value={reportType} placeholder="scan_rdp" onChange={(e) => setReportType(e.target.value)} />
            <span className="field-hint">{t("feeds.upload.reportTypeHint")}</span>
          </label>
        ) : null}
        <label className="field">
          {t("feeds.upload.source")}
          <input value={source} placeholder={format} onChange={(e) => setSource(e.target.value)} />
        </label>
        {format === "csv" || format === "json" ? (
          <label className="field">
            {t("feeds.upload.mapping")}
            <input
              value={mapping}
              placeholder="timestamp=time.source,ip=source.ip"
              onChange={(e) => setMapping(e.target.value)}
            />
            <span className="field-hint">{t("feeds.upload.mappingHint")}</span>
          </label>
        ) : null}
        <div>
          <button type="submit" className="btn btn-primary" disabled={busy || !file}>
            {t("feeds.upload.submit")}
          </button>
        </div>
      </form>
      {error ? <Notice tone="error">{errorMessage(t, error)}</Notice> : null}
      {run.data ? (
        <div className="feed-progress" data-testid="feed-run-progress">
          <Notice tone={run.data.status === "failed" ? "error" : run.data.status === "done" ? "success" : "info"}>
            {t(`feeds.status.${run.data.status}`)}
          </Notice>
          <RunCounts run={run.data} />
        </div>
      ) : null}
    </Section>
  );
}
