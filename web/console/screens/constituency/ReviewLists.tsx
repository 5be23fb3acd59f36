import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { DoubleClaim, UnverifiedContact } from "../../../../contract/constituency.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { Link } from "../../../lib/router.js";
import { formatDateTime } from "../../../lib/time.js";
import { Button } from "../../../lib/ui/Button.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { PageHeader, Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { DIRECTORY_PATH, organisationHref, useDoubleClaims, useUnverifiedContacts } from "./api.js";
import { OriginBadge } from "./badges.js";
import { KeyCell, VerifiedCell } from "./ContactsPanel.js";
import "./constituency.css";

// Staff's follow-up lists: a range two organisations claim at the same prefix, and contacts who have not
// confirmed their details within the year.

/** What the lists read of an infinite query. */
interface Paged<T> {
  isError: boolean;
  error: unknown;
  isPending: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
  data?: { pages: { items: T[] }[] } | undefined;
}

function PagedList<T>({ list, children }: { list: Paged<T>; children: (rows: T[]) => ReactNode }) {
  const { t } = useTranslation();
  if (list.isError) return <Notice tone="error">{errorMessage(t, list.error)}</Notice>;
  if (list.isPending || !list.data) return <p role="status">{t("common.loading")}</p>;
  return (
    <>
      {children(list.data.pages.flatMap((p) => p.items))}
      {list.hasNextPage ? (
        <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
          {t("common.more")}
        </Button>
      ) : null}
    </>
  );
}

function Crumb() {
  const { t } = useTranslation();
  return (
    <p className="crumb">
      <Link to={DIRECTORY_PATH}>{t("constituency.directory.back")}</Link>
    </p>
  );
}

export function DoubleClaims() {
  const { t } = useTranslation();
  const list = useDoubleClaims();
  return (
    <>
      <Crumb />
      <PageHeader title={t("constituency.doubleClaims.title")} />
      <p className="ws-intro">{t("constituency.doubleClaims.intro")}</p>
      <Section title={t("constituency.doubleClaims.list")} id="cy-double-claims">
        <PagedList list={list}>
          {(rows) => (
            <Table<DoubleClaim>
              caption={t("constituency.doubleClaims.list")}
              rows={rows}
              rowKey={(r) => `${r.first}-${r.last}`}
              empty={t("constituency.doubleClaims.empty")}
              columns={[
                { key: "range", header: t("constituency.holdings.network"), cell: (r) => <code>{r.label}</code> },
                {
                  key: "claims",
                  header: t("constituency.doubleClaims.claimedBy"),
                  cell: (r) => (
                    <ul className="plain-list">
                      {r.claims.map((c) => (
                        <li key={c.networkId}>
                          <Link to={organisationHref(c.organisation.id)}>{c.organisation.name}</Link>{" "}
                          <OriginBadge origin={c.origin} />
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          )}
        </PagedList>
      </Section>
    </>
  );
}

export function UnverifiedContacts() {
  const { t, i18n } = useTranslation();
  const list = useUnverifiedContacts();
  return (
    <>
      <Crumb />
      <PageHeader title={t("constituency.unverified.title")} />
      <p className="ws-intro">{t("constituency.unverified.intro")}</p>
      <Section title={t("constituency.unverified.list")} id="cy-unverified">
        <PagedList list={list}>
          {(rows) => (
            <Table<UnverifiedContact>
              caption={t("constituency.unverified.list")}
              rows={rows}
              rowKey={(c) => c.id}
              empty={t("constituency.unverified.empty")}
              columns={[
                {
                  key: "organisation",
                  header: t("constituency.fields.organisation"),
                  cell: (c) => <Link to={organisationHref(c.organisation.id)}>{c.organisation.name}</Link>,
                },
                {
                  key: "who",
                  header: t("constituency.contacts.who"),
                  cell: (c) => (
                    <>
                      <a href={`mailto:${c.email}`}>{c.email}</a>
                      <span className="cell-sub">{t(`constituency.roles.${c.role}`)}</span>
                    </>
                  ),
                },
                { key: "verified", header: t("constituency.contacts.verified"), cell: (c) => <VerifiedCell c={c} /> },
                {
                  key: "asked",
                  header: t("constituency.unverified.asked"),
                  className: "cell-nowrap",
                  cell: (c) => (c.verificationSentAt ? formatDateTime(c.verificationSentAt, i18n.language) : "—"),
                },
                { key: "key", header: t("constituency.contacts.key"), cell: (c) => <KeyCell c={c} /> },
              ]}
            />
          )}
        </PagedList>
      </Section>
    </>
  );
}
