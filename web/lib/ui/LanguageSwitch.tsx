import type { Language } from "../api/types.js";

interface Props {
  value: Language;
  onChange: (language: Language) => void;
  label: string;
}

const NAMES: Record<Language, string> = { sv: "Svenska", en: "English" };

/** Two buttons, each named in its own language, the current one pressed. */
export function LanguageSwitch({ value, onChange, label }: Props) {
  return (
    <div className="lang-switch" role="group" aria-label={label}>
      {(Object.keys(NAMES) as Language[]).map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={value === lng}
          className={value === lng ? "lang-current" : undefined}
          onClick={() => onChange(lng)}
        >
          {NAMES[lng]}
        </button>
      ))}
    </div>
  );
}
