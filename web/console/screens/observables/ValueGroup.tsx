import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CaseObservable, ObservableType } from "../../../../contract/observables.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { observableHref } from "./api.js";
import { NeverCorrelatesBadge, StopBadges, TagBadge, TagChips, ValueText } from "./labels.js";

/** A large case (up to 5,000 values) shows this many per type until asked for the rest. */
const SHOWN_AT_FIRST = 25;

interface Props {
  /** Makes the heading's id unique when a page shows two cases. */
  idPrefix: string;
  type: ObservableType;
  items: CaseObservable[];
  /** Offer "remove" on hand-added values. */
  canRemove: boolean;
  removingId: string | null;
  onRemove: (o: CaseObservable) => void;
}

/** One type's values in a case: each links to its page, with its verdict, why it does not link, where seen. */
export function ValueGroup({ idPrefix, type, items, canRemove, removingId, onRemove }: Props) {
  const { t, i18n } = useTranslation();
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, SHOWN_AT_FIRST);
  const headingId = `${idPrefix}-${type}`;
  return (
    <section className="obs-group" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t(`observables.types.${type}`)} <span className="muted">({items.length})</span>{" "}
        <NeverCorrelatesBadge type={type} />
      </h3>
      <ul className="plain-list obs-values">
        {shown.map((o) => (
          <li key={o.id} className="obs-value">
            <div className="obs-value-head">
              <Link to={observableHref(o)} className="obs-value-text">
                <ValueText value={o} />
              </Link>
              <TagBadge tag={o.tag} />
              <TagChips tags={o.tags} of={o.value} />
              <StopBadges doNotCorrelate={o.doNotCorrelate} warningLists={o.warningLists} />
              {canRemove && o.origins.includes("manual") ? (
                <Button
                  variant="quiet"
                  busy={removingId === o.id}
                  aria-label={t("observables.case.removeOne", { value: o.value })}
                  onClick={() => onRemove(o)}
                >
                  {t("observables.case.remove")}
                </Button>
              ) : null}
            </div>
            <span className="cell-sub">
              {o.origins.map((origin) => t(`observables.origins.${origin}`)).join(", ")} ·{" "}
              {t("observables.case.lastSeen", { at: formatDateTime(o.lastSeen, i18n.language) })}
            </span>
          </li>
        ))}
      </ul>
      {items.length > shown.length ? (
        <Button variant="quiet" onClick={() => setAll(true)}>
          {t("observables.case.showAll", { count: items.length, type: t(`observables.types.${type}`) })}
        </Button>
      ) : null}
    </section>
  );
}
