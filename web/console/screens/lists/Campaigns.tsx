import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { Campaign } from "../../../../contract/mailing-lists.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { listKeys, useCampaigns } from "./api.js";

/** The list mail sent (all lists, or the chosen one): progress, and an admin's pause and resume. */
export function Campaigns({ list, mayPause }: { list: string; mayPause: boolean }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const campaigns = useCampaigns(list);
  const act = useMutation({
    mutationFn: ({ id, what }: { id: string; what: "pause" | "resume" }) =>
      api<Campaign>("POST", `/lists/campaigns/${id}/${what}`),
    onSuccess: () => client.invalidateQueries({ queryKey: listKeys.all }),
  });
  return (
    <Section title={t("lists.campaigns.title")} id="list-campaigns">
      {campaigns.isError ? <Notice tone="error">{errorMessage(t, campaigns.error)}</Notice> : null}
      {act.isError ? <Notice tone="error">{errorMessage(t, act.error)}</Notice> : null}
      {campaigns.data ? (
        <Table<Campaign>
          caption={t("lists.campaigns.title")}
          rows={campaigns.data.items}
          rowKey={(c) => c.id}
          empty={t("lists.campaigns.empty")}
          columns={[
            {
              key: "subject",
              header: t("lists.campaigns.subject"),
              cell: (c) => (
                <>
                  {c.subject}
                  <span className="cell-sub">
                    {c.list}
                    {c.sourceRef ? ` · ${c.sourceRef}` : ""}
                    {c.signed ? ` · ${t("lists.campaigns.signed")}` : ""}
                  </span>
                </>
              ),
            },
            {
              key: "status",
              header: t("lists.campaigns.status"),
              cell: (c) => (
                <Badge tone={c.status === "paused" ? "warn" : c.status === "done" ? "good" : "neutral"}>
                  {t(`lists.campaigns.statuses.${c.status}`)}
                </Badge>
              ),
            },
            {
              key: "progress",
              header: t("lists.campaigns.progress"),
              cell: (c) => (
                <>
                  <progress
                    max={Math.max(c.recipients, 1)}
                    value={c.sent + c.failed}
                    aria-label={t("lists.campaigns.progress")}
                  />
                  <span className="cell-sub">
                    {t("lists.campaigns.counts", { sent: c.sent, failed: c.failed, remaining: c.remaining })}
                  </span>
                </>
              ),
            },
            {
              key: "created",
              header: t("lists.campaigns.created"),
              className: "cell-nowrap",
              cell: (c) => formatDateTime(c.createdAt, i18n.language),
            },
            ...(mayPause
              ? [
                  {
                    key: "act",
                    header: t("lists.campaigns.actions"),
                    cell: (c: Campaign) =>
                      c.status === "sending" || c.status === "paused" ? (
                        <Button
                          variant="quiet"
                          busy={act.isPending}
                          aria-label={t(
                            c.status === "sending" ? "lists.campaigns.pauseNamed" : "lists.campaigns.resumeNamed",
                            {
                              subject: c.subject,
                            },
                          )}
                          onClick={() => act.mutate({ id: c.id, what: c.status === "sending" ? "pause" : "resume" })}
                        >
                          {t(c.status === "sending" ? "lists.campaigns.pause" : "lists.campaigns.resume")}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      ) : null}
    </Section>
  );
}
