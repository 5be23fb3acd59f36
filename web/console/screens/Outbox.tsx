import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import type { OutboxMessage, OutboxStatus, Page } from "../../lib/api/types.js";
import { formatDateTime } from "../../lib/time.js";
import { Button } from "../../lib/ui/Button.js";
import { Badge, Notice } from "../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../lib/ui/Page.js";
import { Table } from "../../lib/ui/Table.js";

const STATUS_TONE: Record<OutboxStatus, "neutral" | "good" | "bad" | "warn"> = {
  queued: "warn",
  sent: "good",
  kept: "neutral",
  failed: "bad",
};

/** Admin: outgoing mail, newest first; open one to read it in full. */
export function Outbox() {
  const { t, i18n } = useTranslation();
  const [openId, setOpenId] = useState<string | null>(null);
  const mail = useInfiniteQuery({
    queryKey: ["outbox"],
    queryFn: ({ pageParam }) => api<Page<OutboxMessage>>("GET", `/outbox${query({ limit: 50, cursor: pageParam })}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = mail.data?.pages.flatMap((p) => p.items) ?? [];
  const open = rows.find((m) => m.id === openId);

  return (
    <>
      <PageHeader title={t("outbox.title")} />
      <p className="muted">{t("outbox.intro")}</p>
      {mail.isError ? <Notice tone="error">{errorMessage(t, mail.error)}</Notice> : null}
      {open ? <MessageView message={open} onClose={() => setOpenId(null)} /> : null}
      {mail.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <Table
          caption={t("outbox.title")}
          rows={rows}
          rowKey={(m) => m.id}
          empty={t("outbox.empty")}
          rowClassName={(m) => (m.id === openId ? "row-selected" : undefined)}
          columns={[
            {
              key: "created",
              header: t("outbox.created"),
              className: "cell-nowrap",
              cell: (m) => formatDateTime(m.createdAt, i18n.language),
            },
            { key: "to", header: t("outbox.to"), cell: (m) => m.to.join(", ") },
            {
              key: "subject",
              header: t("outbox.subject"),
              cell: (m) => (
                <button
                  type="button"
                  className="linkish"
                  onClick={() => setOpenId(m.id)}
                  aria-expanded={m.id === openId}
                >
                  {m.subject || t("outbox.noSubject")}
                </button>
              ),
            },
            {
              key: "status",
              header: t("outbox.status"),
              cell: (m) => <Badge tone={STATUS_TONE[m.status]}>{t(`outbox.statuses.${m.status}`)}</Badge>,
            },
            {
              key: "sent",
              header: t("outbox.sent"),
              className: "cell-nowrap",
              cell: (m) => formatDateTime(m.sentAt, i18n.language),
            },
          ]}
        />
      )}
      {mail.hasNextPage ? (
        <Button onClick={() => void mail.fetchNextPage()} busy={mail.isFetchingNextPage}>
          {t("common.more")}
        </Button>
      ) : null}
    </>
  );
}

function MessageView({ message, onClose }: { message: OutboxMessage; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Section title={message.subject || t("outbox.noSubject")} id="message">
      <dl className="facts">
        <dt>{t("outbox.to")}</dt>
        <dd>{message.to.join(", ")}</dd>
        <dt>{t("outbox.created")}</dt>
        <dd>{formatDateTime(message.createdAt, i18n.language, true)}</dd>
        <dt>{t("outbox.status")}</dt>
        <dd>{t(`outbox.statuses.${message.status}`)}</dd>
        {message.error ? (
          <>
            <dt>{t("outbox.error")}</dt>
            <dd className="text-danger">{message.error}</dd>
          </>
        ) : null}
      </dl>
      <pre className="mail-body">{message.body}</pre>
      <Button onClick={onClose}>{t("common.close")}</Button>
    </Section>
  );
}
