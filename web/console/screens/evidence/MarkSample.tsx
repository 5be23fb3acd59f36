import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FileDetail, FileVerification, SampleMark } from "../../../../contract/evidence.js";
import { ApiError, api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { evidenceKeys } from "./api.js";

/** Marks the file as a malware sample, with a reason; says first what that means (no way back). */
export function MarkSample({ file }: { file: FileDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [reason, setReason] = useState("");
  const mark = useMutation({
    mutationFn: () => api("POST", `/files/${encodeURIComponent(file.id)}/sample`, { reason }),
    onSuccess: () => {
      setReason("");
      void client.invalidateQueries({ queryKey: evidenceKeys.all });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mark.mutate();
  };
  const fieldError = mark.error instanceof ApiError ? mark.error.fieldErrors.reason : undefined;
  return (
    <Section title={t("evidence.mark.title")} id="mark-sample">
      <p>{t("evidence.mark.explanation")}</p>
      {mark.error && !fieldError ? <Notice tone="error">{errorMessage(t, mark.error)}</Notice> : null}
      <form onSubmit={submit} noValidate>
        <TextAreaField
          label={t("evidence.mark.reason")}
          hint={t("evidence.mark.reasonHint")}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={fieldError}
          required
          maxLength={2000}
          rows={3}
        />
        <Button type="submit" variant="danger" busy={mark.isPending} disabled={reason.trim() === ""}>
          {t("evidence.mark.submit")}
        </Button>
      </form>
    </Section>
  );
}

/** Who marked this content a sample, when and why (here, or in another case the viewer sees). */
export function SampleMarks({ marks }: { marks: SampleMark[] }) {
  const { t, i18n } = useTranslation();
  if (marks.length === 0) return null;
  return (
    <Section title={t("evidence.marks.title")} id="sample-marks">
      <ul className="plain-list">
        {marks.map((m, i) => {
          const values = {
            name: m.by?.name ?? "—",
            at: formatDateTime(m.at, i18n.language),
            reason: m.reason,
            reference: m.case.reference,
          };
          return (
            <li key={`${m.case.reference}-${i}`}>
              {m.onThisFile ? t("evidence.marks.here", values) : t("evidence.marks.elsewhere", values)}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

/** Reads the stored bytes again and says whether they still hash to what was received. */
export function VerifyContent({ file }: { file: FileDetail }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const verify = useMutation({
    mutationFn: () => api<FileVerification>("POST", `/files/${encodeURIComponent(file.id)}/verify`),
    onSuccess: () => void client.invalidateQueries({ queryKey: evidenceKeys.file(file.id) }),
  });
  return (
    <>
      <Button busy={verify.isPending} onClick={() => verify.mutate()}>
        {t("evidence.actions.verify")}
      </Button>
      <p className="field-hint">{t("evidence.actions.verifyHint")}</p>
      {verify.error ? <Notice tone="error">{errorMessage(t, verify.error)}</Notice> : null}
      {verify.data ? (
        <Notice tone={verify.data.intact ? "success" : "error"}>
          {t(verify.data.intact ? "evidence.actions.intact" : "evidence.actions.notIntact")}
        </Notice>
      ) : null}
    </>
  );
}
