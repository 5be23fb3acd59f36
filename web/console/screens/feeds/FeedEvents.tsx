import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FeedEvent } from "../../../../contract/feeds.js";
import { errorMessage } from "../../../lib/api/errors.js";
import { formatDateTime } from "../../../lib/time.js";
import { CheckboxField } from "../../../lib/ui/Field.js";
import { Notice } from "../../../lib/ui/Notice.js";
import { Section } from "../../../lib/ui/Page.js";
import { Table } from "../../../lib/ui/Table.js";
import { Link, useSearch } from "../../../lib/router.js";
import { organisationHref } from "../constituency/api.js";
import { type EventFilter, useFeedEvents, useFeedSources } from "./api.js";

const EMPTY: EventFilter = { organisation: "", from: "", to: "", type: "", ip: "", source: "", unmatched: false };
type TextKey = Exclude<keyof EventFilter, "unmatched">;

/** The events, newest first, with filters (organisation or unmatched, feed, time, type, address or network). */
export function FeedEvents() {
  const { t, i18n } = useTranslation();
  // An organisation's page links here with ?organisation=<id>.
  const start = { ...EMPTY, organisation: useSearch().get("organisation") ?? "" };
  const [draft, setDraft] = useState<EventFilter>(start);
  const [filter, setFilter] = useState<EventFilter>(start);
  // The cursors of the pages before this one, so "previous" goes back without offsets.
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors.at(-1);
  const events = useFeedEvents(filter, cursor);
  const sources = useFeedSources();
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
    setCursors([undefined]);
  };
  const input = (key: TextKey, type = "text", placeholder?: string) => (
    <label className="field">
      {t(`feeds.events.filter.${key}`)}
      <input
        type={type}
        value={draft[key]}
        placeholder={placeholder}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </label>
  );
  return (
    <Section title={t("feeds.events.title")} id="feed-events">
      <form className="feeds-filters" onSubmit={apply}>
        {input("ip", "text", "192.0.2.0/24")}
        {input("type", "text", "vulnerable-system")}
        {input("organisation", "text", t("feeds.events.filter.organisationHint"))}
        <label className="field">
          {t("feeds.events.filter.source")}
          <select value={draft.source} onChange={(e) => setDraft({ ...draft, source: e.target.value })}>
            <option value="">{t("feeds.events.filter.allSources")}</option>
            {(sources.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        {input("from", "date")}
        {input("to", "date")}
        <CheckboxField
          label={t("feeds.events.filter.unmatched")}
          checked={draft.unmatched}
          onChange={(e) => setDraft({ ...draft, unmatched: e.target.checked })}
        />
        <div>
          <button type="submit" className="btn">
            {t("feeds.events.apply")}
          </button>
        </div>
      </form>
      {events.isError ? <Notice tone="error">{errorMessage(t, events.error)}</Notice> : null}
      {events.isPending ? <p role="status">{t("common.loading")}</p> : null}
      {events.data ? (
        <>
          <Table<FeedEvent>
            caption={t("feeds.events.title")}
            rows={events.data.items}
            rowKey={(e) => e.id}
            empty={t("feeds.events.empty")}
            columns={[
              {
                key: "time",
                header: "time.source",
                className: "cell-nowrap",
                cell: (e) => (e["time.source"] ? formatDateTime(String(e["time.source"]), i18n.language) : "—"),
              },
              {
                key: "ip",
                header: "source.ip",
                className: "mono",
                cell: (e) =>
                  `${e["source.ip"] ?? e["source.network"] ?? "—"}${e["source.port"] ? `:${e["source.port"]}` : ""}`,
              },
              {
                key: "class",
                header: t("feeds.events.classification"),
                cell: (e) => (
                  <>
                    {e["classification.type"]}
                    <span className="cell-sub">{e["classification.identifier"] ?? e["classification.taxonomy"]}</span>
                  </>
                ),
              },
              { key: "feed", header: "feed.name", cell: (e) => e["feed.name"] ?? "—" },
              {
                key: "org",
                header: t("feeds.events.organisation"),
                cell: (e) =>
                  e.organisation ? (
                    <Link to={organisationHref(e.organisation.id)}>{e.organisation.name}</Link>
                  ) : (
                    t("feeds.events.unmatched")
                  ),
              },
            ]}
          />
          <div className="form-actions">
            {cursors.length > 1 ? (
              <button type="button" className="btn btn-quiet" onClick={() => setCursors(cursors.slice(0, -1))}>
                {t("feeds.events.previous")}
              </button>
            ) : null}
            {events.data.nextCursor ? (
              <button
                type="button"
                className="btn btn-quiet"
                onClick={() => setCursors([...cursors, events.data.nextCursor ?? undefined])}
              >
                {t("feeds.events.next")}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </Section>
  );
}
