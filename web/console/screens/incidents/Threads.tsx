import { useTranslation } from "react-i18next";
import type { Thread } from "../../../../contract/correspondence.js";
import { formatDateTime } from "../../../lib/time.js";
import { Badge } from "../../../lib/ui/Notice.js";
import { MailAuthBadges } from "../reports/MailAuth.js";

const DELIVERY_TONE = {
  queued: "neutral",
  sent: "good",
  kept: "warn",
  failed: "bad",
  none: "neutral",
  received: "good",
} as const;

/** The incident's correspondence threads (reporters' and third parties'), each oldest first. */
export function Threads({ threads }: { threads: Thread[] }) {
  const { t, i18n } = useTranslation();
  if (threads.length === 0) return <p className="empty">{t("incidents.mail.noThreads")}</p>;
  return (
    <div className="threads">
      {threads.map((thread) => (
        <details key={`${thread.kind}-${thread.id}`} className="thread" open>
          <summary>
            <strong>
              {thread.kind === "reporter"
                ? t("incidents.mail.reporterThread", { report: thread.report ?? "" })
                : t("incidents.mail.thirdPartyThread", { counterpart: thread.counterpart })}
            </strong>{" "}
            <span className="muted">
              {thread.addresses.join(", ")} · {t("incidents.mail.messages", { count: thread.messages.length })}
            </span>
          </summary>
          <ol className="conversation">
            {thread.messages.map((m) => (
              <li key={m.id} className={m.direction === "out" ? "message message-cert" : "message message-reporter"}>
                <p className="message-meta">
                  <strong>
                    {m.direction === "out" ? t("incidents.mail.out") : (m.from ?? t("incidents.mail.in"))}
                  </strong>
                  {" · "}
                  {formatDateTime(m.sentAt, i18n.language)}
                  {m.to.length ? ` · ${t("incidents.mail.toList", { to: m.to.join(", ") })}` : ""}
                  {m.via ? ` · ${t(`reports.via.${m.via}`)}` : ""}{" "}
                  <Badge tone={DELIVERY_TONE[m.deliveryStatus]}>
                    {t(`incidents.mail.delivery.${m.deliveryStatus}`)}
                  </Badge>
                  {m.encrypted ? <Badge tone="good">{t("incidents.mail.encrypted")}</Badge> : null}
                  {m.signed ? <Badge tone="neutral">{t("incidents.mail.signed")}</Badge> : null}
                  {m.verifiedBy ? ` · ${t(`reports.mail.verifiedBy.${m.verifiedBy}`)} ` : null}
                  {m.direction === "in" && m.via === "email" ? <MailAuthBadges auth={m.auth} /> : null}
                </p>
                {m.subject ? <p className="message-subject">{m.subject}</p> : null}
                <p className="message-body">{m.body}</p>
              </li>
            ))}
          </ol>
        </details>
      ))}
    </div>
  );
}
