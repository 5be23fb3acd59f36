import { useInfiniteQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ObservableIndexItem, ObservableIndexPage } from "../../../../contract/observable-index.js";
import { OBSERVABLE_TYPES } from "../../../../contract/observables.js";
import { api, query } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link, navigate } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { SelectField, TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { observableKeys } from "./api.js";
import { INDEX_VIEWS, type IndexParams, indexHref } from "./index-params.js";
import { useValueColumns } from "./value-columns.js";

const PAGE_SIZE = 50;

/**
 * The observables index: the values seen in cases the reader may see, by view (recently seen, most seen,
 * judged malicious, common), filtered by type, tag and when last seen, a page at a time.
 */
export function ObservableIndex({ params }: { params: IndexParams }) {
  const { t, i18n } = useTranslation();
  const href = indexHref(params);
  const list = useInfiniteQuery({
    queryKey: observableKeys.index(href),
    queryFn: ({ pageParam }) =>
      api<ObservableIndexPage>("GET", `/observables/index${query({ ...params, limit: PAGE_SIZE, cursor: pageParam })}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const threshold = list.data?.pages[0]?.commonThreshold;
  const at = (iso: string) => formatDateTime(iso, i18n.language);
  const columns = useValueColumns<ObservableIndexItem>();
  return (
    <Section title={t("observables.index.title")} id="observable-index">
      <nav aria-label={t("observables.index.views")}>
        <ul className="obs-views">
          {INDEX_VIEWS.map((view) => (
            <li key={view}>
              <Link to={indexHref({ ...params, view })} aria-current={view === params.view ? "page" : undefined}>
                {t(`observables.index.view.${view}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <IndexFilters key={href} params={params} />
      {params.view === "common" && threshold !== undefined ? (
        <p className="muted">{t("observables.index.commonHint", { threshold })}</p>
      ) : null}
      {list.isError ? <Notice tone="error">{errorMessage(t, list.error)}</Notice> : null}
      {list.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {list.data ? (
        <Table<ObservableIndexItem>
          caption={t("observables.index.caption", { view: t(`observables.index.view.${params.view}`) })}
          rows={items}
          rowKey={(i) => i.id}
          empty={t("observables.index.empty")}
          columns={[
            ...columns,
            {
              key: "last",
              header: t("observables.page.lastSeen"),
              className: "cell-nowrap",
              cell: (i) => at(i.lastSeen),
            },
            {
              key: "first",
              header: t("observables.page.firstSeen"),
              className: "cell-nowrap",
              cell: (i) => at(i.firstSeen),
            },
          ]}
        />
      ) : null}
      {list.hasNextPage ? (
        <Button variant="quiet" busy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {t("observables.index.more")}
        </Button>
      ) : null}
      {list.isFetchNextPageError ? <Notice tone="error">{errorMessage(t, list.error)}</Notice> : null}
    </Section>
  );
}

/** Type, tag and last-seen dates; applied together, kept in the address. */
function IndexFilters({ params }: { params: IndexParams }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(params);
  const filtered = params.type !== "" || params.tag !== "" || params.from !== "" || params.to !== "";
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(indexHref(draft));
  };
  return (
    <form className="obs-filters" onSubmit={submit} aria-label={t("observables.index.apply")}>
      <SelectField
        label={t("observables.index.type")}
        value={draft.type}
        onChange={(e) => setDraft({ ...draft, type: e.target.value })}
        options={[
          { value: "", label: t("observables.index.anyType") },
          ...OBSERVABLE_TYPES.map((ty) => ({ value: ty, label: t(`observables.types.${ty}`) })),
        ]}
      />
      <TextField
        label={t("observables.index.tag")}
        value={draft.tag}
        maxLength={128}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setDraft({ ...draft, tag: e.target.value })}
      />
      <TextField
        label={t("observables.index.from")}
        type="date"
        value={draft.from}
        max={draft.to || undefined}
        onChange={(e) => setDraft({ ...draft, from: e.target.value })}
      />
      <TextField
        label={t("observables.index.to")}
        type="date"
        value={draft.to}
        min={draft.from || undefined}
        onChange={(e) => setDraft({ ...draft, to: e.target.value })}
      />
      <Button type="submit">{t("observables.index.apply")}</Button>
      {filtered ? (
        <Button
          variant="quiet"
          onClick={() => navigate(indexHref({ view: params.view, type: "", tag: "", from: "", to: "" }))}
        >
          {t("observables.index.clear")}
        </Button>
      ) : null}
    </form>
  );
}
