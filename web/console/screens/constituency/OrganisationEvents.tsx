import { useTranslation } from "react-i18next";
import type { FeedEvent } from "../../../../contract/feeds.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { useFeedEvents } from "../feeds/api.js";

const RECENT = 10;

/** The organisation's newest security events, and a way to all of them on the feeds screen. */
export function OrganisationEvents({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const events = useFeedEvents({ organisation: id, limit: RECENT }, undefined);
  return (
    <Section title={t("feeds.events.organisationPanel.title")} id="organisation-events">
      {events.isError ? <Notice tone="error">{errorMessage(t, events.error)}</Notice> : null}
      {events.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {events.data ? (
        <>
          <Table<FeedEvent>
            caption={t("feeds.events.organisationPanel.title")}
            rows={events.data.items}
            rowKey={(e) => e.id}
            empty={t("feeds.events.organisationPanel.empty")}
            columns={[
              {
                key: "time",
                header: "time.source",
                className: "cell-nowrap",
                cell: (e) => formatDateTime(String(e["time.source"] ?? ""), i18n.language),
              },
              {
                key: "ip",
                header: "source.ip",
                className: "mono",
                cell: (e) => e["source.ip"] ?? e["source.fqdn"] ?? "—",
              },
              { key: "type", header: "classification.type", cell: (e) => e["classification.type"] ?? "—" },
              { key: "feed", header: "feed.name", cell: (e) => e["feed.name"] ?? "—" },
            ]}
          />
          {events.data.items.length > 0 ? (
            <Link to={`/console/feeds?organisation=${encodeURIComponent(id)}#feed-events`}>
              {t("feeds.events.organisationPanel.all")}
            </Link>
          ) : null}
        </>
      ) : null}
    </Section>
  );
}
