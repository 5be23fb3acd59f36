import { useTranslation } from "react-i18next";
import { RSIT_CLASSES } from "../../../../contract/rsit.js";
import { SelectField } from "../../../lib/ui/Field.js";

/** Picks the RSIT class a playbook is offered for, or "every class" (the empty value). */
export function RsitClassPicker({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t("playbooksAdmin.rsitClass")}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={[
        { value: "", label: t("playbooksAdmin.everyClass") },
        ...RSIT_CLASSES.map((c) => ({ value: c.value, label: rsitClassLabel(t, c.value) })),
      ]}
    />
  );
}

/** An RSIT class in the reader's language, with the machinetag's own name after it. */
export function rsitClassLabel(t: (key: string) => string, value: string | null): string {
  if (value === null) return t("playbooksAdmin.everyClass");
  const known = RSIT_CLASSES.find((c) => c.value === value);
  return known ? `${t(`rsit.classes.${known.value}`)} (${known.value})` : value;
}
