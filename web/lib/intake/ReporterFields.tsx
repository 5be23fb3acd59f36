import { useTranslation } from "react-i18next";
import { RadioGroup } from "../ui/Choice.js";
import { SelectField, TextField } from "../ui/Field.js";
import { TlpBadge } from "../ui/TlpBadge.js";
import { type DraftProps, fieldId } from "./fields.js";
import { SECTORS, type Sector, TLP_LABELS, tlpKey } from "./options.js";

/** Who reports and how to reach them: an e-mail address or a telephone number is required. */
export function ReporterFields({ draft, onChange, errors, idPrefix = "report", staff = false }: DraftProps) {
  const { t } = useTranslation();
  const id = (f: Parameters<typeof fieldId>[0]) => fieldId(f, idPrefix);
  return (
    <>
      <p className="field-hint">{t(staff ? "intake.staff.contact" : "intake.hint.contact")}</p>
      <TextField
        id={id("reporterName")}
        label={t(staff ? "intake.staff.reporterName" : "intake.q.reporterName")}
        autoComplete="name"
        value={draft.reporterName}
        onChange={(e) => onChange("reporterName", e.target.value)}
        error={errors.reporterName}
      />
      <TextField
        id={id("reporterEmail")}
        type="email"
        inputMode="email"
        autoComplete="email"
        label={t("intake.q.reporterEmail")}
        value={draft.reporterEmail}
        onChange={(e) => onChange("reporterEmail", e.target.value)}
        error={errors.reporterEmail}
      />
      <TextField
        id={id("reporterPhone")}
        type="tel"
        autoComplete="tel"
        label={t("intake.q.reporterPhone")}
        value={draft.reporterPhone}
        onChange={(e) => onChange("reporterPhone", e.target.value)}
        error={errors.reporterPhone}
      />
      <TextField
        id={id("reporterRole")}
        autoComplete="organization-title"
        label={t(staff ? "intake.staff.reporterRole" : "intake.q.reporterRole")}
        value={draft.reporterRole}
        onChange={(e) => onChange("reporterRole", e.target.value)}
        error={errors.reporterRole}
      />
    </>
  );
}

/** The organisation affected: name, organisation number and NIS2 sector. */
export function OrganisationFields({ draft, onChange, errors, idPrefix = "report" }: DraftProps) {
  const { t } = useTranslation();
  const id = (f: Parameters<typeof fieldId>[0]) => fieldId(f, idPrefix);
  const sectors = [
    { value: "", label: t("intake.sectorNone") },
    ...SECTORS.map((s) => ({ value: s, label: t(`sectors.${s}`) })),
  ];
  return (
    <>
      <TextField
        id={id("organisationName")}
        autoComplete="organization"
        label={t("intake.q.organisationName")}
        value={draft.organisationName}
        onChange={(e) => onChange("organisationName", e.target.value)}
        error={errors.organisationName}
      />
      <TextField
        id={id("organisationNumber")}
        className="field-short"
        label={t("intake.q.organisationNumber")}
        hint={t("intake.hint.organisationNumber")}
        value={draft.organisationNumber}
        onChange={(e) => onChange("organisationNumber", e.target.value)}
        error={errors.organisationNumber}
      />
      <SelectField
        id={id("sector")}
        label={t("intake.q.sector")}
        options={sectors}
        value={draft.sector}
        onChange={(e) => onChange("sector", e.target.value as Sector | "")}
      />
    </>
  );
}

/** The TLP label for the report, each explained in plain words. */
export function TlpChoice({ draft, onChange, errors, idPrefix = "report", staff = false }: DraftProps) {
  const { t } = useTranslation();
  return (
    <RadioGroup
      id={fieldId("tlp", idPrefix)}
      name={`${idPrefix}-tlp`}
      legend={t(staff ? "intake.staff.tlp" : "intake.q.tlp")}
      hint={t("intake.hint.tlp")}
      options={TLP_LABELS.map((label) => ({
        value: label,
        label: <TlpBadge label={label} />,
        help: t(`intake.tlp.${tlpKey(label)}`),
      }))}
      value={draft.tlp}
      onChange={(v) => onChange("tlp", v)}
      error={errors.tlp}
    />
  );
}
