import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FollowUpView } from "../../../contract/intake.js";
import { fetchFollowUp } from "../../lib/api/public.js";
import { formatBytes } from "../../lib/intake/limits.js";
import { formatDateTime } from "../../lib/time.js";
import { Notice } from "../../lib/ui/Notice.js";
import { Frame } from "../Frame.js";
import { portalErrorMessage } from "../report/portal-errors.js";
import { MessageBox } from "./MessageBox.js";
import { Nis2Panel } from "./Nis2Panel.js";
import { ClosedNotice } from "./ClosedNotice.js";

// The token lives in the fragment (never sent to the server in a URL, never in logs).
function tokenFromHash(): string {
  return window.location.hash.replace(/^#/, "").trim();
}

/** The reporter's page for one report: status, conversation, a box to write, and NIS2 stages. */
export function FollowUp() {
  const { t, i18n } = useTranslation();
  const [token] = useState(tokenFromHash);
  const [view, setView] = useState<FollowUpView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      setView(await fetchFollowUp(token));
      setFailure(null);
    } catch (err) {
      setFailure(portalErrorMessage(t, err));
    }
  }, [token, t]);

  useEffect(() => {
    if (token) void load();
  }, [token, load]);

  const when = (iso: string | null) => formatDateTime(iso, i18n.language);
  const title = view ? t("followUp.titleFor", { reference: view.reference }) : t("followUp.title");
  return (
    <Frame title={title} narrow>
      <div className="wrap form-page follow-up">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {!token ? <Notice tone="error">{t("followUp.noToken")}</Notice> : null}
        {failure ? <Notice tone="error">{failure}</Notice> : null}
        {token && !view && !failure ? <p role="status">{t("common.loading")}</p> : null}
        {view ? (
          <>
            <dl className="status-facts">
              <dt>{t("followUp.status")}</dt>
              <dd>
                <strong className={`report-status report-status-${view.status}`} data-testid="status">
                  {t(`followUp.statuses.${view.status}`)}
                </strong>
                <span className="status-explained">{t(`followUp.statusHelp.${view.status}`)}</span>
              </dd>
              <dt>{t("followUp.received")}</dt>
              <dd>{when(view.receivedAt)}</dd>
              <dt>{t("followUp.acknowledged")}</dt>
              <dd data-testid="acknowledged">
                {view.acknowledgedAt ? when(view.acknowledgedAt) : t("followUp.notYet")}
              </dd>
            </dl>
            <ClosedNotice closed={view.closed} />
            {view.nis2 ? <Nis2Panel token={token} nis2={view.nis2} onSent={load} /> : null}
            <section aria-labelledby="conversation-title" className="conversation-part">
              <h2 id="conversation-title">{t("followUp.conversation")}</h2>
              {view.messages.length === 0 ? <p className="muted">{t("followUp.noMessages")}</p> : null}
              <ol className="conversation">
                {view.messages.map((m, i) => (
                  <li key={`${m.sentAt}-${i}`} className={`message message-${m.from}`}>
                    <p className="message-meta">
                      <strong>{t(`followUp.from.${m.from}`)}</strong> · {when(m.sentAt)}
                      {m.nis2Stage ? ` · ${t(`nis2.stages.${m.nis2Stage}`)}` : ""}
                    </p>
                    <p className="message-body">{m.body}</p>
                    {m.attachments.length ? (
                      <ul className="message-files">
                        {m.attachments.map((a, j) => (
                          <li key={`${a.filename}-${j}`}>
                            {a.filename} ({formatBytes(a.size, i18n.language)})
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ol>
              {view.attachments.length ? (
                <>
                  <h3>{t("followUp.reportFiles")}</h3>
                  <ul className="message-files">
                    {view.attachments.map((a, j) => (
                      <li key={`${a.filename}-${j}`}>
                        {a.filename} ({formatBytes(a.size, i18n.language)})
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
            <MessageBox token={token} onSent={load} />
          </>
        ) : null}
      </div>
    </Frame>
  );
}
