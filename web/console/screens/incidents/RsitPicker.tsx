import { useTranslation } from "react-i18next";
import type { Classification } from "../../../../contract/incidents.js";
import { RSIT_CLASSES, findRsitClass } from "../../../../contract/rsit.js";
import { SelectField } from "../../../lib/ui/Field.js";

/** The RSIT class options, worded in the reader's language (the machinetag's ids as values). */
export function useRsitClassOptions(): { value: string; label: string }[] {
  const { t } = useTranslation();
  return RSIT_CLASSES.map((c) => ({ value: c.value, label: t(`rsit.classes.${c.value}`) }));
}

/** "Class / type" in the reader's language, "—" when unclassified. */
export function useClassificationLabel(): (c: Classification | null) => string {
  const { t } = useTranslation();
  return (c) => (c ? `${t(`rsit.classes.${c.class}`)} / ${t(`rsit.types.${c.type}`)}` : "—");
}

interface Props {
  value: Classification | null;
  onChange: (value: Classification | null) => void;
  idPrefix: string;
}

/** Two linked selects: an RSIT class, then one of that class's types (a class change picks its first type). */
export function RsitPicker({ value, onChange, idPrefix }: Props) {
  const { t } = useTranslation();
  const classes = useRsitClassOptions();
  const chosen = value ? findRsitClass(value.class) : undefined;
  return (
    <>
      <SelectField
        id={`${idPrefix}-class`}
        label={t("incidents.fields.class")}
        value={value?.class ?? ""}
        onChange={(e) => {
          const cls = findRsitClass(e.target.value);
          const first = cls?.types[0];
          onChange(cls && first ? { class: cls.value, type: first.value } : null);
        }}
        options={[{ value: "", label: t("incidents.unclassified") }, ...classes]}
      />
      <SelectField
        id={`${idPrefix}-type`}
        label={t("incidents.fields.type")}
        value={value?.type ?? ""}
        disabled={!chosen}
        onChange={(e) => value && onChange({ class: value.class, type: e.target.value })}
        options={
          chosen
            ? chosen.types.map((ty) => ({ value: ty.value, label: t(`rsit.types.${ty.value}`) }))
            : [{ value: "", label: "—" }]
        }
      />
    </>
  );
}
