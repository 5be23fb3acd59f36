import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { EventDayCounts, FeedEvent, FeedEventPage } from "../../contract/feeds.js";
import { api, query } from "../lib/api/client.js";
import { errorMessage } from "../lib/api/errors.js";
import { formatDateTime } from "../lib/time.js";
import { Button } from "../lib/ui/Button.js";
import { SelectField, TextField } from "../lib/ui/Field.js";
import { Notice } from "../lib/ui/Notice.js";
import { PageHeader, Section } from "../lib/ui/Page.js";
import { Table } from "../lib/ui/Table.js";
import { EventChart } from "./EventChart.js";

// The member's security events (their organisation's and those below it): a time window and a
// classification, the chart per day and classification, the events page by page, and the window as a
// file (CSV from the server; JSON gathered from the pages).

interface Filter {
  from: string;
  to: string;
  type: string;
}

const dayBefore = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
/** The server's default window too: the last 30 days. */
const initial = (): Filter => ({ from: dayBefore(29), to: dayBefore(0), type: "" });
/** A JSON download gathers at most this many pages of 500. */
const JSON_PAGES = 40;

const params = (f: Filter) => ({ from: f.from || undefined, to: f.to || undefined, type: f.type || undefined });

/** Saves every event of the window as one JSON file (an array in the API's own fields). */
async function downloadJson(f: Filter): Promise<void> {
  const items: FeedEvent[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < JSON_PAGES; page++) {
    const got = await api<FeedEventPage>("GET", `/my/events${query({ ...params(f), limit: 500, cursor })}`);
    items.push(...got.items);
    if (got.nextCursor === null) break;
    cursor = got.nextCursor;
  }
  const url = URL.createObjectURL(new Blob([JSON.stringify(items, null, 2)], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `events-${f.from}-${f.to}.json`;
  a.click();
  URL.revokeObjectURL(url);
}

export function EventsScreen() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Filter>(initial);
  const [filter, setFilter] = useState<Filter>(draft);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [saving, setSaving] = useState<string | null>(null);
  const cursor = cursors.at(-1);
  const counts = useQuery({
    queryKey: ["my", "events", "counts", filter],
    queryFn: () => api<EventDayCounts>("GET", `/my/events/counts${query(params(filter))}`),
  });
  const events = useQuery({
    queryKey: ["my", "events", filter, cursor],
    queryFn: () => api<FeedEventPage>("GET", `/my/events${query({ ...params(filter), cursor, limit: 50 })}`),
  });
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
    setCursors([undefined]);
  };
  const saveJson = async () => {
    setSaving(null);
    try {
      await downloadJson(filter);
    } catch (err) {
      setSaving(errorMessage(t, err));
    }
  };
  const types = counts.data?.types ?? [];
  return (
    <>
      <PageHeader title={t("member.events.title")} />
      <p>{t("member.events.intro")}</p>
      <form className="ev-filters" onSubmit={apply} aria-label={t("member.events.filters")}>
        <TextField
          label={t("member.events.from")}
          type="date"
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <TextField
          label={t("member.events.to")}
          type="date"
          value={draft.to}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
        <SelectField
          label={t("member.events.type")}
          value={draft.type}
          onChange={(e) => setDraft({ ...draft, type: e.target.value })}
          options={[
            { value: "", label: t("member.events.allTypes") },
            ...types.map((x) => ({ value: x.type, label: `${x.type} (${x.count})` })),
            ...(draft.type !== "" && !types.some((x) => x.type === draft.type)
              ? [{ value: draft.type, label: draft.type }]
              : []),
          ]}
        />
        <div>
          <Button type="submit" variant="primary">
            {t("member.events.apply")}
          </Button>
        </div>
      </form>

      <Section title={t("member.events.chartTitle")} id="event-chart">
        {counts.isError ? <Notice tone="error">{errorMessage(t, counts.error)}</Notice> : null}
        {counts.isPending ? <p role="status">{t("common.loading")}</p> : null}
        {counts.data ? <EventChart counts={counts.data} /> : null}
      </Section>

      <Section title={t("member.events.download")} id="event-download">
        <div className="form-actions">
          <a
            className="btn btn-secondary"
            href={`/api/v1/my/events${query({ ...params(filter), format: "csv" })}`}
            download
          >
            {t("member.events.csv")}
          </a>
          <Button variant="secondary" onClick={() => void saveJson()}>
            {t("member.events.json")}
          </Button>
        </div>
        {saving ? <Notice tone="error">{saving}</Notice> : null}
      </Section>

      <Section title={t("member.events.listTitle")} id="event-list">
        {events.isError ? <Notice tone="error">{errorMessage(t, events.error)}</Notice> : null}
        {events.isPending ? <p role="status">{t("common.loading")}</p> : null}
        {events.data ? (
          <>
            <Table<FeedEvent>
              caption={t("member.events.listTitle")}
              rows={events.data.items}
              rowKey={(e) => e.id}
              empty={t("member.events.empty")}
              columns={[
                {
                  key: "time",
                  header: t("member.events.time"),
                  className: "cell-nowrap",
                  cell: (e) => formatDateTime(String(e["time.source"] ?? ""), i18n.language),
                },
                {
                  key: "ip",
                  header: t("member.events.address"),
                  className: "mono",
                  cell: (e) =>
                    `${e["source.ip"] ?? e["source.fqdn"] ?? e["source.url"] ?? "—"}${e["source.port"] ? `:${e["source.port"]}` : ""}`,
                },
                {
                  key: "class",
                  header: t("member.events.classification"),
                  cell: (e) => (
                    <>
                      {e["classification.type"]}
                      <span className="cell-sub">{e["classification.identifier"] ?? e["classification.taxonomy"]}</span>
                    </>
                  ),
                },
                { key: "feed", header: t("member.events.feed"), cell: (e) => e["feed.name"] ?? "—" },
                { key: "org", header: t("member.events.organisation"), cell: (e) => e.organisation?.name ?? "—" },
              ]}
            />
            <div className="form-actions">
              {cursors.length > 1 ? (
                <Button variant="quiet" onClick={() => setCursors(cursors.slice(0, -1))}>
                  {t("member.events.previous")}
                </Button>
              ) : null}
              {events.data.nextCursor ? (
                <Button variant="quiet" onClick={() => setCursors([...cursors, events.data.nextCursor ?? undefined])}>
                  {t("member.events.next")}
                </Button>
              ) : null}
            </div>
          </>
        ) : null}
      </Section>
      <p className="muted ev-attribution">{t("member.events.attribution")}</p>
    </>
  );
}
