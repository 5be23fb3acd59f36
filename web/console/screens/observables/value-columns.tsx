import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { type ObservableTag, type TypedValue, correlates } from "../../../../contract/observables.js";
import { Link } from "../../../lib/router.js";
import { Badge } from "../../../lib/ui/Notice.js";
import type { Column } from "../../../lib/ui/Table.js";
import { observableHref } from "./api.js";
import { NeverCorrelatesBadge, TagBadge, TagChips, ValueText } from "./labels.js";

/** What every list of values (the index, bulk lookup, value search) shows first about each. */
export interface ListedValue extends TypedValue {
  verdict: ObservableTag | null;
  tags: string[];
  caseCount: number;
  common: boolean;
}

/** The columns a list of values starts with: the value (to its page) and type, verdict and tags, cases. */
export function useValueColumns<T extends ListedValue>(extra?: (v: T) => ReactNode): Column<T>[] {
  const { t } = useTranslation();
  return [
    {
      key: "value",
      header: t("observables.index.value"),
      cell: (v) => (
        <>
          <Link to={observableHref(v)} className="obs-value-text">
            <ValueText value={v} />
          </Link>
          <span className="cell-sub">{t(`observables.types.${v.type}`)}</span>
        </>
      ),
    },
    {
      key: "verdict",
      header: t("observables.index.verdictAndTags"),
      cell: (v) => (
        <div className="badges">
          <TagBadge tag={v.verdict} />
          <TagChips tags={v.tags} of={v.value} />
          {extra?.(v)}
        </div>
      ),
    },
    {
      key: "cases",
      header: t("observables.index.cases"),
      cell: (v) => (
        <>
          {v.caseCount} {/* "Common" says a value stopped linking cases; a file name never did. */}
          {!correlates(v.type) ? (
            <NeverCorrelatesBadge type={v.type} />
          ) : v.common ? (
            <Badge tone="warn">{t("observables.index.commonBadge")}</Badge>
          ) : null}
        </>
      ),
    },
  ];
}
