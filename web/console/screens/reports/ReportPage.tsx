import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ReportDetail } from "../../../../contract/intake-staff.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { CONSENT_SUBJECTS } from "../../../lib/intake/options.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { useNow } from "../../../lib/ui/useNow.js";
import { mayAcknowledgeReports, mayHandleReports } from "../../session.js";
import { formatAge, liveAgeSeconds } from "./age.js";
import { AnswersView, ReporterView } from "../../../lib/intake/AnswersView.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { STATUS_TONE } from "./badges.js";
import { ReportActions } from "./ReportActions.js";
import { ReportIncidents } from "./ReportIncidents.js";
import { Conversation } from "./Conversation.js";
import { useSeen } from "../unread/useSeen.js";
import { CaseObservables } from "../observables/CaseObservables.js";
import { RelatedPanel } from "../observables/RelatedPanel.js";
import { CaseFiles } from "../evidence/CaseFiles.js";
import { CaseYaraPanel } from "../yara/CaseYaraPanel.js";
import { MailView, Nis2DeadlinesView } from "./Evidence.js";
import { ReportPaging } from "../oncall/ReportPaging.js";

/** The query key of one report, shared by the page and its actions. */
export const reportKey = (reference: string) => ["report", reference] as const;

/** One report: handling (TLP, consent), every answer, NIS2 deadlines, files, mail, conversation, actions. */
export function ReportPage({ reference, me }: { reference: string; me: Me }) {
  const { t, i18n } = useTranslation();
  const report = useQuery({
    queryKey: reportKey(reference),
    queryFn: () => api<ReportDetail>("GET", `/reports/${encodeURIComponent(reference)}`),
  });
  const now = useNow(1000);
  const r = report.data;
  // Looked at once it shows, and again when a new message shows.
  const newSince = useSeen("report", reference, r ? (r.messages.at(-1)?.sentAt ?? r.receivedAt) : undefined);
  if (report.isPending) return <p role="status">{t("common.loading")}</p>;
  if (!r) {
    return (
      <>
        <PageHeader title={reference} />
        <Notice tone="error">{errorMessage(t, report.error)}</Notice>
        <Link to="/console/reports">{t("reports.back")}</Link>
      </>
    );
  }
  const age = liveAgeSeconds(r.ageSeconds, report.dataUpdatedAt, now);
  const overdue = r.status === "new" && age > r.ackTargetMinutes * 60;
  const consent = r.answers.sharingConsent;
  return (
    <>
      <p className="crumb">
        <Link to="/console/reports">{t("reports.back")}</Link>
      </p>
      <PageHeader title={t("reports.reportTitle", { reference: r.reference })} />
      <div className="report-head">
        <Badge tone={STATUS_TONE[r.status]}>{t(`reports.statuses.${r.status}`)}</Badge>
        <span>{t(`reports.channels.${r.channel}`)}</span>
        <span>
          {t("reports.receivedAt")} {formatDateTime(r.receivedAt, i18n.language)}
        </span>
        <span className={overdue ? "age overdue-flag" : "age"}>
          {t("reports.ageIs", { age: formatAge(t, age) })}
          {overdue ? ` · ${t("reports.overdue", { minutes: r.ackTargetMinutes })}` : ""}
        </span>
        {r.acknowledged ? (
          <span>
            {t("reports.acknowledgedBy", {
              name: r.acknowledged.by?.name ?? "—",
              at: formatDateTime(r.acknowledged.at, i18n.language),
            })}
          </span>
        ) : null}
        {r.registeredBy ? <span>{t("reports.registeredBy", { name: r.registeredBy.name })}</span> : null}
      </div>
      <ReportPaging reference={r.reference} />
      {r.rejected ? (
        <Notice tone="warning">
          {t("reports.rejectedNotice", {
            reason: t(`reports.rejectReasons.${r.rejected.reason}`),
            name: r.rejected.by?.name ?? "—",
            at: formatDateTime(r.rejected.at, i18n.language),
          })}
          {r.rejected.note ? ` ${r.rejected.note}` : ""}
        </Notice>
      ) : null}

      <section className="handling" aria-labelledby="handling-title">
        <h2 id="handling-title" className="visually-hidden">
          {t("reports.handling")}
        </h2>
        <div className="handling-tlp">
          <span className="handling-label">TLP</span>
          <TlpBadge label={r.answers.tlp} />
        </div>
        <div className="handling-consent">
          <span className="handling-label">{t("reports.consent")}</span>
          <ul>
            {CONSENT_SUBJECTS.map((s) => (
              <li key={s}>
                {t(`intake.consentSubject.${s}`)}:{" "}
                <strong>{consent[s] ? t(`intake.consent.${consent[s]}`) : t("reports.notAnswered")}</strong>
              </li>
            ))}
          </ul>
        </div>
      </section>

      {mayHandleReports(me) ? <ReportActions report={r} mayAcknowledge={mayAcknowledgeReports(me)} /> : null}
      <ReportIncidents report={r} meId={me.id} mayHandle={mayHandleReports(me)} />
      <RelatedPanel of={{ kind: "report", reference: r.reference }} />

      <div className="report-columns">
        <Section title={t("reports.answers")} id="answers">
          <AnswersView answers={r.answers} />
        </Section>
        <div>
          <Section title={t("reports.reporter")} id="reporter">
            <ReporterView answers={r.answers} />
          </Section>
          {r.nis2 ? <Nis2DeadlinesView nis2={r.nis2} /> : null}
        </div>
      </div>
      <CaseFiles of={{ kind: "report", reference: r.reference }} id="attachments" />
      <CaseYaraPanel of={{ kind: "report", reference: r.reference }} />
      {r.mail ? <MailView reference={r.reference} mail={r.mail} /> : null}
      <Conversation reference={r.reference} messages={r.messages} newSince={newSince} />
      <CaseObservables of={{ kind: "report", reference: r.reference }} canEdit={mayHandleReports(me)} />
    </>
  );
}
