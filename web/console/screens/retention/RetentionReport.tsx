import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { useLegalHolds, useRetentionReport } from "./api.js";

interface KindRow {
  kind: string;
  removed: number | null;
  months: number | null;
}

/** The yearly retention report (admins): what was removed per kind of data, the periods, the holds. */
export function RetentionReportScreen() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState(String(new Date().getFullYear()));
  const [year, setYear] = useState(new Date().getFullYear());
  const report = useRetentionReport(year);
  const holds = useLegalHolds();
  const r = report.data;
  const kinds = r ? [...new Set([...Object.keys(r.removed), ...Object.keys(r.settings)])] : [];
  const rows: KindRow[] = kinds.map((kind) => ({
    kind,
    removed: r?.removed[kind] ?? null,
    months: r?.settings[kind] ?? null,
  }));
  return (
    <>
      <PageHeader title={t("oncallOps.retention.title")}>
        <Button onClick={() => window.print()}>{t("oncallOps.retention.print")}</Button>
      </PageHeader>
      <p className="ws-intro">{t("oncallOps.retention.intro")}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(draft);
          if (Number.isInteger(n) && n >= 2000 && n <= 2200) setYear(n);
        }}
      >
        <TextField
          label={t("oncallOps.retention.year")}
          type="number"
          min={2000}
          max={2200}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <Button type="submit">{t("oncallOps.retention.show")}</Button>
      </form>
      {report.isError ? <Notice tone="error">{errorMessage(t, report.error)}</Notice> : null}
      {r ? (
        <Section title={t("oncallOps.retention.removed", { year: r.year })} id="retention-removed">
          <p>{t("oncallOps.retention.summary", { runs: r.runs, year: r.year, holds: r.legalHolds })}</p>
          <Table<KindRow>
            caption={t("oncallOps.retention.removed", { year: r.year })}
            rows={rows}
            rowKey={(x) => x.kind}
            empty="—"
            columns={[
              {
                key: "kind",
                header: t("oncallOps.retention.kind"),
                cell: (x) => t(`oncallOps.retention.kinds.${x.kind}`, { defaultValue: x.kind }),
              },
              { key: "removed", header: t("oncallOps.retention.count"), cell: (x) => x.removed ?? "—" },
              {
                key: "months",
                header: t("oncallOps.retention.months"),
                cell: (x) => (x.months === null ? "—" : x.months === 0 ? t("oncallOps.retention.kept") : x.months),
              },
            ]}
          />
        </Section>
      ) : null}
      <Section title={t("oncallOps.retention.holds")} id="retention-holds">
        {holds.isError ? <Notice tone="error">{errorMessage(t, holds.error)}</Notice> : null}
        <Table
          caption={t("oncallOps.retention.holds")}
          rows={holds.data?.items ?? []}
          rowKey={(h) => h.incidentId}
          empty={t("oncallOps.retention.noHolds")}
          columns={[
            {
              key: "incident",
              header: t("oncallOps.retention.holdIncident"),
              cell: (h) => <Link to={`/console/incidents/${h.reference}`}>{h.reference}</Link>,
            },
            { key: "reason", header: t("oncallOps.retention.holdReason"), cell: (h) => h.reason },
            {
              key: "since",
              header: t("oncallOps.retention.holdSince"),
              cell: (h) => formatDateTime(h.setAt, i18n.language),
            },
          ]}
        />
      </Section>
    </>
  );
}
