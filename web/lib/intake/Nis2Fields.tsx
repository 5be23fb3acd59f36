import { useTranslation } from "react-i18next";
import { RadioGroup } from "../ui/Choice.js";
import { CheckboxField, SelectField, TextField } from "../ui/Field.js";
import { type DraftProps, fieldId } from "./fields.js";
import { NIS2_STAGES, type Nis2Stage, YES_NO_UNKNOWN } from "./options.js";

/** The NIS2 questions: does it apply, and if so which stage, awareness, malice, cross-border impact. */
export function Nis2Fields({ draft, onChange, errors, idPrefix = "report" }: DraftProps) {
  const { t } = useTranslation();
  const id = (f: Parameters<typeof fieldId>[0]) => fieldId(f, idPrefix);
  const yesNo = YES_NO_UNKNOWN.map((v) => ({ value: v, label: t(`intake.answers.${v}`) }));
  return (
    <>
      <RadioGroup
        id={id("nis2Applies")}
        name={`${idPrefix}-nis2Applies`}
        legend={t("intake.q.nis2Applies")}
        hint={t("intake.hint.nis2Applies")}
        options={yesNo}
        value={draft.nis2Applies}
        onChange={(v) => onChange("nis2Applies", v)}
        error={errors.nis2Applies}
        inline
      />
      {draft.nis2Applies === "yes" ? (
        <div className="nis2-details">
          <SelectField
            id={id("nis2Stage")}
            label={t("intake.q.nis2Stage")}
            options={NIS2_STAGES.map((s) => ({ value: s, label: t(`nis2.stages.${s}`) }))}
            value={draft.nis2Stage || "early-warning"}
            onChange={(e) => onChange("nis2Stage", e.target.value as Nis2Stage)}
          />
          <TextField
            id={id("nis2AwareAt")}
            className="field-short"
            type="datetime-local"
            label={t("intake.q.nis2AwareAt")}
            hint={t("intake.hint.nis2AwareAt")}
            value={draft.nis2AwareAt}
            onChange={(e) => onChange("nis2AwareAt", e.target.value)}
            error={errors.nis2AwareAt}
          />
          <RadioGroup
            id={id("nis2SuspectedMalicious")}
            name={`${idPrefix}-nis2SuspectedMalicious`}
            legend={t("intake.q.nis2SuspectedMalicious")}
            options={yesNo}
            value={draft.nis2SuspectedMalicious}
            onChange={(v) => onChange("nis2SuspectedMalicious", v)}
            inline
          />
          <RadioGroup
            id={id("nis2CrossBorder")}
            name={`${idPrefix}-nis2CrossBorder`}
            legend={t("intake.q.nis2CrossBorder")}
            options={yesNo}
            value={draft.nis2CrossBorder}
            onChange={(v) => onChange("nis2CrossBorder", v)}
            inline
          />
          <CheckboxField
            label={t("intake.q.nis2TrustServiceProvider")}
            checked={draft.nis2TrustServiceProvider}
            onChange={(e) => onChange("nis2TrustServiceProvider", e.target.checked)}
          />
        </div>
      ) : null}
    </>
  );
}
