import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "../../lib/api/types.js";
import { applyLanguage } from "../../lib/i18n/index.js";
import { LanguageSwitch } from "../../lib/ui/LanguageSwitch.js";
import { SkipLink } from "../../lib/ui/Page.js";

/** The frame around screens shown before sign-in: brand (the console's, or `name`), language switch and a centred card. */
export function AuthFrame({ title, name, children }: { title: string; name?: string; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === "en" ? "en" : "sv";
  return (
    <div className="auth">
      <SkipLink label={t("common.skipToContent")} />
      <header className="auth-top">
        <span className="brand">
          <img src="/favicon.svg" alt="" width="22" height="22" />
          Fyr <span className="brand-sub">{name ?? t("console.name")}</span>
        </span>
        <LanguageSwitch value={language} onChange={(l) => void applyLanguage(i18n, l)} label={t("common.language")} />
      </header>
      <main id="main" className="auth-card">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
