import { useTranslation } from "react-i18next";
import { RadioGroup, TextAreaField } from "../ui/Choice.js";
import { TextField } from "../ui/Field.js";
import { type DraftProps, fieldId } from "./fields.js";
import { CONSENT_LEVELS, CONSENT_SUBJECTS, POLICE_STATUSES, YES_NO_UNKNOWN } from "./options.js";

/** CERT-SE's initial questions, in the fact sheet's order: what happened … may we share. */
export function IncidentQuestions({ draft, onChange, errors, idPrefix = "report" }: DraftProps) {
  const { t } = useTranslation();
  const id = (f: Parameters<typeof fieldId>[0]) => fieldId(f, idPrefix);
  const yesNo = YES_NO_UNKNOWN.map((v) => ({ value: v, label: t(`intake.answers.${v}`) }));
  return (
    <>
      <TextAreaField
        id={id("whatHappened")}
        label={
          <>
            {t("intake.q.whatHappened")} <span className="required">{t("intake.required")}</span>
          </>
        }
        hint={t("intake.hint.whatHappened")}
        rows={6}
        required
        aria-required="true"
        value={draft.whatHappened}
        onChange={(e) => onChange("whatHappened", e.target.value)}
        error={errors.whatHappened}
      />
      <TextField
        id={id("summary")}
        label={t("intake.q.summary")}
        hint={t("intake.hint.summary")}
        maxLength={200}
        value={draft.summary}
        onChange={(e) => onChange("summary", e.target.value)}
        error={errors.summary}
      />
      <TextAreaField
        id={id("discoveryHow")}
        label={t("intake.q.discovery")}
        hint={t("intake.hint.discovery")}
        value={draft.discoveryHow}
        onChange={(e) => onChange("discoveryHow", e.target.value)}
        error={errors.discoveryHow}
      />
      <TextField
        id={id("discoveredAt")}
        className="field-short"
        type="datetime-local"
        label={t("intake.q.discoveredAt")}
        value={draft.discoveredAt}
        onChange={(e) => onChange("discoveredAt", e.target.value)}
        error={errors.discoveredAt}
      />
      <TextAreaField
        id={id("countermeasures")}
        label={t("intake.q.countermeasures")}
        value={draft.countermeasures}
        onChange={(e) => onChange("countermeasures", e.target.value)}
        error={errors.countermeasures}
      />
      <RadioGroup
        id={id("ongoing")}
        name={`${idPrefix}-ongoing`}
        legend={t("intake.q.ongoing")}
        options={yesNo}
        value={draft.ongoing}
        onChange={(v) => onChange("ongoing", v)}
        error={errors.ongoing}
        inline
      />
      <RadioGroup
        id={id("dataLeakRisk")}
        name={`${idPrefix}-dataLeakRisk`}
        legend={t("intake.q.dataLeakRisk")}
        options={yesNo}
        value={draft.dataLeakRisk}
        onChange={(v) => onChange("dataLeakRisk", v)}
        error={errors.dataLeakRisk}
        inline
      />
      <RadioGroup
        id={id("moreAffectedRisk")}
        name={`${idPrefix}-moreAffectedRisk`}
        legend={t("intake.q.moreAffectedRisk")}
        options={yesNo}
        value={draft.moreAffectedRisk}
        onChange={(v) => onChange("moreAffectedRisk", v)}
        error={errors.moreAffectedRisk}
        inline
      />
      <TextAreaField
        id={id("helpWanted")}
        label={t("intake.q.helpWanted")}
        value={draft.helpWanted}
        onChange={(e) => onChange("helpWanted", e.target.value)}
        error={errors.helpWanted}
      />
      <TextAreaField
        id={id("contactedParties")}
        label={t("intake.q.contactedParties")}
        hint={t("intake.hint.contactedParties")}
        rows={3}
        value={draft.contactedParties}
        onChange={(e) => onChange("contactedParties", e.target.value)}
        error={errors.contactedParties}
      />
      <RadioGroup
        id={id("policeStatus")}
        name={`${idPrefix}-policeStatus`}
        legend={t("intake.q.policeReport")}
        options={POLICE_STATUSES.map((v) => ({ value: v, label: t(`intake.police.${v}`) }))}
        value={draft.policeStatus}
        onChange={(v) => onChange("policeStatus", v)}
        error={errors.policeStatus}
        inline
      />
      {draft.policeStatus === "yes" ? (
        <TextField
          id={id("policeReference")}
          className="field-short"
          label={t("intake.q.policeReference")}
          value={draft.policeReference}
          onChange={(e) => onChange("policeReference", e.target.value)}
          error={errors.policeReference}
        />
      ) : null}
      <fieldset className="fieldset consent">
        <legend>{t("intake.q.sharingConsent")}</legend>
        <p className="field-hint">{t("intake.hint.sharingConsent")}</p>
        {CONSENT_SUBJECTS.map((subject) => {
          const field =
            subject === "information" ? "consentInformation" : subject === "data" ? "consentData" : "consentLogs";
          return (
            <RadioGroup
              key={subject}
              id={id(field)}
              name={`${idPrefix}-${field}`}
              legend={t(`intake.consentSubject.${subject}`)}
              options={CONSENT_LEVELS.map((v) => ({ value: v, label: t(`intake.consent.${v}`) }))}
              value={draft[field]}
              onChange={(v) => onChange(field, v)}
              error={errors[field]}
            />
          );
        })}
      </fieldset>
    </>
  );
}
