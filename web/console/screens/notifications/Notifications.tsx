import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DeliveryStatus, NotificationRunResult, NotificationSummary } from "../../../../contract/notifications.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { AdviceEditor } from "./AdviceEditor.js";
import { NotificationPanel } from "./NotificationPanel.js";
import { Unreachable } from "./Unreachable.js";
import { mayAdminister, notificationKeys, useNotifications } from "./api.js";
import "./notifications.css";

/** A delivery's status as a badge. */
export function DeliveryBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  const tone = status === "sent" || status === "kept" ? "good" : status === "queued" ? "warn" : "bad";
  return <Badge tone={tone}>{t(`notifications.status.${status}`)}</Badge>;
}

/** Notifications to owners: the digests sent, one opened with its events and deliveries, the cannot-reach list, advice. */
export function Notifications({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const list = useNotifications(cursor);
  const [open, setOpen] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: () => api<NotificationRunResult>("POST", "/notifications/run"),
    onSuccess: () => void client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
  return (
    <>
      <PageHeader title={t("notifications.title")}>
        {mayAdminister(me) ? (
          <Button variant="primary" busy={run.isPending} onClick={() => run.mutate()}>
            {t("notifications.run")}
          </Button>
        ) : null}
      </PageHeader>
      <p className="ws-intro">{t("notifications.intro")}</p>
      {run.isError ? <Notice tone="error">{errorMessage(t, run.error)}</Notice> : null}
      {run.data ? (
        <Notice tone="success">
          {t("notifications.ran", { count: run.data.notifications, organisations: run.data.organisations })}
        </Notice>
      ) : null}
      <Section title={t("notifications.list.title")} id="notification-list">
        {list.isError ? <Notice tone="error">{errorMessage(t, list.error)}</Notice> : null}
        {list.isPending ? <p role="status">{t("common.loading")}</p> : null}
        {list.data ? (
          <>
            <Table<NotificationSummary>
              caption={t("notifications.list.title")}
              rows={list.data.items}
              rowKey={(n) => n.id}
              empty={t("notifications.list.empty")}
              columns={[
                {
                  key: "reference",
                  header: t("notifications.list.reference"),
                  cell: (n) => (
                    <Button
                      variant="quiet"
                      aria-expanded={open === n.id}
                      onClick={() => setOpen(open === n.id ? null : n.id)}
                    >
                      {n.reference}
                    </Button>
                  ),
                },
                { key: "org", header: t("notifications.list.organisation"), cell: (n) => n.organisation.name },
                {
                  key: "interval",
                  header: t("notifications.list.interval"),
                  cell: (n) => t(`notifications.interval.${n.interval}`),
                },
                { key: "events", header: t("notifications.list.events"), className: "cell-num", cell: (n) => n.events },
                {
                  key: "status",
                  header: t("notifications.list.status"),
                  cell: (n) => <DeliveryBadge status={n.status} />,
                },
                {
                  key: "at",
                  header: t("notifications.list.createdAt"),
                  className: "cell-nowrap",
                  cell: (n) => formatDateTime(n.createdAt, i18n.language),
                },
              ]}
            />
            <div className="pager">
              {cursors.length > 1 ? (
                <Button onClick={() => setCursors(cursors.slice(0, -1))}>{t("notifications.list.newer")}</Button>
              ) : null}
              {list.data.nextCursor ? (
                <Button onClick={() => setCursors([...cursors, list.data.nextCursor ?? undefined])}>
                  {t("notifications.list.older")}
                </Button>
              ) : null}
            </div>
          </>
        ) : null}
      </Section>
      {open ? <NotificationPanel id={open} me={me} /> : null}
      <Unreachable me={me} />
      <AdviceEditor me={me} />
    </>
  );
}
