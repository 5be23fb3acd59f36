import { useTranslation } from "react-i18next";
import type { ReportAnswers } from "../../../contract/intake.js";
import { formatDateTime } from "../time.js";

// The questions in the form's order, under the labels the reporter saw (intake.q.*), except where
// those speak to the reporter ("Your name"): staff read "Reporter's name" (intake.staff.*).
type Row = [question: string, answer: string | null];
const STAFF_LABELS: Partial<Record<string, string>> = {
  reporterName: "intake.staff.reporterName",
  reporterRole: "intake.staff.reporterRole",
};

/** Every initial question with its answer; "not answered" where the reporter left it empty. */
export function AnswersView({ answers: a }: { answers: ReportAnswers }) {
  const { t, i18n } = useTranslation();
  const word = (family: string, v: string | null) => (v ? t(`${family}.${v}`) : null);
  const police = a.policeReport.status
    ? [t(`intake.police.${a.policeReport.status}`), a.policeReport.reference].filter(Boolean).join(" · ")
    : null;
  const rows: Row[] = [
    ["whatHappened", a.whatHappened],
    ["summary", a.summary],
    ["discovery", a.discovery.how],
    ["discoveredAt", a.discovery.discoveredAt ? formatDateTime(a.discovery.discoveredAt, i18n.language) : null],
    ["countermeasures", a.countermeasures],
    ["ongoing", word("intake.answers", a.ongoing)],
    ["dataLeakRisk", word("intake.answers", a.dataLeakRisk)],
    ["moreAffectedRisk", word("intake.answers", a.moreAffectedRisk)],
    ["helpWanted", a.helpWanted],
    ["contactedParties", a.contactedParties],
    ["policeReport", police],
  ];
  return (
    <dl className="answers">
      {rows.map(([question, answer]) => (
        <div key={question} className="answer">
          <dt>{t(`intake.q.${question}`)}</dt>
          <dd className={answer ? "answer-text" : "not-answered"}>{answer ?? t("reports.notAnswered")}</dd>
        </div>
      ))}
      <div className="answer">
        <dt>{t("intake.q.sharingConsent")}</dt>
        <dd>
          <ul className="plain-list">
            {(["information", "data", "logs"] as const).map((s) => (
              <li key={s}>
                {t(`intake.consentSubject.${s}`)}:{" "}
                {a.sharingConsent[s] ? (
                  t(`intake.consent.${a.sharingConsent[s]}`)
                ) : (
                  <span className="not-answered">{t("reports.notAnswered")}</span>
                )}
              </li>
            ))}
          </ul>
        </dd>
      </div>
    </dl>
  );
}

/** The reporter and the organisation, each field or "not answered". */
export function ReporterView({ answers: a }: { answers: ReportAnswers }) {
  const { t } = useTranslation();
  const rows: Row[] = [
    ["reporterName", a.reporter.name],
    ["reporterEmail", a.reporter.email],
    ["reporterPhone", a.reporter.phone],
    ["reporterRole", a.reporter.role],
    ["organisationName", a.organisation.name],
    ["organisationNumber", a.organisation.orgNumber],
    ["sector", a.organisation.sector ? t(`sectors.${a.organisation.sector}`) : null],
  ];
  return (
    <dl className="facts">
      {rows.map(([question, answer]) => (
        <div key={question} className="facts-row">
          <dt>{t(STAFF_LABELS[question] ?? `intake.q.${question}`)}</dt>
          <dd className={answer ? undefined : "not-answered"}>
            {answer ? <Contact field={question} value={answer} /> : t("reports.notAnswered")}
          </dd>
        </div>
      ))}
    </dl>
  );
}

// E-mail addresses and telephone numbers become links; everything else is plain text.
function Contact({ field, value }: { field: string; value: string }) {
  if (field === "reporterEmail") return <a href={`mailto:${value}`}>{value}</a>;
  if (field === "reporterPhone") return <a href={`tel:${value.replace(/[^+0-9]/g, "")}`}>{value}</a>;
  return <>{value}</>;
}
