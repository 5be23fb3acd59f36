import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportListItem, ReportsPage, ReportsQuery } from "../../../../contract/intake-staff.js";
import { api, query } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { REPORT_STATUSES, type ReportStatus } from "../../../lib/intake/options.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField } from "../../../lib/ui/Field.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { useNow } from "../../../lib/ui/useNow.js";
import { mayHandleReports } from "../../session.js";
import { formatAge, liveAgeSeconds } from "./age.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { STATUS_TONE } from "./badges.js";
import { NewMarker } from "../unread/NewMarker.js";

type InboxSort = ReportsQuery["sort"];

interface Row extends ReportListItem {
  fetchedAt: number;
}

/** The Reports inbox: newest first, each report's age ticking, overdue ones marked; filter and page on. */
export function Inbox({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<ReportStatus | "">("");
  const [sort, setSort] = useState<InboxSort>("received");
  const now = useNow(1000);
  const reports = useInfiniteQuery({
    queryKey: ["reports", status, sort],
    queryFn: async ({ pageParam }) => {
      const page = await api<ReportsPage>("GET", `/reports${query({ status, sort, limit: 50, cursor: pageParam })}`);
      const fetchedAt = Date.now();
      return { ...page, items: page.items.map((r): Row => ({ ...r, fetchedAt })) };
    },
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 60_000,
  });
  const rows = reports.data?.pages.flatMap((p) => p.items) ?? [];
  const age = (r: Row) => liveAgeSeconds(r.ageSeconds, r.fetchedAt, now);
  // Overdue by the API's target, re-judged every tick so a row turns without a re-fetch.
  const overdue = (r: Row) => r.status === "new" && age(r) > r.ackTargetMinutes * 60;

  return (
    <>
      <PageHeader title={t("reports.title")}>
        {mayHandleReports(me) ? (
          <Link to="/console/reports/phone" className="btn btn-secondary">
            {t("reports.phone.open")}
          </Link>
        ) : null}
      </PageHeader>
      <div className="filters inbox-filters">
        <SelectField
          label={t("reports.filterStatus")}
          value={status}
          onChange={(e) => setStatus(e.target.value as ReportStatus | "")}
          options={[
            { value: "", label: t("reports.allStatuses") },
            ...REPORT_STATUSES.map((s) => ({ value: s, label: t(`reports.statuses.${s}`) })),
          ]}
        />
        <SelectField
          label={t("unread.sortLabel")}
          value={sort}
          onChange={(e) => setSort(e.target.value === "unread" ? "unread" : "received")}
          options={[
            { value: "received", label: t("unread.inboxSorts.received") },
            { value: "unread", label: t("unread.inboxSorts.unread") },
          ]}
        />
        <Button variant="quiet" onClick={() => void reports.refetch()} busy={reports.isRefetching}>
          {t("common.refresh")}
        </Button>
      </div>
      {reports.isError ? <Notice tone="error">{errorMessage(t, reports.error)}</Notice> : null}
      {reports.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <Table
          caption={t("reports.title")}
          rows={rows}
          rowKey={(r) => r.reference}
          empty={t("reports.empty")}
          rowClassName={(r) =>
            [overdue(r) ? "row-overdue" : "", r.unread ? "row-unread" : ""].join(" ").trim() || undefined
          }
          columns={[
            {
              key: "age",
              header: t("reports.age.header"),
              className: "cell-nowrap cell-age",
              cell: (r) => (
                <>
                  <span className="age">{formatAge(t, age(r))}</span>
                  {overdue(r) ? (
                    <span className="overdue-flag">{t("reports.overdue", { minutes: r.ackTargetMinutes })}</span>
                  ) : null}
                </>
              ),
            },
            {
              key: "reference",
              header: t("reports.reference"),
              className: "cell-nowrap",
              cell: (r) => (
                <>
                  <Link to={`/console/reports/${encodeURIComponent(r.reference)}`} className="mono">
                    {r.reference}
                  </Link>
                  <span className="cell-sub">{formatDateTime(r.receivedAt, i18n.language)}</span>
                </>
              ),
            },
            {
              key: "what",
              header: t("reports.what"),
              className: "cell-what",
              cell: (r) => (
                <>
                  {r.summary ? <strong className="cell-summary">{r.summary}</strong> : null}
                  <span className="cell-excerpt">{r.excerpt}</span>
                </>
              ),
            },
            {
              key: "from",
              header: t("reports.from"),
              cell: (r) => (
                <>
                  {r.organisationName ?? r.reporterName ?? r.reporterEmail ?? "—"}
                  {r.sector ? <span className="cell-sub">{t(`sectors.${r.sector}`)}</span> : null}
                </>
              ),
            },
            {
              key: "status",
              header: t("reports.status"),
              cell: (r) => (
                <span className="badges">
                  {r.unread ? <NewMarker /> : null}
                  <Badge tone={STATUS_TONE[r.status]}>{t(`reports.statuses.${r.status}`)}</Badge>
                  {r.nis2 ? <Badge tone="warn">NIS2</Badge> : null}
                  {r.partlyRead ? (
                    <Badge tone="warn">
                      <span title={t("reports.partlyReadHint")}>{t("reports.partlyRead")}</span>
                    </Badge>
                  ) : null}
                  {r.filesNotStored > 0 ? (
                    <Badge tone="warn">{t("reports.filesNotStored", { count: r.filesNotStored })}</Badge>
                  ) : null}
                  {r.unverifiedReference ? (
                    <Badge tone="warn">{t("reports.mail.unverifiedBadge", { reference: r.unverifiedReference })}</Badge>
                  ) : null}
                  {r.messageIdReused ? <Badge tone="warn">{t("reports.mail.messageIdReusedBadge")}</Badge> : null}
                  <span className="cell-sub">{t(`reports.channels.${r.channel}`)}</span>
                </span>
              ),
            },
            { key: "tlp", header: "TLP", cell: (r) => <TlpBadge label={r.tlp} /> },
          ]}
        />
      )}
      {reports.hasNextPage ? (
        <Button onClick={() => void reports.fetchNextPage()} busy={reports.isFetchingNextPage}>
          {t("common.more")}
        </Button>
      ) : null}
    </>
  );
}
