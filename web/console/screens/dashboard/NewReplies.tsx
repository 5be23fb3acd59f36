import { useTranslation } from "react-i18next";
import type { NewReply } from "../../../../contract/unread.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Badge } from "../../../lib/ui/Notice.js";

/** Reports and incidents with a reply I have not looked at, the latest first. */
export function NewReplies({ replies }: { replies: NewReply[] }) {
  const { t, i18n } = useTranslation();
  if (replies.length === 0) return <p className="empty dash-all-clear">{t("landing.newReplies.none")}</p>;
  return (
    <ul className="dash-list" data-testid="new-replies">
      {replies.map((r) => (
        <li key={`${r.kind}:${r.reference}`} className="dash-row">
          <span className="dash-row-main">
            <Link
              to={`/console/${r.kind === "report" ? "reports" : "incidents"}/${encodeURIComponent(r.reference)}`}
              className="dash-row-link"
            >
              <span className="mono">{r.reference}</span>
              {r.title ? <span className="dash-row-title">{r.title}</span> : null}
            </Link>
            <span className="cell-sub">
              {t("landing.newReplies.at", { at: formatDateTime(r.repliedAt, i18n.language) })}
            </span>
          </span>
          <span className="dash-row-badges">
            <Badge>{t(`landing.newReplies.${r.kind}`)}</Badge>
          </span>
        </li>
      ))}
    </ul>
  );
}
