import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportDetail } from "../../../../contract/intake-staff.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import { CheckboxField, SelectField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";

const REASONS = ["spam", "duplicate", "other"] as const;
type Reason = (typeof REASONS)[number];

/**
 * The duty officer's actions: acknowledge (optionally mailing the reporter), reject, write to the reporter.
 * Whoever may not acknowledge (an analyst who is not on duty) sees the button disabled and why.
 */
export function ReportActions({ report, mayAcknowledge }: { report: ReportDetail; mayAcknowledge: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const path = `/reports/${encodeURIComponent(report.reference)}`;
  const hasEmail = Boolean(report.answers.reporter.email);
  const [notify, setNotify] = useState(hasEmail);
  const [reason, setReason] = useState<Reason>("spam");
  const [note, setNote] = useState("");
  const [body, setBody] = useState("");
  const [done, setDone] = useState<string | null>(null);

  const refresh = (detail?: ReportDetail) => {
    if (detail) client.setQueryData(["report", report.reference], detail);
    else void client.invalidateQueries({ queryKey: ["report", report.reference] });
    void client.invalidateQueries({ queryKey: ["reports"] });
  };
  const acknowledge = useMutation({
    mutationFn: () => api<ReportDetail>("POST", `${path}/acknowledge`, { notifyReporter: notify && hasEmail }),
    onSuccess: (detail) => {
      setDone(notify && hasEmail ? t("reports.acknowledgedMailed") : t("reports.acknowledgedDone"));
      refresh(detail);
    },
  });
  const reject = useMutation({
    mutationFn: () => api<ReportDetail>("POST", `${path}/reject`, { reason, note: note.trim() || undefined }),
    onSuccess: (detail) => {
      setDone(t("reports.rejectedDone"));
      refresh(detail);
    },
  });
  const write = useMutation({
    mutationFn: () => api<{ mailed: boolean }>("POST", `${path}/messages`, { body }),
    onSuccess: (receipt) => {
      setBody("");
      setDone(receipt.mailed ? t("reports.messageMailed") : t("reports.messageSent"));
      refresh();
    },
  });
  const failed = acknowledge.error ?? reject.error ?? write.error;
  const sendMessage = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (body.trim() !== "") write.mutate();
  };

  return (
    <section className="panel actions-panel" aria-labelledby="actions-title">
      <h2 id="actions-title">{t("common.actions")}</h2>
      {failed ? <Notice tone="error">{errorMessage(t, failed)}</Notice> : null}
      {done ? <Notice tone="success">{done}</Notice> : null}
      <div className="actions-grid">
        {report.status === "new" ? (
          <div className="action">
            <CheckboxField
              label={hasEmail ? t("reports.notifyReporter") : t("reports.noEmail")}
              checked={notify && hasEmail}
              disabled={!hasEmail || !mayAcknowledge}
              onChange={(e) => setNotify(e.target.checked)}
            />
            {mayAcknowledge ? null : (
              <p className="field-hint" id="acknowledge-duty-only">
                {t("roleRules.acknowledgeDutyOnly")}
              </p>
            )}
            <Button
              variant="primary"
              disabled={!mayAcknowledge}
              aria-describedby={mayAcknowledge ? undefined : "acknowledge-duty-only"}
              busy={acknowledge.isPending}
              onClick={() => {
                setDone(null);
                acknowledge.mutate();
              }}
            >
              {t("reports.acknowledge")}
            </Button>
          </div>
        ) : null}
        <form onSubmit={sendMessage} className="action action-write">
          <TextAreaField
            id="cert-message"
            label={t("reports.writeToReporter")}
            hint={hasEmail ? t("reports.writeHintMail") : t("reports.writeHint")}
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <Button type="submit" busy={write.isPending} disabled={body.trim() === ""}>
            {t("reports.sendMessage")}
          </Button>
        </form>
        {report.status === "new" || report.status === "acknowledged" ? (
          <details className="action action-reject">
            <summary>{t("reports.reject")}</summary>
            <form
              onSubmit={(e) => {
                e.preventDefault();
                setDone(null);
                reject.mutate();
              }}
            >
              <SelectField
                label={t("reports.rejectReason")}
                value={reason}
                onChange={(e) => setReason(e.target.value as Reason)}
                options={REASONS.map((r) => ({ value: r, label: t(`reports.rejectReasons.${r}`) }))}
              />
              <TextAreaField
                label={t("reports.rejectNote")}
                rows={2}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
              <Button type="submit" variant="danger" busy={reject.isPending}>
                {t("reports.rejectConfirm")}
              </Button>
            </form>
          </details>
        ) : null}
      </div>
    </section>
  );
}
