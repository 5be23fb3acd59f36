import { useTranslation } from "react-i18next";
import { TextField } from "../../../lib/ui/Field.js";
import { TextAreaField } from "../../../lib/ui/Choice.js";
import type { Bilingual } from "./playbook-draft.js";

interface Props {
  /** What the text is ("Name", "Task 2 title"); each box adds its language to it. */
  label: string;
  value: Bilingual;
  onChange: (value: Bilingual) => void;
  /** Lines of a multi-line box; absent: a one-line box. */
  rows?: number;
  required?: boolean;
  maxLength?: number;
  /** Per-language errors from the server, if any. */
  errors?: { sv?: string | undefined; en?: string | undefined };
}

/** One text in Swedish and English side by side, each box labelled with its language. */
export function BilingualField({ label, value, onChange, rows, required, maxLength, errors }: Props) {
  const { t } = useTranslation();
  return (
    <div className="bilingual">
      {(["sv", "en"] as const).map((lang) => {
        const props = {
          label: t("playbooksAdmin.inLanguage", { label, language: t(`playbooksAdmin.languages.${lang}`) }),
          value: value[lang],
          lang,
          required,
          maxLength,
          error: errors?.[lang],
        };
        return rows ? (
          <TextAreaField
            key={lang}
            {...props}
            rows={rows}
            onChange={(e) => onChange({ ...value, [lang]: e.target.value })}
          />
        ) : (
          <TextField key={lang} {...props} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
        );
      })}
    </div>
  );
}
