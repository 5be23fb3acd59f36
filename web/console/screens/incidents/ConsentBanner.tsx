import { useTranslation } from "react-i18next";
import type { IncidentDetail } from "../../../../contract/incidents.js";
import { CONSENT_SUBJECTS } from "../../../lib/intake/options.js";
import { PapBadge, TlpBadge } from "../../../lib/ui/TlpBadge.js";

type Consent = IncidentDetail["sharingConsent"];

/** True when nothing may go to third parties (any subject below "third-parties", or not answered). */
export function restrictsThirdParties(consent: Consent): boolean {
  return CONSENT_SUBJECTS.some((s) => consent[s] !== "third-parties");
}

/** The consent to share, in words: one line per subject (information, data, logs). */
export function ConsentList({ consent }: { consent: Consent }) {
  const { t } = useTranslation();
  return (
    <ul className="consent-list">
      {CONSENT_SUBJECTS.map((s) => (
        <li key={s} className={consent[s] === "third-parties" ? undefined : "consent-restricted"}>
          {t(`intake.consentSubject.${s}`)}:{" "}
          <strong>{consent[s] ? t(`intake.consent.${consent[s]}`) : t("incidents.consent.notGiven")}</strong>
        </li>
      ))}
    </ul>
  );
}

/** TLP, PAP and the sharing consent (the strictest of the linked reports), shown before anything else. */
export function HandlingStrip({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  return (
    <section className="handling incident-handling" aria-labelledby="incident-handling-title">
      <h2 id="incident-handling-title" className="visually-hidden">
        {t("incidents.handling")}
      </h2>
      <div className="handling-tlp">
        <span className="handling-label">TLP</span>
        <TlpBadge label={incident.tlp} />
      </div>
      <div className="handling-tlp">
        <span className="handling-label">PAP</span>
        <PapBadge label={incident.pap} />
      </div>
      <div className="handling-consent" id="incident-consent">
        <span className="handling-label">{t("incidents.consent.title")}</span>
        {incident.reports.length === 0 ? (
          <p className="muted">{t("incidents.consent.noReports")}</p>
        ) : (
          <>
            <ConsentList consent={incident.sharingConsent} />
            <p className="handling-note">{t("incidents.consent.strictest")}</p>
          </>
        )}
      </div>
    </section>
  );
}
