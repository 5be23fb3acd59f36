import { useTranslation } from "react-i18next";
import { Frame } from "./Frame.js";
import { ORGANISATION } from "./organisation.js";

const QUESTIONS = ["what", "discovered", "measures", "ongoing", "help", "contacted", "police", "sharing"] as const;

/** The public landing page: the CERT's promise, how to reach it, and the way to report an incident. */
export function Portal() {
  const { t } = useTranslation();

  return (
    <Frame title={t("portal.titleShort")}>
      <section className="hero" aria-labelledby="hero-title">
        <div className="wrap">
          <h1 id="hero-title">{t("portal.heroTitle")}</h1>
          <p className="hero-lead">{t("portal.heroLead", { name: ORGANISATION.name })}</p>
          <div className="hero-actions">
            <a className="cta" href="/report">
              {t("portal.report")}
            </a>
            <a className="cta-secondary" href={ORGANISATION.phoneHref}>
              {t("portal.callUs", { phone: ORGANISATION.phoneDisplay })}
            </a>
          </div>
        </div>
      </section>

      <div className="wrap columns">
        <section aria-labelledby="reach-title" className="card">
          <h2 id="reach-title">{t("portal.reachTitle")}</h2>
          <p>
            <strong>{t("portal.always")}</strong> {t("portal.alwaysBody", { name: ORGANISATION.name })}
          </p>
          <dl className="contact">
            <dt>{t("portal.phone")}</dt>
            <dd>
              <a href={ORGANISATION.phoneHref}>{ORGANISATION.phoneDisplay}</a>
            </dd>
            <dt>{t("portal.email")}</dt>
            <dd>
              <a href={`mailto:${ORGANISATION.email}`}>{ORGANISATION.email}</a>
            </dd>
            <dt>{t("portal.web")}</dt>
            <dd>
              <a href={ORGANISATION.website}>{ORGANISATION.websiteDisplay}</a>
            </dd>
          </dl>
          <p className="note">
            {t("portal.reportOnline")} <a href="/report">{t("portal.reportLink")}</a>
          </p>
        </section>

        <section aria-labelledby="questions-title" className="card">
          <h2 id="questions-title">{t("portal.questionsTitle")}</h2>
          <p>{t("portal.questionsIntro")}</p>
          <ul className="questions">
            {QUESTIONS.map((q) => (
              <li key={q}>{t(`portal.questions.${q}`)}</li>
            ))}
          </ul>
        </section>
      </div>

      <section className="wrap about" aria-labelledby="about-title">
        <h2 id="about-title">{t("portal.aboutTitle", { name: ORGANISATION.name })}</h2>
        <p>{t("portal.about1", { name: ORGANISATION.name })}</p>
        <p>{t("portal.about2", { name: ORGANISATION.name })}</p>
      </section>
    </Frame>
  );
}
