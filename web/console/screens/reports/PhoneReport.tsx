import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportReceipt } from "../../../../contract/intake.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import {
  type DraftField,
  type DraftProblem,
  type ReportDraft,
  draftErrorsFromServer,
  emptyDraft,
  toSubmission,
  validateDraft,
} from "../../../lib/intake/draft.js";
import { focusFirstError } from "../../../lib/intake/fields.js";
import { IncidentQuestions } from "../../../lib/intake/IncidentQuestions.js";
import { Nis2Fields } from "../../../lib/intake/Nis2Fields.js";
import { OrganisationFields, ReporterFields, TlpChoice } from "../../../lib/intake/ReporterFields.js";
import { wordDraftProblems } from "../../../lib/intake/wording.js";
import { Link } from "../../../lib/router.js";
import { Button } from "../../../lib/ui/Button.js";
import { CopyButton } from "../../../lib/ui/CopyButton.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";

const PREFIX = "phone";

/** A duty officer registers a report taken by telephone, asking the same questions as the web form. */
export function PhoneReport() {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState<ReportDraft>(emptyDraft);
  const [problems, setProblems] = useState<Partial<Record<DraftField, DraftProblem>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<ReportReceipt | null>(null);

  const onChange = <K extends DraftField>(field: K, value: ReportDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (problems[field]) setProblems((p) => ({ ...p, [field]: undefined }));
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const found = validateDraft(draft);
    setProblems(found);
    if (focusFirstError(found, PREFIX)) return;
    setBusy(true);
    try {
      const language = i18n.language === "en" ? "en" : "sv";
      setReceipt(await api<ReportReceipt>("POST", "/reports", toSubmission(draft, language)));
      void client.invalidateQueries({ queryKey: ["reports"] });
    } catch (err) {
      const mapped = err instanceof ApiError ? draftErrorsFromServer(err.fieldProblems) : {};
      setProblems(mapped);
      setFailure(err);
      focusFirstError(mapped, PREFIX);
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <>
        <PageHeader title={t("reports.phone.title")} />
        <Notice tone="success">{t("reports.phone.done", { reference: receipt.reference })}</Notice>
        <p>{t("reports.phone.followUpHint")}</p>
        <p className="copy-row">
          <code>{receipt.followUpUrl}</code> <CopyButton text={receipt.followUpUrl} />
        </p>
        <p className="form-actions">
          <Link to={`/console/reports/${encodeURIComponent(receipt.reference)}`} className="btn btn-primary">
            {t("reports.phone.openReport")}
          </Link>
          <Button
            onClick={() => {
              setDraft(emptyDraft());
              setReceipt(null);
            }}
          >
            {t("reports.phone.another")}
          </Button>
        </p>
      </>
    );
  }

  const props = { draft, onChange, errors: wordDraftProblems(t, problems), idPrefix: PREFIX, staff: true };
  return (
    <>
      <PageHeader title={t("reports.phone.title")} />
      <p className="muted">{t("reports.phone.intro")}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="phone-form">
        <Section title={t("report.parts.incident")} id="phone-incident">
          <IncidentQuestions {...props} />
        </Section>
        <Section title={t("report.parts.contact")} id="phone-contact">
          <ReporterFields {...props} />
        </Section>
        <Section title={t("report.parts.organisation")} id="phone-org">
          <OrganisationFields {...props} />
        </Section>
        <Section title={t("report.parts.tlp")} id="phone-tlp">
          <TlpChoice {...props} />
        </Section>
        <Section title={t("report.parts.nis2")} id="phone-nis2">
          <Nis2Fields {...props} />
        </Section>
        {failure ? <Notice tone="error">{errorMessage(t, failure)}</Notice> : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={busy}>
            {t("reports.phone.submit")}
          </Button>
          <Link to="/console/reports">{t("common.cancel")}</Link>
        </div>
      </form>
    </>
  );
}
