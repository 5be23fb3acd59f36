import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ChangeRequest, ChangeRequestList } from "../../contract/members.js";
import { api } from "../lib/api/client.js";
import { errorMessage } from "../lib/api/errors.js";
import { formatDateTime } from "../lib/time.js";
import { Notice } from "../lib/ui/Notice.js";
import { PageHeader } from "../lib/ui/Page.js";
import { Table } from "../lib/ui/Table.js";

/** What a request asks for, in a line. */
export function describeChange(r: ChangeRequest, t: (key: string) => string): string {
  const p: Record<string, unknown> = r.payload;
  const what = ["network", "domain", "asn", "email"].map((k) => p[k]).find((v) => v !== undefined);
  return `${t(`member.request.kinds.${r.kind}`)}${what === undefined ? "" : `: ${String(what)}`}`;
}

/** The member's organisations' change requests and the CERT's answers. */
export function RequestsScreen() {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: ["my", "change-requests"],
    queryFn: () => api<ChangeRequestList>("GET", "/my/change-requests?limit=200"),
  });
  return (
    <>
      <PageHeader title={t("member.requests.title")} />
      {list.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {list.isError ? <Notice tone="error">{errorMessage(t, list.error)}</Notice> : null}
      {list.data ? (
        <Table
          caption={t("member.requests.title")}
          columns={[
            {
              key: "c",
              header: t("member.requests.change"),
              cell: (r) => `${describeChange(r, t)} — ${r.organisation.name}`,
            },
            { key: "s", header: t("member.requests.status"), cell: (r) => t(`member.requests.statuses.${r.status}`) },
            { key: "a", header: t("member.requests.asked"), cell: (r) => formatDateTime(r.createdAt, i18n.language) },
            { key: "b", header: t("member.requests.by"), cell: (r) => r.requestedBy.name },
            { key: "n", header: t("member.requests.note"), cell: (r) => r.note },
          ]}
          rows={list.data.items}
          rowKey={(r) => r.id}
          empty={t("member.requests.empty")}
        />
      ) : null}
    </>
  );
}
