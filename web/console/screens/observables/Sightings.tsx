import { useTranslation } from "react-i18next";
import type { ObservableDetail, Sighting } from "../../../../contract/observables.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { StatusBadge } from "../incidents/badges.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { caseHref } from "./api.js";

/** The incidents a value is part of (directly or through a linked report), newest first. */
export function InvolvedIncidents({ incidents }: { incidents: ObservableDetail["incidents"] }) {
  const { t, i18n } = useTranslation();
  return (
    <Section title={t("observables.page.incidents")} id="involved-incidents">
      {incidents.length === 0 ? <p className="empty">{t("observables.page.noIncidents")}</p> : null}
      <ul className="plain-list obs-incidents">
        {incidents.map((i) => (
          <li key={i.reference}>
            <div className="obs-related-head">
              <Link to={caseHref({ kind: "incident", reference: i.reference })} className="mono">
                {i.reference}
              </Link>
              <TlpBadge label={i.tlp} />
              <StatusBadge status={i.status} />
            </div>
            <span>{i.title}</span>
            <span className="cell-sub">
              {t("observables.related.lastSeen", { at: formatDateTime(i.lastSeen, i18n.language) })}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

interface SightingsProps {
  items: Sighting[];
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
}

/** Every place the value was seen, newest first, a page at a time. */
export function Sightings({ items, hasMore, loadingMore, onMore }: SightingsProps) {
  const { t, i18n } = useTranslation();
  return (
    <Section title={t("observables.page.sightings")} id="sightings">
      <Table
        caption={t("observables.page.sightings")}
        rows={items}
        rowKey={(s) => `${s.kind} ${s.reference} ${s.origin} ${s.seenAt}`}
        empty={t("observables.page.noSightings")}
        columns={[
          {
            key: "when",
            header: t("observables.page.seenAt"),
            className: "cell-nowrap",
            cell: (s) => formatDateTime(s.seenAt, i18n.language),
          },
          {
            key: "case",
            header: t("observables.page.case"),
            cell: (s) => (
              <>
                <Link to={caseHref(s)} className="mono">
                  {s.reference}
                </Link>
                <span className="cell-sub">{s.title}</span>
              </>
            ),
          },
          { key: "kind", header: t("observables.page.kind"), cell: (s) => t(`observables.related.kind.${s.kind}`) },
          { key: "origin", header: t("observables.page.origin"), cell: (s) => t(`observables.origins.${s.origin}`) },
        ]}
      />
      {hasMore ? (
        <Button variant="quiet" busy={loadingMore} onClick={onMore}>
          {t("observables.page.more")}
        </Button>
      ) : null}
    </Section>
  );
}
