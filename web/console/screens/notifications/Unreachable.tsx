import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { UnreachableList } from "../../../../contract/notifications.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { mayDeliver, notificationKeys, useUnreachable } from "./api.js";

type Row = UnreachableList["items"][number];

/** Organisations Fyr cannot reach: bounced addresses (cleared once fixed) and digests that reached nobody. */
export function Unreachable({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const list = useUnreachable();
  const clear = useMutation({
    mutationFn: (address: string) => api("DELETE", `/notifications/unreachable/${encodeURIComponent(address)}`),
    onSuccess: () => void client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
  return (
    <Section title={t("notifications.unreachable.title")} id="notification-unreachable">
      <p className="cell-sub">{t("notifications.unreachable.intro")}</p>
      {list.isError ? <Notice tone="error">{errorMessage(t, list.error)}</Notice> : null}
      {clear.isError ? <Notice tone="error">{errorMessage(t, clear.error)}</Notice> : null}
      {list.data ? (
        <Table<Row>
          caption={t("notifications.unreachable.title")}
          rows={list.data.items}
          rowKey={(r) => r.organisation.id}
          empty={t("notifications.unreachable.empty")}
          columns={[
            { key: "org", header: t("notifications.list.organisation"), cell: (r) => r.organisation.name },
            {
              key: "failing",
              header: t("notifications.unreachable.failing"),
              cell: (r) =>
                r.failing.length === 0 ? (
                  t("notifications.unreachable.noContact")
                ) : (
                  <ul className="plain-list">
                    {r.failing.map((f) => (
                      <li key={f.address}>
                        {f.address}{" "}
                        <span className="cell-sub">
                          {f.reason} · {formatDateTime(f.failedAt, i18n.language)}
                        </span>{" "}
                        {mayDeliver(me) ? (
                          <Button variant="quiet" busy={clear.isPending} onClick={() => clear.mutate(f.address)}>
                            {t("notifications.unreachable.clear")}
                          </Button>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ),
            },
            { key: "last", header: t("notifications.unreachable.last"), cell: (r) => r.lastNotification ?? "" },
          ]}
        />
      ) : null}
    </Section>
  );
}
