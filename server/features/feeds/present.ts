import type { FeedEvent, FeedFetch, FeedRun, FeedRunListItem } from "../../../contract/feeds.js";
import type { FeedRunRow, FeedSourceRow } from "./sources-store.js";

/** A run in the contract's words: rows read, events stored, rejected (malformed) rows and their lines. */
export function presentRun(run: FeedRunRow, source?: Pick<FeedSourceRow, "format">): FeedRun {
  const errors = [...run.malformed_sample];
  // Why a failed run failed, as the file's own "line 0".
  if (run.status === "failed" && run.error !== null) errors.push({ line: 0, message: run.error });
  const format = run.format ?? source?.format ?? null;
  return {
    id: run.id,
    status: run.status,
    format,
    reportType: run.report_type,
    rows: run.rows_read,
    events: run.events_stored,
    duplicates: run.duplicates,
    matched: run.matched,
    unmatched: run.events_stored - run.matched,
    rejected: run.malformed,
    errors,
    notifyHold: run.notify_hold,
  };
}

/** A saved column mapping as it is written: `column=field, …`. */
export function presentMapping(mapping: unknown): string | null {
  if (typeof mapping !== "object" || mapping === null) return null;
  return Object.entries(mapping as Record<string, string>)
    .map(([column, field]) => `${column}=${field}`)
    .join(", ");
}

/** How a source fetches, without its secret (only whether one is stored). */
export function presentFetch(source: FeedSourceRow): FeedFetch | null {
  if (source.fetch_kind === null) return null;
  const config = source.fetch_config;
  const text = (key: string) => (typeof config[key] === "string" ? config[key] : undefined);
  const list = (key: string) => (Array.isArray(config[key]) ? (config[key] as string[]) : undefined);
  return {
    kind: source.fetch_kind,
    url: text("url"),
    address: text("address"),
    apiUrl: text("apiUrl"),
    apiKey: text("apiKey"),
    reports: list("reports"),
    types: list("types"),
    days: typeof config.days === "number" ? config.days : undefined,
    everyMinutes: source.fetch_every_minutes,
    hasSecret: source.fetch_secret !== null,
    lastFetchAt: source.last_fetch_at?.toISOString() ?? null,
    lastFetchError: source.last_fetch_error,
  };
}

export function presentRunListItem(run: FeedRunRow & { source_name: string }): FeedRunListItem {
  return {
    ...presentRun(run),
    source: { id: run.source_id, name: run.source_name },
    fileName: run.file_name,
    receivedVia: run.received_via,
    startedAt: run.started_at.toISOString(),
    finishedAt: run.finished_at?.toISOString() ?? null,
  };
}

/** A stored event as the API gives it: the harmonised fields by name, extra, the owner. */
export function presentEvent(row: {
  id: string;
  fields: Record<string, string | number>;
  extra: Record<string, string>;
  organisation_id: string | null;
  organisation_name: string | null;
}): FeedEvent {
  return {
    ...row.fields,
    id: row.id,
    extra: row.extra,
    organisation: row.organisation_id === null ? null : { id: row.organisation_id, name: row.organisation_name ?? "" },
  };
}
