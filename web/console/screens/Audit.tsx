import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api/client.js";
import { errorMessage } from "../../lib/api/errors.js";
import type { AuditEntry, Page } from "../../lib/api/types.js";
import { formatDateTime, stockholmLocalToIso } from "../../lib/time.js";
import { Button } from "../../lib/ui/Button.js";
import { SelectField, TextField } from "../../lib/ui/Field.js";
import { Notice } from "../../lib/ui/Notice.js";
import { PageHeader } from "../../lib/ui/Page.js";
import { Table } from "../../lib/ui/Table.js";
import { AuditVerify } from "./AuditVerify.js";
import { useAuditWords, useKnownActions } from "./audit-words.js";

interface Filters {
  actor: string;
  action: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { actor: "", action: "", from: "", to: "" };
const PAGE_SIZE = 50;

/** Admin: the audit trail, newest first, filtered by actor, action and time, paged by cursor. */
export function Audit() {
  const { t, i18n } = useTranslation();
  const words = useAuditWords();
  const actions = useKnownActions();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // Cursors of the pages seen so far, so "Newer" can step back.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors[cursors.length - 1];
  const entries = useQuery({
    queryKey: ["audit", filters, cursor],
    queryFn: () =>
      api<Page<AuditEntry>>(
        "GET",
        `/audit${query({
          actor: filters.actor.trim(),
          action: filters.action.trim(),
          from: stockholmLocalToIso(filters.from),
          to: stockholmLocalToIso(filters.to),
          limit: PAGE_SIZE,
          cursor,
        })}`,
      ),
    placeholderData: keepPreviousData,
  });

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters(draft);
    setCursors([]);
  };
  const clear = () => {
    setDraft(NO_FILTERS);
    setFilters(NO_FILTERS);
    setCursors([]);
  };
  const set = (k: keyof Filters) => (e: { target: { value: string } }) =>
    setDraft((f) => ({ ...f, [k]: e.target.value }));
  const next = entries.data?.nextCursor;

  return (
    <>
      <PageHeader title={t("audit.title")}>
        <AuditVerify />
      </PageHeader>
      <form className="filters" onSubmit={apply} aria-label={t("audit.filters")}>
        <TextField label={t("audit.actor")} name="actor" value={draft.actor} onChange={set("actor")} />
        <SelectField
          label={t("auditWords.what")}
          name="action"
          value={draft.action}
          onChange={set("action")}
          options={[
            { value: "", label: t("auditWords.anyAction") },
            ...actions.map(([value, label]) => ({ value, label })),
          ]}
        />
        <TextField
          label={t("audit.from")}
          name="from"
          type="datetime-local"
          value={draft.from}
          onChange={set("from")}
        />
        <TextField label={t("audit.to")} name="to" type="datetime-local" value={draft.to} onChange={set("to")} />
        <div className="form-actions">
          <Button type="submit" variant="primary">
            {t("audit.apply")}
          </Button>
          <Button variant="quiet" onClick={clear}>
            {t("audit.clear")}
          </Button>
        </div>
      </form>
      {entries.isError ? <Notice tone="error">{errorMessage(t, entries.error)}</Notice> : null}
      {entries.isPending ? (
        <p role="status">{t("common.loading")}</p>
      ) : (
        <Table
          caption={t("audit.title")}
          rows={entries.data?.items ?? []}
          rowKey={(e) => String(e.id)}
          empty={t("audit.empty")}
          columns={[
            {
              key: "at",
              header: t("audit.at"),
              className: "cell-nowrap",
              cell: (e) => formatDateTime(e.at, i18n.language, true),
            },
            { key: "actor", header: t("auditWords.who"), cell: (e) => words.actor(e) },
            { key: "action", header: t("auditWords.what"), cell: (e) => words.action(e) },
            { key: "target", header: t("auditWords.concerns"), cell: (e) => words.target(e) || "—" },
            { key: "ip", header: t("audit.ip"), className: "cell-nowrap", cell: (e) => e.ip ?? "—" },
            { key: "diff", header: t("audit.diff"), cell: (e) => <DiffCell diff={e.diff} /> },
          ]}
        />
      )}
      <div className="pager">
        <Button disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t("audit.newer")}
        </Button>
        <Button disabled={!next} onClick={() => next && setCursors((c) => [...c, next])}>
          {t("audit.older")}
        </Button>
      </div>
    </>
  );
}

function DiffCell({ diff }: { diff: unknown }) {
  const { t } = useTranslation();
  if (diff === null || diff === undefined || (typeof diff === "object" && Object.keys(diff).length === 0))
    return <>—</>;
  return (
    <details className="diff">
      <summary>{t("auditWords.details")}</summary>
      <pre>{JSON.stringify(diff, null, 2)}</pre>
    </details>
  );
}
