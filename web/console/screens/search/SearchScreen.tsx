import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { SeenValue } from "../../../../contract/observable-lookup.js";
import type { SearchHit, SearchPage } from "../../../../contract/search.js";
import { api, query } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link, navigate, useSearch } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Badge, Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { SeenValues } from "../observables/SeenValues.js";
import { SearchForm } from "./SearchForm.js";
import { hitHref, readSearchParams, searchHref } from "./search-params.js";
import { Snippet } from "./Snippet.js";

const PAGE_SIZE = 25;

/** Full-text search across reports, incidents, notes and messages, with highlighted snippets. */
export function SearchScreen() {
  const { t } = useTranslation();
  const params = readSearchParams(useSearch());
  const href = searchHref(params);
  const results = useInfiniteQuery({
    queryKey: ["search", href],
    queryFn: ({ pageParam }) =>
      api<SearchPage>(
        "GET",
        `/search${query({
          q: params.q,
          kinds: params.kinds.join(","),
          from: params.from,
          to: params.to,
          limit: PAGE_SIZE,
          cursor: pageParam,
        })}`,
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: params.q !== "",
  });
  const hits = results.data?.pages.flatMap((p) => p.items) ?? [];
  const first = results.data?.pages[0];

  return (
    <>
      <PageHeader title={t("search.title")} />
      <SearchForm key={href} initial={params} onSearch={(next) => navigate(searchHref(next))} />
      {params.q === "" ? (
        <div className="empty search-empty">
          <p>{t("search.emptyQuery")}</p>
          <p className="muted">{t("search.syntaxHint")}</p>
          <p className="muted">{t("observables.searchValues.hint")}</p>
        </div>
      ) : results.isError ? (
        <Notice tone="error">{errorMessage(t, results.error)}</Notice>
      ) : results.isPending ? (
        <p role="status">{t("search.searching")}</p>
      ) : (
        <section aria-labelledby="search-results-title">
          {first?.values !== undefined ? (
            <ValueHits values={first.values} more={first.moreValues === true} q={params.q} />
          ) : null}
          <h2 id="search-results-title" className="visually-hidden">
            {t("search.results")}
          </h2>
          <p className="search-count" role="status">
            {hits.length === 0
              ? t("search.noResults", { q: params.q })
              : results.hasNextPage
                ? t("search.countMore", { count: hits.length, q: params.q })
                : t("search.count", { count: hits.length, q: params.q })}
          </p>
          {hits.length > 0 ? (
            <HitList hits={hits} />
          ) : first?.values === undefined ? (
            <p className="empty">{t("search.noResultsHint")}</p>
          ) : null}
          {results.hasNextPage ? (
            <Button onClick={() => void results.fetchNextPage()} busy={results.isFetchingNextPage}>
              {t("search.more")}
            </Button>
          ) : null}
        </section>
      )}
    </>
  );
}

/** The stored values a value query found (an address, a hash, *.domain, a network), with where each was seen. */
function ValueHits({ values, more, q }: { values: SeenValue[]; more: boolean; q: string }) {
  const { t } = useTranslation();
  return (
    <section className="panel search-values" aria-labelledby="search-values-title">
      <h2 id="search-values-title">{t("observables.searchValues.title")}</h2>
      {values.length === 0 ? (
        <p className="empty">{t("observables.searchValues.none", { q })}</p>
      ) : (
        <SeenValues values={values} caption={t("observables.searchValues.title")} />
      )}
      {more ? <Notice tone="info">{t("observables.searchValues.more")}</Notice> : null}
    </section>
  );
}

function HitList({ hits }: { hits: SearchHit[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="search-hits">
      {hits.map((hit) => (
        <li key={`${hit.kind}:${hit.id}`} className="search-hit">
          <div className="search-hit-head">
            <Badge>{t(`search.kindOne.${hit.kind}`)}</Badge>
            <Link to={hitHref(hit)} className="search-hit-title">
              <span className="mono">{hit.incidentReference ?? hit.reference}</span> {hit.title}
            </Link>
            <span className="muted search-hit-when">{formatDateTime(hit.occurredAt, i18n.language)}</span>
          </div>
          {hit.kind !== "report" &&
          hit.kind !== "incident" &&
          hit.incidentReference &&
          hit.reference !== hit.incidentReference ? (
            <span className="cell-sub">{t("search.fromReport", { reference: hit.reference })}</span>
          ) : null}
          <p className="search-hit-snippet">
            <Snippet segments={hit.snippet} />
          </p>
        </li>
      ))}
    </ol>
  );
}
