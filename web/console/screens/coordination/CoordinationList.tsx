import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CaseDetail, CaseList } from "../../../../contract/coordination.js";
import { TlpLabel } from "../../../../contract/intake.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link, navigate } from "../../../lib/router.js";
import { formatDateTime, stockholmLocalToIso } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";

/** Staff: every coordination case they may see, and a form to open one. */
export function CoordinationList() {
  const { t, i18n } = useTranslation();
  const list = useQuery({
    queryKey: ["coordination"],
    queryFn: () => api<CaseList>("GET", "/coordination/cases?limit=200"),
  });
  const [title, setTitle] = useState("");
  const [summary, setSummary] = useState("");
  const [tlp, setTlp] = useState<TlpLabel>("TLP:AMBER");
  const [incident, setIncident] = useState("");
  const [embargo, setEmbargo] = useState("");
  const create = useMutation({
    mutationFn: () =>
      api<CaseDetail>("POST", "/coordination/cases", {
        title,
        summary,
        tlp,
        incident: incident.trim() || null,
        embargoUntil: embargo ? (stockholmLocalToIso(embargo) ?? null) : null,
      }),
    onSuccess: (c) => navigate(`/console/coordination/${c.reference}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <>
      <PageHeader title={t("coordination.title")} />
      <p>{t("coordination.intro")}</p>
      {list.isError ? <Notice tone="error">{errorMessage(t, list.error)}</Notice> : null}
      {list.data ? (
        <Table
          caption={t("coordination.title")}
          columns={[
            {
              key: "r",
              header: t("coordination.reference"),
              cell: (c) => <Link to={`/console/coordination/${c.reference}`}>{c.reference}</Link>,
            },
            { key: "t", header: t("coordination.caseTitle"), cell: (c) => c.title },
            { key: "l", header: t("coordination.tlp"), cell: (c) => <TlpBadge label={c.tlp} /> },
            { key: "s", header: t("coordination.status"), cell: (c) => t(`coordination.caseStatus.${c.status}`) },
            { key: "p", header: t("coordination.participants"), cell: (c) => String(c.participants) },
            { key: "n", header: t("coordination.posts"), cell: (c) => String(c.posts) },
            { key: "u", header: t("coordination.updated"), cell: (c) => formatDateTime(c.updatedAt, i18n.language) },
          ]}
          rows={list.data.items}
          rowKey={(c) => c.reference}
          empty={t("coordination.none")}
        />
      ) : null}
      <Section title={t("coordination.newCase")} id="new-case">
        <form onSubmit={submit}>
          <TextField
            label={t("coordination.caseTitle")}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            required
          />
          <TextAreaField
            label={t("coordination.summary")}
            value={summary}
            onChange={(e) => setSummary(e.target.value)}
          />
          <SelectField
            label={t("coordination.tlp")}
            value={tlp}
            onChange={(e) => setTlp(e.target.value as TlpLabel)}
            options={TlpLabel.options.map((v) => ({ value: v, label: v }))}
          />
          <TextField
            label={t("coordination.incident")}
            value={incident}
            onChange={(e) => setIncident(e.target.value)}
          />
          <TextField
            label={t("coordination.embargoUntil")}
            type="datetime-local"
            value={embargo}
            onChange={(e) => setEmbargo(e.target.value)}
          />
          {create.isError ? <Notice tone="error">{errorMessage(t, create.error)}</Notice> : null}
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t("coordination.create")}
          </Button>
        </form>
      </Section>
    </>
  );
}
