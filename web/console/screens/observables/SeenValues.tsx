import { useTranslation } from "react-i18next";
import type { SeenValue } from "../../../../contract/observable-lookup.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Table } from "../../../lib/ui/Table.js";
import { TlpBadge } from "../../../lib/ui/TlpBadge.js";
import { caseHref } from "./api.js";
import { StopBadges } from "./labels.js";
import { useValueColumns } from "./value-columns.js";
import "../../observables.css";

/**
 * Values Fyr has seen (bulk lookup, value search): each with its verdict, tags and warning lists, in how
 * many cases, when, and the cases it was last seen in.
 */
export function SeenValues({ values, caption }: { values: SeenValue[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const at = (iso: string) => formatDateTime(iso, i18n.language);
  const columns = useValueColumns<SeenValue>((v) => (
    <StopBadges doNotCorrelate={false} warningLists={v.warningLists} />
  ));
  return (
    <Table<SeenValue>
      caption={caption}
      rows={values}
      rowKey={(v) => v.id}
      empty={t("observables.bulk.nothingSeen")}
      columns={[
        ...columns,
        {
          key: "seen",
          header: t("observables.page.lastSeen"),
          className: "cell-nowrap",
          cell: (v) => (
            <>
              {at(v.lastSeen)}
              <span className="cell-sub">
                {t("observables.page.firstSeen")} {at(v.firstSeen)}
              </span>
            </>
          ),
        },
        {
          key: "where",
          header: t("observables.bulk.seenIn"),
          cell: (v) => (
            <ul className="obs-seen-cases" aria-label={t("observables.searchValues.casesOf", { value: v.value })}>
              {v.cases.map((c) => (
                <li key={`${c.kind} ${c.reference}`}>
                  <Link to={caseHref(c)} className="mono" title={c.title}>
                    {c.reference}
                  </Link>{" "}
                  <TlpBadge label={c.tlp} />
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
