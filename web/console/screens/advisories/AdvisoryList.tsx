import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AdvisoryStatus } from "../../../../contract/advisories.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { SelectField } from "../../../lib/ui/Field.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { ADVISORIES_PATH, type AdvisorySummary, advisoryHref, useAdvisoryList } from "./api.js";
import { StatusBadge } from "./parts.js";

const FILTERS = ["open", "all", ...AdvisoryStatus.options] as const;
type Filter = (typeof FILTERS)[number];

function shown(filter: Filter, a: AdvisorySummary): boolean {
  if (filter === "all") return true;
  if (filter === "open") return a.status !== "published";
  return a.status === filter;
}

/** Every advisory, newest change first, filtered by where it stands in the workflow. */
export function AdvisoryList() {
  const { t, i18n } = useTranslation();
  const list = useAdvisoryList();
  const [filter, setFilter] = useState<Filter>("open");
  const rows = (list.data?.items ?? []).filter((a) => shown(filter, a));
  return (
    <>
      <PageHeader title={t("advisories.title")}>
        <Link className="btn btn-primary" to={`${ADVISORIES_PATH}/new`}>
          {t("advisories.new")}
        </Link>
      </PageHeader>
      <p className="ws-intro">{t("advisories.intro")}</p>
      <Section title={t("advisories.listTitle")} id="advisory-list">
        <SelectField
          label={t("advisories.show")}
          value={filter}
          onChange={(e) => setFilter(e.target.value as Filter)}
          options={FILTERS.map((f) => ({ value: f, label: t(`advisories.filters.${f}`) }))}
        />
        {list.isError ? <Notice tone="error">{errorMessage(t, list.error)}</Notice> : null}
        {list.isPending ? <p role="status">{t("common.loading")}</p> : null}
        {list.data ? (
          <Table<AdvisorySummary>
            caption={t("advisories.listTitle")}
            rows={rows}
            rowKey={(a) => a.id}
            empty={t("advisories.empty")}
            columns={[
              {
                key: "id",
                header: t("advisories.trackingId"),
                className: "cell-nowrap",
                cell: (a) => <Link to={advisoryHref(a.id)}>{a.trackingId}</Link>,
              },
              {
                key: "title",
                header: t("advisories.titleColumn"),
                cell: (a) => (
                  <>
                    {a.title}
                    <span className="cell-sub">{t(`advisories.kinds.${a.kind}`)}</span>
                  </>
                ),
              },
              {
                key: "status",
                header: t("advisories.status"),
                cell: (a) => (
                  <>
                    <StatusBadge status={a.status} />{" "}
                    {a.translationLags ? <Badge tone="warn">{t("advisories.lags")}</Badge> : null}
                  </>
                ),
              },
              { key: "tlp", header: t("advisories.tlp"), cell: (a) => <TlpBadge label={a.tlp} /> },
              {
                key: "updated",
                header: t("advisories.updated"),
                className: "cell-nowrap",
                cell: (a) => formatDateTime(a.updatedAt, i18n.language),
              },
            ]}
          />
        ) : null}
      </Section>
    </>
  );
}
