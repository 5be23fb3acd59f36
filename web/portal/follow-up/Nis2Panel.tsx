import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Nis2DeadlineView, Nis2View } from "../../../contract/intake.js";
import { sendFollowUpMessage } from "../../lib/api/public.js";
import { NIS2_STAGES, type Nis2Stage, YES_NO_UNKNOWN, type YesNoUnknown } from "../../lib/intake/options.js";
import { formatDateTime } from "../../lib/time.js";
import { Button } from "../../lib/ui/Button.js";
import { RadioGroup, TextAreaField } from "../../lib/ui/Choice.js";
import { SelectField } from "../../lib/ui/Field.js";
import { Notice } from "../../lib/ui/Notice.js";
import { portalErrorMessage } from "../report/portal-errors.js";

// The stage a reporter's deadline asks for (the CERT's own deadline is never the reporter's to meet).
function stageFor(kind: Nis2DeadlineView["kind"]): Nis2Stage {
  switch (kind) {
    case "early-warning":
      return "early-warning";
    case "notification":
      return "notification";
    case "progress":
      return "progress";
    case "final":
    case "cert-initial-feedback":
      return "final";
  }
}

/** Under NIS2: the next report due with its deadline, the stages sent so far, and a form for the next. */
export function Nis2Panel({ token, nis2, onSent }: { token: string; nis2: Nis2View; onSent: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const next = nis2.next;
  const [stage, setStage] = useState<Nis2Stage>(next ? stageFor(next.kind) : "intermediate");
  const [ongoing, setOngoing] = useState<YesNoUnknown | "">("");
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setSent(false);
    if (body.trim() === "") {
      setError(t("intake.errors.required"));
      document.getElementById("nis2-body")?.focus();
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      await sendFollowUpMessage(token, { body, nis2: { stage, ongoing: ongoing || null } }, []);
      setBody("");
      setSent(true);
      await onSent();
    } catch (err) {
      setFailure(portalErrorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="nis2-title" className="nis2-part">
      <h2 id="nis2-title">{t("followUp.nis2Title")}</h2>
      {next ? (
        <p className={next.overdue ? "nis2-next overdue" : "nis2-next"}>
          {next.dueAt
            ? t("followUp.nextDue", {
                stage: t(`nis2.deadlines.${next.kind}`),
                due: formatDateTime(next.dueAt, i18n.language),
              })
            : t("followUp.nextLater", { stage: t(`nis2.deadlines.${next.kind}`) })}
          {next.overdue ? ` ${t("followUp.overdue")}` : ""}
        </p>
      ) : (
        <p>{t("followUp.nis2Done")}</p>
      )}
      {nis2.stages.length ? (
        <ul className="plain">
          {nis2.stages.map((s, i) => (
            <li key={`${s.stage}-${i}`}>
              {t(`nis2.stages.${s.stage}`)} · {formatDateTime(s.submittedAt, i18n.language)}
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={(e) => void submit(e)} noValidate className="nis2-form">
        <h3>{t("followUp.nis2Send")}</h3>
        <SelectField
          id="nis2-stage"
          label={t("intake.q.nis2Stage")}
          options={NIS2_STAGES.map((s) => ({ value: s, label: t(`nis2.stages.${s}`) }))}
          value={stage}
          onChange={(e) => setStage(e.target.value as Nis2Stage)}
        />
        <RadioGroup
          id="nis2-ongoing"
          name="nis2-ongoing"
          legend={t("intake.q.ongoing")}
          options={YES_NO_UNKNOWN.map((v) => ({ value: v, label: t(`intake.answers.${v}`) }))}
          value={ongoing}
          onChange={setOngoing}
          inline
        />
        <TextAreaField
          id="nis2-body"
          label={t("followUp.nis2Body")}
          rows={5}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          error={error}
        />
        {failure ? <Notice tone="error">{failure}</Notice> : null}
        {sent ? <Notice tone="success">{t("followUp.nis2Sent")}</Notice> : null}
        <Button type="submit" busy={busy}>
          {t("followUp.nis2Submit")}
        </Button>
      </form>
    </section>
  );
}
