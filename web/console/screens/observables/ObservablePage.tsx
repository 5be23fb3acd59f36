import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { displayValue } from "../../../../contract/idn.js";
import { type ObservableDetail, ObservableType, correlates } from "../../../../contract/observables.js";
import { api, query } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Link, useSearch } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { mayHandleReports } from "../../session.js";
import { observableKeys } from "./api.js";
import { readIndexParams } from "./index-params.js";
import { StopBadges, TagBadge, TagChips, ValueText } from "./labels.js";
import { ObservableIndex } from "./ObservableIndex.js";
import { ObservableLookup } from "./ObservableLookup.js";
import { ObservableVerdict } from "./ObservableVerdict.js";
import { ValueTags } from "./ValueTags.js";
import { InvolvedIncidents, Sightings } from "./Sightings.js";
import "../../observables.css";

/**
 * The observables workspace: a box to look up one value, a link to look up a whole list, and the index
 * of values; with `?value=`, that value: where it was seen, the incidents involved, its verdict and tags.
 */
export function ObservablePage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const search = useSearch();
  const value = search.get("value")?.trim() ?? "";
  const parsedType = ObservableType.safeParse(search.get("type"));
  const type = parsedType.success ? parsedType.data : "";
  return (
    <>
      <PageHeader title={t("observables.page.title")} />
      <ObservableLookup key={`lookup ${value}`} value={value} />
      {value === "" ? (
        <>
          <p className="obs-intro">
            {t("observables.page.intro")}{" "}
            <Link to="/console/observables/lookup">{t("observables.index.bulkLink")}</Link>
          </p>
          <ObservableIndex params={readIndexParams(search)} />
        </>
      ) : (
        <Detail key={`detail ${value} ${type}`} value={value} type={type} me={me} />
      )}
    </>
  );
}

function Detail({ value, type, me }: { value: string; type: string; me: Me }) {
  const { t, i18n } = useTranslation();
  const detail = useInfiniteQuery({
    queryKey: observableKeys.detail(value, type),
    queryFn: ({ pageParam }) =>
      api<ObservableDetail>("GET", `/observables${query({ value, type, limit: 50, cursor: pageParam })}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.sightings.nextCursor ?? undefined,
  });
  const pages = detail.data?.pages ?? [];
  const first = pages[0];
  if (detail.isPending) return <p role="status">{t("common.loading")}</p>;
  if (!first) return <Notice tone="error">{errorMessage(t, detail.error)}</Notice>;
  const sightings = pages.flatMap((p) => p.sightings.items);
  const at = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <>
      <section className="panel obs-summary" aria-labelledby="obs-value-title">
        <h2 id="obs-value-title" className="obs-value-big">
          <span className="obs-chip-type">{t(`observables.types.${first.type}`)}</span>
          <span className="obs-value-text">
            <ValueText value={first} />
          </span>
        </h2>
        {displayValue(first.type, first.value) !== first.value ? (
          <p className="obs-stored">
            {t("observables.storedAs")} <code className="obs-value-text">{first.value}</code>
          </p>
        ) : null}
        <div className="badges">
          <TagBadge tag={first.tag} />
          <TagChips tags={first.tags.map((x) => x.tag)} of={first.value} />
          <StopBadges doNotCorrelate={first.doNotCorrelate} warningLists={first.warningLists} />
        </div>
        <dl className="facts">
          <dt>{t("observables.page.firstSeen")}</dt>
          <dd>{at(first.firstSeen)}</dd>
          <dt>{t("observables.page.lastSeen")}</dt>
          <dd>{at(first.lastSeen)}</dd>
          <dt>{t("observables.page.cases")}</dt>
          <dd>
            {first.common
              ? t("observables.page.common", { threshold: first.commonThreshold })
              : t("observables.page.caseCount", { count: first.caseCount })}
          </dd>
        </dl>
        {!correlates(first.type) ? (
          <Notice tone="info">{t("observables.neverCorrelatesHelp")}</Notice>
        ) : first.common ? (
          <Notice tone="warning">{t("observables.page.commonExplained")}</Notice>
        ) : null}
      </section>
      <ObservableVerdict observable={first} mayJudge={mayHandleReports(me)} />
      <ValueTags observable={first} mayTag={mayHandleReports(me)} />
      <InvolvedIncidents incidents={first.incidents} />
      <Sightings
        items={sightings}
        hasMore={detail.hasNextPage}
        loadingMore={detail.isFetchingNextPage}
        onMore={() => void detail.fetchNextPage()}
      />
      {detail.isFetchNextPageError ? <Notice tone="error">{errorMessage(t, detail.error)}</Notice> : null}
    </>
  );
}
