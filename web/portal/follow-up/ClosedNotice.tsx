import { useTranslation } from "react-i18next";
import type { FollowUpClosure } from "../../../contract/intake.js";
import { formatDateTime } from "../../lib/time.js";
import "./closed.css";

/**
 * The reporter's follow-up page once the CERT has finished: every incident the report is in is resolved
 * or rejected. Says so, shows the closing message the CERT sent (if any), and that no further NIS2
 * stage is asked for (the page no longer offers the NIS2 form). Nothing while the case is open.
 */
export function ClosedNotice({ closed }: { closed: FollowUpClosure | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (!closed) return null;
  const at = formatDateTime(closed.at, i18n.language);
  return (
    <section className="notice notice-success follow-up-closed" aria-labelledby="closed-title" data-testid="closed">
      <h2 id="closed-title">{t(`followUpClosed.${closed.outcome}Title`)}</h2>
      <p>{t(`followUpClosed.${closed.outcome}Body`, { at })}</p>
      {closed.message ? (
        <figure className="closing-message">
          <figcaption>{t("followUpClosed.message")}</figcaption>
          <blockquote>{closed.message}</blockquote>
        </figure>
      ) : null}
      <p className="muted">
        {t("followUpClosed.nis2")} {t("followUpClosed.writeAgain")}
      </p>
    </section>
  );
}
