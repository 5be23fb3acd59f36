import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { IncidentsPage } from "../../../../contract/incident-list.js";
import { api, query } from "../../../lib/api/client.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Link, navigate, useSearch } from "../../../lib/router.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader } from "../../../lib/ui/Page.js";
import { mayHandleReports } from "../../session.js";
import "../../incidents.css";
import { incidentKeys } from "./api.js";
import { IncidentTable } from "./IncidentTable.js";
import { type ListFilters, VIEWS, filtersFromSearch, filtersToApi, filtersToSearch } from "./list-filters.js";
import { ListFiltersBar } from "./ListFiltersBar.js";
import { SavedViews } from "./SavedViews.js";
import { ShortcutHelp } from "./ShortcutHelp.js";
import { useShortcuts } from "./shortcuts.js";

/** The incident list: views, filters, saved views, keyset "load more", and j/k/Enter/'/'/n/? keys. */
export function IncidentList({ me }: { me: Me }) {
  const { t } = useTranslation();
  const filters = filtersFromSearch(useSearch());
  const apiQuery = filtersToApi(filters);
  const [selected, setSelected] = useState(-1);
  const [help, setHelp] = useState(false);
  // Bumped when a saved view replaces the filters, so the words box shows the view's words.
  const [picked, setPicked] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const incidents = useInfiniteQuery({
    queryKey: [...incidentKeys.list, apiQuery],
    queryFn: ({ pageParam }) =>
      api<IncidentsPage>("GET", `/incidents${query({ ...apiQuery, limit: 50, cursor: pageParam })}`),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 60_000,
  });
  const rows = incidents.data?.pages.flatMap((p) => p.items) ?? [];
  const setFilters = (next: Partial<ListFilters>) => {
    setSelected(-1);
    navigate(`/console/incidents${filtersToSearch({ ...filters, ...next })}`, { replace: true });
  };
  const focusRow = (index: number) => {
    const links = tableRef.current?.querySelectorAll<HTMLAnchorElement>("a.incident-link");
    const link = links?.[index];
    if (!link) return;
    setSelected(index);
    link.focus();
    link.scrollIntoView({ block: "nearest" });
  };
  const mayCreate = mayHandleReports(me);
  useShortcuts({
    j: () => focusRow(Math.min(rows.length - 1, selected + 1)),
    k: () => focusRow(Math.max(0, selected - 1)),
    Enter: () => {
      const row = rows[selected];
      const onRowOrPage =
        document.activeElement === document.body || tableRef.current?.contains(document.activeElement);
      if (!row || !onRowOrPage) return false;
      navigate(`/console/incidents/${encodeURIComponent(row.reference)}`);
    },
    "/": () => searchRef.current?.focus(),
    n: () => (mayCreate ? navigate("/console/incidents/new") : false),
    "?": () => setHelp(true),
  });
  // A new result set starts unselected.
  useEffect(() => setSelected((s) => (s >= rows.length ? -1 : s)), [rows.length]);

  return (
    <>
      <PageHeader title={t("incidents.title")}>
        <Button variant="quiet" onClick={() => setHelp(true)} aria-keyshortcuts="?">
          {t("incidents.keys.show")}
        </Button>
        {mayCreate ? (
          <Link to="/console/incidents/new" className="btn btn-primary" aria-keyshortcuts="n">
            {t("incidents.new.open")}
          </Link>
        ) : null}
      </PageHeader>
      <nav className="view-tabs" aria-label={t("incidents.list.views")}>
        {VIEWS.map((v) => (
          <Link
            key={v}
            to={`/console/incidents${filtersToSearch({ ...filters, view: v })}`}
            aria-current={filters.view === v ? "true" : undefined}
            className={filters.view === v ? "view-tab view-tab-current" : "view-tab"}
            onClick={() => setSelected(-1)}
          >
            {t(`incidents.views.${v}`)}
          </Link>
        ))}
      </nav>
      <ListFiltersBar key={picked} filters={filters} onChange={setFilters} searchRef={searchRef} />
      <SavedViews
        filters={filters}
        onPick={(f) => {
          setPicked((n) => n + 1);
          setFilters(f);
        }}
      />
      {incidents.isError ? <Notice tone="error">{errorMessage(t, incidents.error)}</Notice> : null}
      {incidents.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <IncidentTable rows={rows} selected={selected} onSelect={setSelected} tableRef={tableRef} />
      )}
      <div className="pager">
        {incidents.hasNextPage ? (
          <Button onClick={() => void incidents.fetchNextPage()} busy={incidents.isFetchingNextPage}>
            {t("incidents.list.loadMore")}
          </Button>
        ) : null}
        <span className="muted" role="status">
          {incidents.isSuccess ? t("incidents.list.shown", { count: rows.length }) : ""}
        </span>
      </div>
      <ShortcutHelp
        open={help}
        onClose={() => setHelp(false)}
        hints={[
          { keys: "j / k", label: t("incidents.keys.move") },
          { keys: "Enter", label: t("incidents.keys.open") },
          { keys: "/", label: t("incidents.keys.filter") },
          ...(mayCreate ? [{ keys: "n", label: t("incidents.keys.new") }] : []),
          { keys: "?", label: t("incidents.keys.help") },
        ]}
      />
    </>
  );
}
