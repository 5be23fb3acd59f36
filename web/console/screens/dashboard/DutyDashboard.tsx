import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Dashboard } from "../../../../contract/dashboard.js";
import { api } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { useNow } from "../../../lib/ui/useNow.js";
import { liveAgeSeconds } from "../reports/age.js";
import { clockState } from "./clock.js";
import { CountTiles } from "./CountTiles.js";
import { OverdueIncidents } from "./OverdueIncidents.js";
import { UnacknowledgedReports } from "./UnacknowledgedReports.js";
import { NewReplies } from "./NewReplies.js";
import { Nis2Due } from "./Nis2Due.js";
import { OperationsAttention } from "./OperationsAttention.js";
import { NotificationOffer } from "../unread/NotificationOffer.js";

const SEVERITIES = ["critical", "high", "medium", "low"] as const;

/**
 * The duty officer's page — and the console's landing page for everyone who reads cases: NIS2 deadlines
 * due now, new replies, what waits for acknowledgement, my and everyone's overdue incidents, today in
 * numbers, and for administrators what the platform needs.
 */
export function DutyDashboard({ title }: { title?: string }) {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  const dashboard = useQuery({
    queryKey: ["dashboard"],
    queryFn: async () => ({ view: await api<Dashboard>("GET", "/dashboard"), fetchedAt: Date.now() }),
    // Fresh every half minute and whenever the person comes back to the tab.
    refetchInterval: 30_000,
    refetchOnWindowFocus: "always",
    staleTime: 0,
  });
  const data = dashboard.data;

  return (
    <>
      <PageHeader title={title ?? t("dashboard.title")}>
        <Button variant="quiet" onClick={() => void dashboard.refetch()} busy={dashboard.isFetching}>
          {t("common.refresh")}
        </Button>
      </PageHeader>
      {data ? (
        <p className="dash-updated">
          {t("dashboard.updated", { at: formatDateTime(new Date(data.fetchedAt).toISOString(), i18n.language, true) })}
        </p>
      ) : null}
      {dashboard.isError ? <Notice tone="error">{errorMessage(t, dashboard.error)}</Notice> : null}
      {!data ? (
        dashboard.isPending ? (
          <p role="status">{t("common.loading")}</p>
        ) : null
      ) : (
        <DashboardBody view={data.view} fetchedAt={data.fetchedAt} now={now} />
      )}
    </>
  );
}

function DashboardBody({ view, fetchedAt, now }: { view: Dashboard; fetchedAt: number; now: number }) {
  const { t } = useTranslation();
  const lateReports = view.unacknowledged.items.filter(
    (r) => clockState(liveAgeSeconds(r.ageSeconds, fetchedAt, now), r.ackTargetMinutes).tone === "overdue",
  ).length;
  return (
    <div className="dash">
      <NotificationOffer />
      <CountTiles
        label={t("dashboard.now")}
        tiles={[
          {
            key: "unacknowledged",
            label: t("dashboard.tiles.unacknowledged"),
            value: view.unacknowledged.total,
            tone: lateReports > 0 ? "alert" : "neutral",
          },
          {
            key: "lateReports",
            label: t("dashboard.tiles.lateReports"),
            value: lateReports,
            tone: lateReports > 0 ? "alert" : "neutral",
          },
          {
            key: "overdueIncidents",
            label: t("dashboard.tiles.overdueIncidents"),
            value: view.overdueIncidents.total,
            tone: view.overdueIncidents.total > 0 ? "alert" : "neutral",
          },
          {
            key: "newReplies",
            label: t("landing.newReplies.title"),
            value: view.newReplies.length,
            tone: view.newReplies.length > 0 ? "alert" : "neutral",
          },
        ]}
      />
      {view.nis2Due.length > 0 ? (
        <DashSection id="dash-nis2" title={t("landing.nis2.title")}>
          <Nis2Due deadlines={view.nis2Due} />
        </DashSection>
      ) : null}
      <DashSection id="dash-replies" title={t("landing.newReplies.title")}>
        <NewReplies replies={view.newReplies} />
      </DashSection>
      <DashSection id="dash-unack" title={t("dashboard.unacknowledged.title")}>
        <UnacknowledgedReports reports={view.unacknowledged.items} fetchedAt={fetchedAt} now={now} />
        <MoreThanShown
          shown={view.unacknowledged.items.length}
          total={view.unacknowledged.total}
          to="/console/reports"
        />
      </DashSection>
      <DashSection id="dash-mine" title={t("landing.mine.title")}>
        {view.myOverdueIncidents.length > 0 ? (
          <OverdueIncidents incidents={view.myOverdueIncidents} now={now} />
        ) : (
          <p className="empty dash-all-clear">{t("landing.mine.none")}</p>
        )}
      </DashSection>
      <DashSection id="dash-overdue" title={t("dashboard.overdueIncidents.title")}>
        <OverdueIncidents incidents={view.overdueIncidents.items} now={now} />
        <MoreThanShown
          shown={view.overdueIncidents.items.length}
          total={view.overdueIncidents.total}
          to="/console/incidents?view=overdue"
        />
      </DashSection>
      <div className="dash-columns">
        <DashSection id="dash-today" title={t("dashboard.today.title", { date: view.today.date })}>
          <CountTiles
            label={t("dashboard.today.title", { date: view.today.date })}
            tiles={[
              { key: "received", label: t("dashboard.today.reportsReceived"), value: view.today.reportsReceived },
              { key: "opened", label: t("dashboard.today.incidentsOpened"), value: view.today.incidentsOpened },
              { key: "resolved", label: t("dashboard.today.incidentsResolved"), value: view.today.incidentsResolved },
            ]}
          />
        </DashSection>
        {view.operations ? (
          <DashSection id="dash-ops" title={t("landing.ops.title")}>
            <OperationsAttention ops={view.operations} />
          </DashSection>
        ) : null}
        <DashSection id="dash-severity" title={t("dashboard.bySeverity.title")}>
          <CountTiles
            label={t("dashboard.bySeverity.title")}
            tiles={SEVERITIES.map((s) => ({
              key: s,
              label: t(`incidents.severities.${s}`),
              value: view.openBySeverity[s],
              tone: s === "critical" && view.openBySeverity[s] > 0 ? "alert" : "neutral",
              to: `/console/incidents?view=open&severity=${s}`,
            }))}
          />
        </DashSection>
      </div>
    </div>
  );
}

/** "Showing the 200 oldest of 230 — all of them" when the dashboard holds back a long tail. */
function MoreThanShown({ shown, total, to }: { shown: number; total: number; to: string }) {
  const { t } = useTranslation();
  if (total <= shown) return null;
  return (
    <p className="dash-more">
      {t("dashboard.moreThanShown", { shown, total })} <Link to={to}>{t("dashboard.seeAll")}</Link>
    </p>
  );
}

/** One block of the dashboard, named by its heading. */
function DashSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="dash-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
