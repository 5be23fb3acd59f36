import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CorrelationStop, type RelatedItem, type RelatedList } from "../../../../contract/observables.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { CheckboxField } from "../../../lib/ui/Field.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { type CaseRef, caseHref, useRelated } from "./api.js";
import { ValueChip, caseStatusLabel } from "./labels.js";
import "../../observables.css";

/** The other reports and incidents sharing values with this case, closest first, with what they share. */
export function RelatedPanel({ of }: { of: CaseRef }) {
  const { t } = useTranslation();
  const [cidr, setCidr] = useState(false);
  const related = useRelated(of, cidr);
  const list = related.data;
  return (
    <Section title={t("observables.related.title")} id="related">
      <CheckboxField label={t("observables.related.cidr")} checked={cidr} onChange={(e) => setCidr(e.target.checked)} />
      {related.isError ? <Notice tone="error">{errorMessage(t, related.error)}</Notice> : null}
      {related.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {list ? (
        <>
          {list.items.length === 0 ? (
            <p className="empty">{t("observables.related.none")}</p>
          ) : (
            <ol className="plain-list obs-related">
              {list.items.map((item) => (
                <RelatedRow key={`${item.kind} ${item.reference}`} item={item} best={list.items[0]?.score ?? 0} />
              ))}
            </ol>
          )}
          <LeftOut list={list} />
          <FeedSightings list={list} />
        </>
      ) : null}
    </Section>
  );
}

function RelatedRow({ item, best }: { item: RelatedItem; best: number }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="obs-related-item">
      <div className="obs-related-head">
        {item.kind !== "event" ? (
          <Link to={caseHref({ kind: item.kind, reference: item.reference })} className="mono">
            {item.reference}
          </Link>
        ) : (
          <span className="mono">{item.reference}</span>
        )}
        <TlpBadge label={item.tlp} />
        <Badge>{caseStatusLabel(t, item.kind, item.status)}</Badge>
        {item.ongoing ? <Badge tone="warn">{t("observables.related.ongoing")}</Badge> : null}
      </div>
      <span className="obs-related-title">{item.title}</span>
      <span className="cell-sub">
        {t(`observables.related.kind.${item.kind}`)} ·{" "}
        {t("observables.related.lastSeen", { at: formatDateTime(item.lastSeen, i18n.language) })}
      </span>
      <div className="obs-score">
        <meter
          min={0}
          max={best > 0 ? best : 1}
          value={item.score}
          aria-label={t("observables.related.scoreOf", { reference: item.reference })}
        />
        <span className="cell-sub">{t("observables.related.score", { score: item.score })}</span>
      </div>
      <p className="visually-hidden">{t("observables.related.sharedCount", { count: item.sharedCount })}</p>
      <ul className="obs-chips" aria-label={t("observables.related.sharedOf", { reference: item.reference })}>
        {item.shared.map((v) => (
          <li key={`${v.type} ${v.value} ${v.via?.value ?? ""}`}>
            <ValueChip value={v} />
          </li>
        ))}
        {item.sharedCount > item.shared.length ? (
          <li className="cell-sub">
            {t("observables.related.more", { count: item.sharedCount - item.shared.length })}
          </li>
        ) : null}
      </ul>
    </li>
  );
}

/** How many of the case's own values were left out of correlation, and why. */
function LeftOut({ list }: { list: RelatedList }) {
  const { t } = useTranslation();
  const reasons = CorrelationStop.options.filter((r) => list.notCorrelated[r] > 0);
  if (reasons.length === 0) return null;
  const total = reasons.reduce((sum, r) => sum + list.notCorrelated[r], 0);
  return (
    <p className="obs-left-out">
      {t("observables.related.leftOut", { count: total })}{" "}
      {reasons
        .map((r) =>
          t(`observables.related.stop.${r}`, {
            count: list.notCorrelated[r],
            threshold: list.commonThreshold,
            types: list.uncorrelatedTypes.map((type) => t(`observables.types.${type}`)).join(", "),
          }),
        )
        .join(", ")}
      .
    </p>
  );
}

/** Where feeds saw the case's values: "seen in scan_rdp on 30 Nov 2026". */
function FeedSightings({ list }: { list: RelatedList }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h3 className="obs-feeds-title">{t("observables.related.feedsTitle")}</h3>
      {list.feedSightings.length === 0 ? (
        <p className="empty">{t("observables.related.feedsNone")}</p>
      ) : (
        <ul className="plain-list obs-feed-sightings">
          {list.feedSightings.map((s) => (
            <li key={`${s.type} ${s.value} ${s.feed}`}>
              <ValueChip value={s} /> <TlpBadge label={s.tlp} />{" "}
              {t("observables.related.feedSeen", { feed: s.feed, at: formatDateTime(s.lastSeen, i18n.language) })}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
