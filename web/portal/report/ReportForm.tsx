import { type FormEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../lib/api/client.js";
import { submitReport } from "../../lib/api/public.js";
import { AttachmentPicker } from "../../lib/intake/AttachmentPicker.js";
import {
  type DraftField,
  type ReportDraft,
  draftErrorsFromServer,
  toSubmission,
  validateDraft,
} from "../../lib/intake/draft.js";
import { clearDraft, loadDraft, saveDraft } from "../../lib/intake/draft-storage.js";
import { focusFirstError } from "../../lib/intake/fields.js";
import { IncidentQuestions } from "../../lib/intake/IncidentQuestions.js";
import { Nis2Fields } from "../../lib/intake/Nis2Fields.js";
import { OrganisationFields, ReporterFields, TlpChoice } from "../../lib/intake/ReporterFields.js";
import { wordDraftProblems } from "../../lib/intake/wording.js";
import { navigate } from "../../lib/router.js";
import { Button } from "../../lib/ui/Button.js";
import { Notice } from "../../lib/ui/Notice.js";
import { Frame } from "../Frame.js";
import { ORGANISATION } from "../organisation.js";
import { portalErrorMessage } from "./portal-errors.js";
import type { ReceiptState } from "./Receipt.js";

function Part({ id, title, children, intro }: { id: string; title: string; children: ReactNode; intro?: string }) {
  return (
    <section className="form-part" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {intro ? <p className="form-part-intro">{intro}</p> : null}
      {children}
    </section>
  );
}

/** The public report form: only "what happened" and a way to reach the reporter are required. */
export function ReportForm() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<ReportDraft>(loadDraft);
  const [files, setFiles] = useState<File[]>([]);
  const [problems, setProblems] = useState<Partial<Record<DraftField, ReturnType<typeof validateDraft>[DraftField]>>>(
    {},
  );
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const website = useRef<HTMLInputElement>(null);
  const language = i18n.language === "en" ? "en" : "sv";

  useEffect(() => saveDraft(draft), [draft]);

  const onChange = <K extends DraftField>(field: K, value: ReportDraft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    // A corrected field stops shouting at once; the rest wait for the next try.
    if (problems[field]) setProblems((p) => ({ ...p, [field]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const found = validateDraft(draft);
    setProblems(found);
    if (focusFirstError(found)) return;
    setBusy(true);
    try {
      const receipt = await submitReport(
        { ...toSubmission(draft, language), website: website.current?.value ?? "" },
        files,
      );
      clearDraft();
      const state: ReceiptState = { receipt, emailed: draft.reporterEmail.trim() !== "" };
      navigate("/report/received", { state });
    } catch (err) {
      setBusy(false);
      const mapped = err instanceof ApiError ? draftErrorsFromServer(err.fieldProblems) : {};
      setProblems(mapped);
      setFailure(portalErrorMessage(t, err));
      if (!focusFirstError(mapped)) document.getElementById("report-failure")?.focus();
    }
  };

  const errors = wordDraftProblems(t, problems);
  const props = { draft, onChange, errors };
  return (
    <Frame title={t("report.title")} narrow>
      <div className="wrap form-page">
        <h1>{t("report.title")}</h1>
        <p className="lead">{t("report.lead")}</p>
        <p className="form-note">
          {t("report.urgent")} <a href={ORGANISATION.phoneHref}>{ORGANISATION.phoneDisplay}</a>
        </p>
        <p className="form-note">{t("report.savedLocally")}</p>
        <form onSubmit={(e) => void submit(e)} noValidate className="report-form">
          <Part id="incident" title={t("report.parts.incident")}>
            <IncidentQuestions {...props} />
          </Part>
          <Part id="contact" title={t("report.parts.contact")}>
            <ReporterFields {...props} />
          </Part>
          <Part id="organisation" title={t("report.parts.organisation")}>
            <OrganisationFields {...props} />
          </Part>
          <Part id="tlp" title={t("report.parts.tlp")}>
            <TlpChoice {...props} />
          </Part>
          <Part id="nis2" title={t("report.parts.nis2")} intro={t("report.nis2Intro")}>
            <Nis2Fields {...props} />
          </Part>
          <Part id="files" title={t("report.parts.files")}>
            <AttachmentPicker files={files} onChange={setFiles} label={t("attachments.label")} id="report-files" />
          </Part>
          {/* Honeypot: people never see or reach it; robots fill every field they find. */}
          <div className="hp" aria-hidden="true">
            <label htmlFor="report-website">{t("report.honeypot")}</label>
            <input ref={website} id="report-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
          </div>
          {failure ? (
            <div id="report-failure" tabIndex={-1}>
              <Notice tone="error">{failure}</Notice>
            </div>
          ) : null}
          <div className="form-submit">
            <Button type="submit" variant="primary" busy={busy}>
              {busy ? t("report.sending") : t("report.send")}
            </Button>
            <p className="field-hint">{t("report.sendHint")}</p>
          </div>
        </form>
      </div>
    </Frame>
  );
}
