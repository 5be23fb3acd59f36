import { useTranslation } from "react-i18next";
import type { Me } from "../../lib/api/types.js";
import { Link } from "../../lib/router.js";
import { PageHeader } from "../../lib/ui/Page.js";
import { DutyDashboard } from "./dashboard/DutyDashboard.js";
import { readsCases } from "./unread/useUnread.js";

/**
 * The landing page is the work: for everyone who reads cases, the duty dashboard (NIS2 deadlines, new
 * replies, waiting reports, overdue incidents; for admins also jobs and mail). No welcome text.
 */
export function Overview({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <>
      {readsCases(me) ? (
        <DutyDashboard title={t("landing.title")} />
      ) : (
        <>
          <PageHeader title={t("landing.title")} />
          <p>{t("landing.noCases")}</p>
        </>
      )}
      {!me.totpEnabled ? (
        <p className="muted totp-hint">
          {t("landing.totpOff")} <Link to="/console/account">{t("landing.totpOn")}</Link>
        </p>
      ) : null}
    </>
  );
}
