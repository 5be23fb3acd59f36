import { useTranslation } from "react-i18next";
import type { Classification, PapLabel, Severity } from "../../../../contract/incidents.js";
import { PapLabel as PapLabels, Severity as Severities } from "../../../../contract/incidents.js";
import { TlpLabel as TlpLabels, type TlpLabel } from "../../../../contract/intake.js";
import { TLP_LABELS } from "../../../lib/intake/options.js";
import { SelectField } from "../../../lib/ui/Field.js";
import { RsitPicker } from "./RsitPicker.js";

export interface Handling {
  severity: Severity;
  classification: Classification | null;
  tlp: TlpLabel;
  pap: PapLabel;
}

interface Props {
  idPrefix: string;
  value: Handling;
  onChange: (next: Handling) => void;
}

/** Severity, RSIT classification, TLP and PAP: how an incident is handled, on the new and edit forms. */
export function HandlingFields({ idPrefix, value, onChange }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<Handling>) => onChange({ ...value, ...patch });
  return (
    <>
      <SelectField
        id={`${idPrefix}-severity`}
        label={t("incidents.fields.severity")}
        value={value.severity}
        onChange={(e) => set({ severity: Severities.parse(e.target.value) })}
        options={Severities.options.map((s) => ({ value: s, label: t(`incidents.severities.${s}`) }))}
      />
      <RsitPicker idPrefix={idPrefix} value={value.classification} onChange={(c) => set({ classification: c })} />
      <SelectField
        id={`${idPrefix}-tlp`}
        label="TLP"
        value={value.tlp}
        onChange={(e) => set({ tlp: TlpLabels.parse(e.target.value) })}
        options={TLP_LABELS.map((l) => ({ value: l, label: l }))}
      />
      <SelectField
        id={`${idPrefix}-pap`}
        label="PAP"
        value={value.pap}
        onChange={(e) => set({ pap: PapLabels.parse(e.target.value) })}
        options={PapLabels.options.map((l) => ({ value: l, label: l }))}
      />
    </>
  );
}
