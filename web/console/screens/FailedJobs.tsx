import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import type { Job, Page } from "../../lib/api/types.js";
import { formatDateTime } from "../../lib/time.js";
import { Button } from "../../lib/ui/Button.js";
import { Notice } from "../../lib/ui/Notice.js";
import { PageHeader } from "../../lib/ui/Page.js";
import { Table } from "../../lib/ui/Table.js";

/** Admin: jobs that ran out of attempts, with their last error and a button to run them again. */
export function FailedJobs() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const jobs = useQuery({
    queryKey: ["jobs", "failed"],
    queryFn: () => api<Page<Job>>("GET", "/jobs?status=failed&limit=200"),
  });
  const retry = useMutation({
    mutationFn: (job: Job) => api("POST", `/jobs/${job.id}/retry`),
    onSuccess: async (_r, job) => {
      setMessage(t("jobs.retried", { name: job.name }));
      await client.invalidateQueries({ queryKey: ["jobs"] });
    },
  });

  return (
    <>
      <PageHeader title={t("jobs.title")}>
        <Button onClick={() => void jobs.refetch()} busy={jobs.isFetching}>
          {t("common.refresh")}
        </Button>
      </PageHeader>
      <p className="muted">{t("jobs.intro")}</p>
      {message ? <Notice tone="success">{message}</Notice> : null}
      {retry.isError ? <Notice tone="error">{errorMessage(t, retry.error)}</Notice> : null}
      {jobs.isError ? <Notice tone="error">{errorMessage(t, jobs.error)}</Notice> : null}
      {jobs.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <Table
          caption={t("jobs.title")}
          rows={jobs.data?.items ?? []}
          rowKey={(j) => String(j.id)}
          empty={t("jobs.empty")}
          columns={[
            { key: "name", header: t("jobs.name"), cell: (j) => <code>{j.name}</code> },
            {
              key: "error",
              header: t("jobs.error"),
              cell: (j) => <span className="error-text">{j.lastError ?? "—"}</span>,
            },
            {
              key: "attempts",
              header: t("jobs.attempts"),
              className: "cell-num",
              cell: (j) => `${j.attempts} / ${j.maxAttempts}`,
            },
            {
              key: "updated",
              header: t("jobs.failedAt"),
              className: "cell-nowrap",
              cell: (j) => formatDateTime(j.updatedAt, i18n.language),
            },
            {
              key: "actions",
              header: <span className="visually-hidden">{t("common.actions")}</span>,
              className: "cell-actions",
              cell: (j) => (
                <Button
                  onClick={() => retry.mutate(j)}
                  busy={retry.isPending && retry.variables.id === j.id}
                  aria-label={t("jobs.retryNamed", { name: j.name })}
                >
                  {t("jobs.retry")}
                </Button>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
