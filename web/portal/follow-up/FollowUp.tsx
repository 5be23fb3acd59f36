import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import type { FollowUpView } from "../../../contract/intake.js";
import { fetchFollowUp } from "../../lib/api/public.js";
import { applyLanguage, chosenLanguage } from "../../lib/i18n/index.js";
import { formatDateTime } from "../../lib/time.js";
import { Notice } from "../../lib/ui/Notice.js";
import { Frame } from "../Frame.js";
import { portalErrorMessage } from "../report/portal-errors.js";
import { Conversation, Submitted } from "./Conversation.js";
import { MessageBox } from "./MessageBox.js";
import { Nis2Panel } from "./Nis2Panel.js";
import { ClosedNotice } from "./ClosedNotice.js";

// The token lives in the fragment (never sent to the server in a URL, never in logs). Another
// link pasted into the same tab changes only the fragment: the page follows it (hashchange).
function tokenFromHash(): string {
  return window.location.hash.replace(/^#/, "").trim();
}

function subscribeToHash(onChange: () => void): () => void {
  window.addEventListener("hashchange", onChange);
  return () => window.removeEventListener("hashchange", onChange);
}

/**
 * The reporter's page for one report: its status, the conversation and a box to write, the next
 * NIS2 report when one is due, and what they sent. Opens in the report's language unless this
 * browser has chosen one.
 */
export function FollowUp() {
  const { t, i18n } = useTranslation();
  const token = useSyncExternalStore(subscribeToHash, tokenFromHash);
  const [view, setView] = useState<FollowUpView | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const latest = useRef(token);

  const load = useCallback(async () => {
    const asked = token;
    try {
      const answer = await fetchFollowUp(asked);
      if (latest.current !== asked) return; // another link was opened meanwhile
      if (chosenLanguage() === null) await applyLanguage(i18n, answer.language, { remember: false });
      setView(answer);
      setFailure(null);
    } catch (err) {
      if (latest.current === asked) setFailure(err);
    }
  }, [token, i18n]);

  useEffect(() => {
    latest.current = token;
    setView(null);
    setFailure(null);
    if (token) void load();
  }, [token, load]);

  const when = (iso: string | null) => formatDateTime(iso, i18n.language);
  const title = view ? t("followUp.titleFor", { reference: view.reference }) : t("followUp.title");
  return (
    <Frame title={title} narrow>
      <div className="wrap form-page follow-up">
        <h1 tabIndex={-1}>{title}</h1>
        {!token ? <Notice tone="error">{t("followUp.noToken")}</Notice> : null}
        {failure ? <Notice tone="error">{portalErrorMessage(t, failure)}</Notice> : null}
        {token && !view && !failure ? <p role="status">{t("common.loading")}</p> : null}
        {view ? (
          // Keyed by the token: another case starts with empty forms.
          <div key={token} className="follow-up-case">
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
            <Conversation view={view} />
            <MessageBox token={token} onSent={load} />
            {view.nis2 ? <Nis2Panel token={token} nis2={view.nis2} onSent={load} /> : null}
            <Submitted view={view} />
          </div>
        ) : null}
      </div>
    </Frame>
  );
}
