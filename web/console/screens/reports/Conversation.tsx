import { useTranslation } from "react-i18next";
import type { ReportDetail } from "../../../../contract/intake-staff.js";
import { NewMarker } from "../unread/NewMarker.js";
import { formatDateTime } from "../../../lib/time.js";
import { Section } from "../../../lib/ui/Page.js";
import { MailAuthBadges } from "./MailAuth.js";
import { RawMessageLink } from "./RawMessageLink.js";

type Message = ReportDetail["messages"][number];

/** A mailed reply's evidence: who really sent it, what tied it to the report, the verdict and the .eml. */
function ReplyMail({ reference, message }: { reference: string; message: Message }) {
  const { t } = useTranslation();
  const mail = message.mail;
  if (!mail) return null;
  const href = `/api/v1/reports/${encodeURIComponent(reference)}/messages/${message.id}/original`;
  return (
    <p className="message-mail">
      {mail.from ? <code>{mail.from}</code> : null}
      {mail.verifiedBy ? ` · ${t(`reports.mail.verifiedBy.${mail.verifiedBy}`)}` : ""} ·{" "}
      <MailAuthBadges auth={mail.auth} /> ·{" "}
      <RawMessageLink
        href={href}
        filename={`${reference}-${message.id}.eml`}
        label={t("reports.mail.downloadReply")}
        size={mail.rawSize}
        sha256={mail.rawSha256}
      />
    </p>
  );
}

/** The conversation with the reporter, oldest first; text is shown as text, never as HTML. */
export function Conversation({
  reference,
  messages,
  newSince,
}: {
  reference: string;
  messages: ReportDetail["messages"];
  /** When I last looked before this visit (null: never): the reporter's messages after it are marked new. */
  newSince?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const isNew = (m: ReportDetail["messages"][number]) =>
    m.from === "reporter" && newSince !== undefined && (newSince === null || m.sentAt > newSince);
  return (
    <Section title={t("reports.conversation")} id="conversation">
      {messages.length === 0 ? <p className="empty">{t("reports.noMessages")}</p> : null}
      <ol className="conversation">
        {messages.map((m) => (
          <li key={m.id} className={`message message-${m.from}${isNew(m) ? " message-new" : ""}`}>
            <p className="message-meta">
              {isNew(m) ? <NewMarker /> : null}
              <strong>{m.from === "cert" ? (m.author?.name ?? t("reports.cert")) : t("reports.fromReporter")}</strong>
              {" · "}
              {formatDateTime(m.sentAt, i18n.language)} · {t(`reports.via.${m.via}`)}
              {m.nis2Stage ? ` · ${t(`nis2.stages.${m.nis2Stage}`)}` : ""}
            </p>
            <ReplyMail reference={reference} message={m} />
            <p className="message-body">{m.body}</p>
          </li>
        ))}
      </ol>
    </Section>
  );
}
