import { useTranslation } from "react-i18next";
import type { ReportDetail } from "../../../../contract/intake-staff.js";
import { formatDateTime } from "../../../lib/time.js";
import { Section } from "../../../lib/ui/Page.js";

/** The conversation with the reporter, oldest first; text is shown as text, never as HTML. */
export function Conversation({ messages }: { messages: ReportDetail["messages"] }) {
  const { t, i18n } = useTranslation();
  return (
    <Section title={t("reports.conversation")} id="conversation">
      {messages.length === 0 ? <p className="empty">{t("reports.noMessages")}</p> : null}
      <ol className="conversation">
        {messages.map((m) => (
          <li key={m.id} className={`message message-${m.from}`}>
            <p className="message-meta">
              <strong>{m.from === "cert" ? (m.author?.name ?? t("reports.cert")) : t("reports.fromReporter")}</strong>
              {" · "}
              {formatDateTime(m.sentAt, i18n.language)} · {t(`reports.via.${m.via}`)}
              {m.nis2Stage ? ` · ${t(`nis2.stages.${m.nis2Stage}`)}` : ""}
            </p>
            <p className="message-body">{m.body}</p>
          </li>
        ))}
      </ol>
    </Section>
  );
}
