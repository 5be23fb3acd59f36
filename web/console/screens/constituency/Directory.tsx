import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { OrganisationSummary } from "../../../../contract/constituency.js";
import { errorMessage } from "../../../lib/api/errors.js";
import type { Me } from "../../../lib/api/types.js";
import { Link, navigate, useSearch } from "../../../lib/router.js";
import { Button } from "../../../lib/ui/Button.js";
import { TextField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { DIRECTORY_PATH, directoryHref, exportHref, mayEditRegistry, organisationHref, useDirectory } from "./api.js";
import { EntityBadge, OriginBadge } from "./badges.js";
import "./constituency.css";

/**
 * The directory: the constituency's organisations, searched by name, organisation number, an address
 * (the networks holding it), a domain, an AS number or a contact person; exported as CSV or vCard.
 */
export function Directory({ me }: { me: Me }) {
  const { t } = useTranslation();
  const q = useSearch().get("q") ?? "";
  const results = useDirectory(q);
  const rows = results.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={t("constituency.directory.title")}>
        {mayEditRegistry(me) ? (
          <Link to={`${DIRECTORY_PATH}/new`} className="btn btn-primary">
            {t("constituency.directory.new")}
          </Link>
        ) : null}
      </PageHeader>
      <p className="ws-intro">{t("constituency.directory.intro")}</p>
      <nav className="cy-links" aria-label={t("constituency.directory.followUp")}>
        <Link to={`${DIRECTORY_PATH}/double-claims`}>{t("constituency.doubleClaims.title")}</Link>
        <Link to={`${DIRECTORY_PATH}/unverified-contacts`}>{t("constituency.unverified.title")}</Link>
      </nav>
      <div className="cy-exports">
        <a className="btn btn-secondary" href={exportHref("csv")} download>
          {t("constituency.directory.exportCsv")}
        </a>
        <a className="btn btn-secondary" href={exportHref("vcard")} download>
          {t("constituency.directory.exportVcard")}
        </a>
      </div>
      <SearchBox key={q} initial={q} />
      <Section
        title={q ? t("constituency.directory.resultsFor", { q }) : t("constituency.directory.all")}
        id="cy-results"
      >
        {results.isError ? <Notice tone="error">{errorMessage(t, results.error)}</Notice> : null}
        {results.isPending ? <p role="status">{t("common.loading")}</p> : null}
        {results.data ? (
          <>
            <p className="search-count" role="status">
              {results.hasNextPage
                ? t("constituency.directory.countMore", { count: rows.length })
                : t("constituency.directory.count", { count: rows.length })}
            </p>
            <DirectoryTable
              rows={rows}
              empty={q ? t("constituency.directory.none", { q }) : t("constituency.directory.empty")}
            />
            {results.hasNextPage ? (
              <Button onClick={() => void results.fetchNextPage()} busy={results.isFetchingNextPage}>
                {t("common.more")}
              </Button>
            ) : null}
          </>
        ) : null}
      </Section>
    </>
  );
}

function SearchBox({ initial }: { initial: string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(directoryHref(text.trim()));
  };
  return (
    <form role="search" className="filters cy-search" onSubmit={submit}>
      <TextField
        label={t("constituency.directory.search")}
        hint={t("constituency.directory.searchHint")}
        type="search"
        name="q"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <Button type="submit" variant="primary">
        {t("constituency.directory.searchButton")}
      </Button>
    </form>
  );
}

function DirectoryTable({ rows, empty }: { rows: OrganisationSummary[]; empty: string }) {
  const { t } = useTranslation();
  return (
    <Table<OrganisationSummary>
      caption={t("constituency.directory.title")}
      rows={rows}
      rowKey={(r) => r.id}
      empty={empty}
      columns={[
        {
          key: "name",
          header: t("constituency.fields.name"),
          cell: (r) => (
            <>
              <Link to={organisationHref(r.id)}>{r.name}</Link>
              {r.parent ? (
                <span className="cell-sub">{t("constituency.directory.partOf", { name: r.parent.name })}</span>
              ) : null}
            </>
          ),
        },
        { key: "number", header: t("constituency.fields.orgNumber"), cell: (r) => r.orgNumber ?? "—" },
        {
          key: "sector",
          header: t("constituency.fields.sector"),
          cell: (r) => (
            <>
              {r.sector ? t(`sectors.${r.sector}`) : "—"} <EntityBadge entity={r.nis2Entity} />
            </>
          ),
        },
        { key: "networks", header: t("constituency.fields.networks"), className: "cell-num", cell: (r) => r.networks },
        { key: "domains", header: t("constituency.fields.domains"), className: "cell-num", cell: (r) => r.domains },
        { key: "contacts", header: t("constituency.fields.contacts"), className: "cell-num", cell: (r) => r.contacts },
        { key: "origin", header: t("constituency.fields.origin"), cell: (r) => <OriginBadge origin={r.origin} /> },
      ]}
    />
  );
}
