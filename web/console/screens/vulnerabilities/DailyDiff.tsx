import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DailyDiff as Diff } from "../../../../contract/vulnerabilities.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { VULNERABILITIES_PATH, useDailyDiff } from "./api.js";
import { percent, useSummaryColumns } from "./parts.js";
import "./vulnerabilities.css";

type NewInKev = Diff["newInKev"][number];
type Jump = Diff["epssJumps"][number];

/** What changed on a day: KEV entries added since the day before, and EPSS scores that jumped. */
export function DailyDiff() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState({ day: "", threshold: "" });
  const [asked, setAsked] = useState({ day: "", threshold: "" });
  const diff = useDailyDiff(asked.day, asked.threshold);
  const kevColumns = useSummaryColumns<NewInKev>();
  const jumpColumns = useSummaryColumns<Jump>();
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setAsked(draft);
  };
  return (
    <>
      <p className="crumb">
        <Link to={VULNERABILITIES_PATH}>{t("vulnerabilities.back")}</Link>
      </p>
      <PageHeader title={t("vulnerabilities.daily.title")} />
      <form className="vu-filters" onSubmit={apply}>
        <TextField
          label={t("vulnerabilities.daily.day")}
          type="date"
          value={draft.day}
          onChange={(e) => setDraft({ ...draft, day: e.target.value })}
        />
        <TextField
          label={t("vulnerabilities.daily.threshold")}
          hint={t("vulnerabilities.daily.thresholdHint")}
          inputMode="decimal"
          value={draft.threshold}
          onChange={(e) => setDraft({ ...draft, threshold: e.target.value })}
        />
        <Button type="submit" variant="primary">
          {t("vulnerabilities.apply")}
        </Button>
      </form>
      {diff.isError ? <Notice tone="error">{errorMessage(t, diff.error)}</Notice> : null}
      {diff.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {diff.data ? (
        <>
          <p className="muted">{t("vulnerabilities.daily.between", { since: diff.data.since, day: diff.data.day })}</p>
          <Section title={t("vulnerabilities.daily.newInKev", { count: diff.data.newInKev.length })} id="vu-new-kev">
            <Table<NewInKev>
              caption={t("vulnerabilities.daily.newInKevCaption")}
              rows={diff.data.newInKev}
              rowKey={(v) => v.cve}
              empty={t("vulnerabilities.daily.noNewInKev")}
              columns={kevColumns}
            />
          </Section>
          <Section title={t("vulnerabilities.daily.jumps", { count: diff.data.epssJumps.length })} id="vu-jumps">
            <p className="muted">
              {t("vulnerabilities.daily.jumpsIntro", { threshold: percent(diff.data.threshold, i18n.language) })}
            </p>
            <Table<Jump>
              caption={t("vulnerabilities.daily.jumpsCaption")}
              rows={diff.data.epssJumps}
              rowKey={(v) => v.cve}
              empty={t("vulnerabilities.daily.noJumps")}
              columns={[
                ...jumpColumns,
                {
                  key: "rise",
                  header: t("vulnerabilities.daily.rise"),
                  className: "cell-num",
                  cell: (j) => `${percent(j.previousScore, i18n.language)} → +${percent(j.rise, i18n.language)}`,
                },
              ]}
            />
          </Section>
        </>
      ) : null}
    </>
  );
}
