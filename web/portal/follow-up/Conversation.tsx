import { useTranslation } from "react-i18next";
import type { FollowUpView } from "../../../contract/intake.js";
import { AnswersView, ReporterView } from "../../lib/intake/AnswersView.js";
import { formatBytes } from "../../lib/intake/limits.js";
import { formatDateTime } from "../../lib/time.js";

type Files = FollowUpView["attachments"];

function FileList({ files }: { files: Files }) {
  const { i18n } = useTranslation();
  return (
    <ul className="message-files">
      {files.map((a, j) => (
        <li key={`${a.filename}-${j}`}>
          {a.filename} ({formatBytes(a.size, i18n.language)})
        </li>
      ))}
    </ul>
  );
}

/** The messages between the reporter and the CERT, oldest first, with the files each carried. */
export function Conversation({ view }: { view: FollowUpView }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="conversation-title" className="conversation-part">
      <h2 id="conversation-title">{t("followUp.conversation")}</h2>
      {view.messages.length === 0 ? <p className="muted">{t("followUp.noMessages")}</p> : null}
      <ol className="conversation">
        {view.messages.map((m, i) => (
          <li key={`${m.sentAt}-${i}`} className={`message message-${m.from}`}>
            <p className="message-meta">
              <strong>{t(`followUp.from.${m.from}`)}</strong> · {formatDateTime(m.sentAt, i18n.language)}
              {m.nis2Stage ? ` · ${t(`nis2.stages.${m.nis2Stage}`)}` : ""}
            </p>
            <p className="message-body">{m.body}</p>
            {m.attachments.length ? <FileList files={m.attachments} /> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What the reporter sent at first: every answer, their contact details, the TLP and the files. */
export function Submitted({ view }: { view: FollowUpView }) {
  const { t } = useTranslation();
  return (
    <details className="submitted-part">
      <summary>
        <h2>{t("followUp.submittedTitle")}</h2>
      </summary>
      <p className="form-note">{t("followUp.submittedIntro")}</p>
      <AnswersView answers={view.answers} />
      <h3>{t("report.parts.contact")}</h3>
      <ReporterView answers={view.answers} />
      <h3>{t("report.parts.tlp")}</h3>
      <p data-testid="submitted-tlp">{view.answers.tlp}</p>
      {view.attachments.length ? (
        <>
          <h3>{t("followUp.reportFiles")}</h3>
          <FileList files={view.attachments} />
        </>
      ) : null}
    </details>
  );
}
