import { useTranslation } from "react-i18next";
import type { ReportDetail } from "../../../../contract/intake-staff.js";
import { formatBytes } from "../../../lib/intake/limits.js";
import { formatDateTime } from "../../../lib/time.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { MailAuthBadges } from "./MailAuth.js";
import { RawMessageLink } from "./RawMessageLink.js";

type Mail = NonNullable<ReportDetail["mail"]>;
type Nis2 = NonNullable<ReportDetail["nis2"]>;

const base = (reference: string) => `/api/v1/reports/${encodeURIComponent(reference)}`;

/** For a mailed report: the original message's headers, PGP status and the .eml to download. */
export function MailView({ reference, mail }: { reference: string; mail: Mail }) {
  const { t, i18n } = useTranslation();
  return (
    <Section title={t("reports.mail.title")} id="mail">
      {mail.unverifiedReference ? (
        <Notice tone="warning">{t("reports.mail.unverified", { reference: mail.unverifiedReference })}</Notice>
      ) : null}
      {mail.messageIdReused ? <Notice tone="warning">{t("reports.mail.messageIdReused")}</Notice> : null}
      <p>
        {t("reports.mail.auth.title")}: <MailAuthBadges auth={mail.auth} />
      </p>
      <p>
        <RawMessageLink
          href={`${base(reference)}/original`}
          filename={`${reference}.eml`}
          label={t("reports.mail.download")}
          size={mail.rawSize}
          sha256={mail.rawSha256}
        />
      </p>
      <p>
        {t("reports.mail.encrypted")}:{" "}
        {mail.pgp.encrypted === null ? "—" : mail.pgp.encrypted ? t("intake.answers.yes") : t("intake.answers.no")} ·{" "}
        {t("reports.mail.signature")}: {mail.pgp.signature ? t(`reports.mail.signatures.${mail.pgp.signature}`) : "—"}
      </p>
      {mail.readLevel ? (
        <p>
          {t("reports.mail.readLevel")}:{" "}
          {mail.readLevel === "full" ? (
            t("reports.mail.readLevels.full")
          ) : (
            <Badge tone="warn">{t(`reports.mail.readLevels.${mail.readLevel}`)}</Badge>
          )}
          {mail.skippedParts ? ` · ${t("reports.mail.skippedParts", { count: mail.skippedParts })}` : ""}
        </p>
      ) : null}
      {mail.filesNotStored.length > 0 ? (
        <>
          <h3>{t("reports.mail.filesNotStored")}</h3>
          <ul className="files-not-stored">
            {mail.filesNotStored.map((f, i) => (
              <li key={`${f.filename}-${i}`}>
                <code>{f.filename}</code> ({formatBytes(f.size, i18n.language)}):{" "}
                {t(`reports.mail.notStoredReasons.${f.reason}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <dl className="mail-headers">
        {Object.entries(mail.headers).map(([name, value]) => (
          <div key={name} className="mail-header">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Section>
  );
}

/** NIS2: the entity's answers and every deadline, the CERT's own included, overdue ones marked. */
export function Nis2DeadlinesView({ nis2 }: { nis2: Nis2 }) {
  const { t, i18n } = useTranslation();
  const yn = (v: string | null) => (v ? t(`intake.answers.${v}`) : null);
  const rows: [string, string | null][] = [
    ["nis2Applies", nis2.applies === null ? null : yn(nis2.applies ? "yes" : "no")],
    ["nis2AwareAt", nis2.awareAt ? formatDateTime(nis2.awareAt, i18n.language) : null],
    ["nis2SuspectedMalicious", yn(nis2.suspectedMalicious)],
    ["nis2CrossBorder", yn(nis2.crossBorderImpact)],
    [
      "nis2TrustServiceProvider",
      nis2.trustServiceProvider === null ? null : yn(nis2.trustServiceProvider ? "yes" : "no"),
    ],
  ];
  return (
    <Section title="NIS2" id="nis2">
      <dl className="answers nis2-answers">
        {rows.map(([question, answer]) => (
          <div key={question} className="answer">
            <dt>{t(`intake.q.${question}`)}</dt>
            <dd className={answer ? undefined : "not-answered"}>{answer ?? t("reports.notAnswered")}</dd>
          </div>
        ))}
      </dl>
      <h3>{t("reports.deadlines")}</h3>
      <ul className="deadlines">
        {nis2.deadlines.map((d) => (
          <li key={d.kind} className={d.overdue ? "deadline overdue" : "deadline"}>
            <span className="deadline-what">
              {t(`nis2.deadlines.${d.kind}`)}
              {d.party === "cert" ? (
                <>
                  {" "}
                  <Badge tone="neutral">{t("reports.ours")}</Badge>
                </>
              ) : null}
            </span>
            <span className="deadline-when">
              {d.dueAt ? formatDateTime(d.dueAt, i18n.language) : t("reports.dueLater")}
              {d.metAt ? ` · ${t("reports.metAt", { at: formatDateTime(d.metAt, i18n.language) })}` : ""}
              {d.overdue ? ` · ${t("reports.late")}` : ""}
            </span>
          </li>
        ))}
      </ul>
      {nis2.stages.length ? (
        <>
          <h3>{t("reports.stagesReceived")}</h3>
          <ul className="plain-list">
            {nis2.stages.map((s, i) => (
              <li key={`${s.stage}-${i}`}>
                {t(`nis2.stages.${s.stage}`)} · {formatDateTime(s.submittedAt, i18n.language)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}
