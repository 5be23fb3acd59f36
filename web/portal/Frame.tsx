import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "../lib/api/types.js";
import { applyLanguage } from "../lib/i18n/index.js";
import { LanguageSwitch } from "../lib/ui/LanguageSwitch.js";
import { SkipLink } from "../lib/ui/Page.js";
import { ORGANISATION } from "./organisation.js";

/** The portal's frame on every page: brand, language switch, footer; `title` names the tab. */
export function Frame({ title, children, narrow = false }: { title: string; children: ReactNode; narrow?: boolean }) {
  const { t, i18n } = useTranslation();
  const language: Language = i18n.language === "en" ? "en" : "sv";
  useEffect(() => {
    document.title = `${title} – ${ORGANISATION.name}`;
  }, [title]);
  return (
    <>
      <SkipLink label={t("common.skipToContent")} />
      <header className="site-header">
        <div className="wrap site-header-inner">
          <a href="/" className="site-brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>
              {ORGANISATION.name}
              <span className="site-brand-sub">{t("portal.tagline")}</span>
            </span>
          </a>
          <LanguageSwitch value={language} onChange={(l) => void applyLanguage(i18n, l)} label={t("common.language")} />
        </div>
      </header>
      <main id="main" className={narrow ? "narrow" : undefined}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="wrap">
          <p>
            {ORGANISATION.name} · <a href={ORGANISATION.phoneHref}>{ORGANISATION.phoneDisplay}</a> ·{" "}
            <a href={`mailto:${ORGANISATION.email}`}>{ORGANISATION.email}</a>
          </p>
        </div>
      </footer>
    </>
  );
}
