import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api/client.js";
import type { AuditEntry, Job, Me, Page } from "../../lib/api/types.js";
import { Link } from "../../lib/router.js";
import { formatDateTime } from "../../lib/time.js";
import { Badge, Notice } from "../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../lib/ui/Page.js";
import { isAdmin } from "../session.js";

/** The landing page: who you are, your 2FA state, and for admins what needs attention. */
export function Overview({ me }: { me: Me }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("overview.title")} />
      <p className="lead">{t("overview.welcome", { name: me.name })}</p>
      {!me.totpEnabled ? (
        <Notice tone="warning">
          {t("overview.noTotp")} <Link to="/console/account">{t("overview.enrolNow")}</Link>
        </Notice>
      ) : null}
      <div className="grid-2">
        <Section title={t("overview.you")}>
          <dl className="facts">
            <dt>{t("users.email")}</dt>
            <dd>{me.email}</dd>
            <dt>{t("users.roles")}</dt>
            <dd>
              {me.roles.map((r) => (
                <Badge key={r}>{t(`roles.${r}`)}</Badge>
              ))}
            </dd>
            <dt>{t("account.totp.title")}</dt>
            <dd>
              {me.totpEnabled ? (
                <Badge tone="good">{t("common.on")}</Badge>
              ) : (
                <Badge tone="warn">{t("common.off")}</Badge>
              )}
            </dd>
          </dl>
        </Section>
        {isAdmin(me) ? <AdminGlance /> : null}
      </div>
    </>
  );
}

function AdminGlance() {
  const { t, i18n } = useTranslation();
  const failed = useQuery({
    queryKey: ["jobs", "failed", "count"],
    queryFn: () => api<Page<Job>>("GET", "/jobs?status=failed&limit=100"),
  });
  const audit = useQuery({
    queryKey: ["audit", "latest"],
    queryFn: () => api<Page<AuditEntry>>("GET", "/audit?limit=5"),
  });
  const failedCount = failed.data ? `${failed.data.items.length}${failed.data.nextCursor ? "+" : ""}` : "…";
  return (
    <Section title={t("overview.attention")}>
      <dl className="facts">
        <dt>{t("nav.failedJobs")}</dt>
        <dd>
          <Link to="/console/jobs">{failedCount}</Link>
        </dd>
      </dl>
      <h3>{t("overview.latestAudit")}</h3>
      {audit.data && audit.data.items.length > 0 ? (
        <ul className="plain-list">
          {audit.data.items.map((e) => (
            <li key={String(e.id)}>
              <span className="muted">{formatDateTime(e.at, i18n.language)}</span> <code>{e.action}</code> {e.actor}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{audit.isPending ? t("common.loading") : t("audit.empty")}</p>
      )}
      <Link to="/console/audit">{t("overview.toAudit")}</Link>
    </Section>
  );
}
