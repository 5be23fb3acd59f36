import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { OrganisationIncident, OrganisationIncidents } from "../../../../contract/incident-organisations.js";
import type { NotificationPage, NotificationSummary } from "../../../../contract/notifications.js";
import { api, query } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { SeverityBadge, StatusBadge } from "../incidents/badges.js";
import { DeliveryBadge } from "../notifications/Notifications.js";

// The organisation page's casework: the incidents linked to it (through the incidents' TLP policy on the
// server: a TLP:RED incident the reader is not on is not listed) and the notifications sent to it.

const RECENT = 10;

/** The incidents linked to the organisation, newest change first. */
export function OrganisationIncidentsPanel({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const incidents = useQuery({
    queryKey: ["incidents", "organisation", id],
    queryFn: () =>
      api<OrganisationIncidents>(
        "GET",
        `/organisations/${encodeURIComponent(id)}/incidents${query({ limit: RECENT })}`,
      ),
  });
  const title = t("constituency.organisation.incidents.title");
  return (
    <Section title={title} id="organisation-incidents">
      {incidents.isError ? <Notice tone="error">{errorMessage(t, incidents.error)}</Notice> : null}
      {incidents.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {incidents.data ? (
        <>
          <Table<OrganisationIncident>
            caption={title}
            rows={incidents.data.items}
            rowKey={(i) => i.reference}
            empty={t("constituency.organisation.incidents.empty")}
            columns={[
              {
                key: "reference",
                header: t("constituency.organisation.incidents.reference"),
                className: "cell-nowrap",
                cell: (i) => <Link to={`/console/incidents/${encodeURIComponent(i.reference)}`}>{i.reference}</Link>,
              },
              { key: "title", header: t("constituency.organisation.incidents.incident"), cell: (i) => i.title },
              {
                key: "status",
                header: t("constituency.organisation.incidents.status"),
                cell: (i) => <StatusBadge status={i.status} />,
              },
              {
                key: "severity",
                header: t("constituency.organisation.incidents.severity"),
                cell: (i) => <SeverityBadge severity={i.severity} />,
              },
              { key: "tlp", header: "TLP", cell: (i) => <TlpBadge label={i.tlp} /> },
              {
                key: "updated",
                header: t("constituency.organisation.incidents.updated"),
                className: "cell-nowrap",
                cell: (i) => formatDateTime(i.updatedAt, i18n.language),
              },
            ]}
          />
          {incidents.data.total > incidents.data.items.length ? (
            <p className="muted">
              {t("constituency.organisation.incidents.more", {
                shown: incidents.data.items.length,
                total: incidents.data.total,
              })}
            </p>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}

/** The notifications (digests of events) sent to the organisation, newest first. */
export function OrganisationNotificationsPanel({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const notifications = useQuery({
    queryKey: ["notifications", "organisation", id],
    queryFn: () => api<NotificationPage>("GET", `/notifications${query({ organisation: id, limit: RECENT })}`),
  });
  const title = t("constituency.organisation.notifications.title");
  return (
    <Section title={title} id="organisation-notifications">
      {notifications.isError ? <Notice tone="error">{errorMessage(t, notifications.error)}</Notice> : null}
      {notifications.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {notifications.data ? (
        <>
          <Table<NotificationSummary>
            caption={title}
            rows={notifications.data.items}
            rowKey={(n) => n.id}
            empty={t("constituency.organisation.notifications.empty")}
            columns={[
              {
                key: "created",
                header: t("constituency.organisation.notifications.sent"),
                className: "cell-nowrap",
                cell: (n) => formatDateTime(n.createdAt, i18n.language),
              },
              { key: "subject", header: t("constituency.organisation.notifications.subject"), cell: (n) => n.subject },
              { key: "events", header: t("constituency.organisation.notifications.events"), cell: (n) => n.events },
              {
                key: "status",
                header: t("constituency.organisation.notifications.status"),
                cell: (n) => <DeliveryBadge status={n.status} />,
              },
            ]}
          />
          {notifications.data.items.length > 0 ? (
            <Link to="/console/notifications">{t("constituency.organisation.notifications.all")}</Link>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
