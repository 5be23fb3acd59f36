import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { NotificationDetail, NotificationRunResult } from "../../../../contract/notifications.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { DeliveryBadge } from "./Notifications.js";
import { mayDeliver, notificationKeys, useNotification } from "./api.js";

type Delivery = NotificationDetail["deliveries"][number];
type EventRow = NotificationDetail["eventList"][number];

/** One digest: what it said, its events, every delivery with its status, the owner's replies; resend, send now. */
export function NotificationPanel({ id, me }: { id: string; me: Me }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const one = useNotification(id);
  const refresh = () => void client.invalidateQueries({ queryKey: notificationKeys.all });
  const resend = useMutation({
    mutationFn: () => api<NotificationDetail>("POST", `/notifications/${id}/resend`),
    onSuccess: refresh,
  });
  const sendNow = useMutation({
    mutationFn: (organisation: string) =>
      api<NotificationRunResult>("POST", "/notifications/send-now", { organisation }),
    onSuccess: refresh,
  });
  const n = one.data;
  return (
    <Section title={n ? n.reference : t("notifications.detail.title")} id="notification-detail">
      {one.isError ? <Notice tone="error">{errorMessage(t, one.error)}</Notice> : null}
      {resend.isError ? <Notice tone="error">{errorMessage(t, resend.error)}</Notice> : null}
      {sendNow.isError ? <Notice tone="error">{errorMessage(t, sendNow.error)}</Notice> : null}
      {sendNow.data ? (
        <Notice tone="success">
          {t("notifications.ran", { count: sendNow.data.notifications, organisations: sendNow.data.organisations })}
        </Notice>
      ) : null}
      {n ? (
        <>
          <p>
            {n.organisation.name} · {t(`notifications.interval.${n.interval}`)} ·{" "}
            {t("notifications.detail.events", { count: n.events })}
            {n.inhibited > 0 ? ` · ${t("notifications.detail.inhibited", { count: n.inhibited })}` : ""}
          </p>
          {mayDeliver(me) ? (
            <div className="actions">
              <Button busy={resend.isPending} onClick={() => resend.mutate()}>
                {t("notifications.detail.resend")}
              </Button>
              <Button busy={sendNow.isPending} onClick={() => sendNow.mutate(n.organisation.id)}>
                {t("notifications.detail.sendNow")}
              </Button>
            </div>
          ) : null}
          <h3>{t("notifications.detail.deliveries")}</h3>
          <Table<Delivery>
            caption={t("notifications.detail.deliveries")}
            rows={n.deliveries}
            rowKey={(d) => d.id}
            empty="—"
            columns={[
              {
                key: "status",
                header: t("notifications.list.status"),
                cell: (d) => <DeliveryBadge status={d.status} />,
              },
              { key: "to", header: t("notifications.detail.recipients"), cell: (d) => d.recipients.join(", ") || "—" },
              {
                key: "sealed",
                header: t("notifications.detail.sealed"),
                cell: (d) =>
                  d.encrypted ? t("notifications.detail.encrypted") : d.signed ? t("notifications.detail.signed") : "—",
              },
              { key: "why", header: t("notifications.detail.problem"), cell: (d) => d.bounceReason ?? d.error ?? "" },
              {
                key: "by",
                header: t("notifications.detail.requestedBy"),
                cell: (d) => d.requestedBy ?? t("notifications.detail.fyr"),
              },
              {
                key: "at",
                header: t("notifications.list.createdAt"),
                className: "cell-nowrap",
                cell: (d) => formatDateTime(d.createdAt, i18n.language),
              },
            ]}
          />
          <h3>{t("notifications.detail.eventsTitle")}</h3>
          <Table<EventRow>
            caption={t("notifications.detail.eventsTitle")}
            rows={n.eventList}
            rowKey={(e) =>
              `${e.timeSource}/${e.sourceIp ?? ""}/${e.sourcePort ?? ""}/${e.classificationIdentifier ?? ""}`
            }
            empty="—"
            columns={[
              {
                key: "at",
                header: "time.source",
                className: "cell-nowrap",
                cell: (e) => formatDateTime(e.timeSource, i18n.language),
              },
              { key: "type", header: "classification.type", cell: (e) => e.classificationType },
              { key: "id", header: "classification.identifier", cell: (e) => e.classificationIdentifier ?? "" },
              { key: "ip", header: "source.ip", cell: (e) => e.sourceIp ?? "" },
              { key: "port", header: "source.port", className: "cell-num", cell: (e) => e.sourcePort ?? "" },
              { key: "feed", header: "feed.name", cell: (e) => e.feedName ?? "" },
            ]}
          />
          {n.moreEvents > 0 ? (
            <p className="cell-sub">{t("notifications.detail.more", { count: n.moreEvents })}</p>
          ) : null}
          <h3>{t("notifications.detail.replies")}</h3>
          {n.replies.length === 0 ? (
            <p className="empty">{t("notifications.detail.noReplies")}</p>
          ) : (
            <ul className="notification-replies">
              {n.replies.map((r) => (
                <li key={r.id}>
                  <strong>{r.from ?? "?"}</strong> · {formatDateTime(r.receivedAt, i18n.language)}
                  <pre>{r.body}</pre>
                </li>
              ))}
            </ul>
          )}
          <details>
            <summary>{t("notifications.detail.text")}</summary>
            <pre className="notification-text">{n.body}</pre>
          </details>
        </>
      ) : null}
    </Section>
  );
}
