import { FEED_EVENT_FIELD_NAMES } from "../../../contract/feed-events.js";
import type { EventDayCounts, FeedEvent, FeedEventPage } from "../../../contract/feeds.js";
import { UTF8_BOM, csvLine } from "../../platform/csv-cell.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, invalid } from "../../platform/errors.js";
import { readKeysetPage } from "../../platform/keyset-page.js";
import { type TimeBound, timeBound } from "../../platform/time-bound.js";
import { presentEvent } from "./present.js";
import { type EventFilter, countEventsUpTo, selectEventDayCounts, selectEventPage } from "./read-store.js";
import { eventKeys } from "./read-feeds.js";

// The events of some organisations, for the features that decide whose they may be: the member area
// (members/policy.ts picks the organisations) and the organisation's page. The caller has already
// admitted the reader to every organisation it names; nothing here widens the list.

export interface OrganisationEventQuery {
  organisations: readonly string[];
  from?: string;
  to?: string;
  type?: string;
}

type Ctx = ServiceContext & { timeZone: string };
/** A download's reader says how many events one file may hold (FYR_EVENT_EXPORT_MAX). */
type ExportCtx = Ctx & { exportMax: number };

/** The chart counts at most a year and a day. */
export const MAX_COUNT_DAYS = 366;
/** Without `from`, the chart and the download start this many days back. */
export const DEFAULT_WINDOW_DAYS = 30;
const EXPORT_PAGE = 2_000;
const DAY_MS = 86_400_000;

function filterOf(ctx: Ctx, q: OrganisationEventQuery, defaultFrom: boolean): EventFilter {
  const from =
    timeBound(q.from) ??
    (defaultFrom ? { day: dayOf(ctx, ctx.clock.now().getTime() - (DEFAULT_WINDOW_DAYS - 1) * DAY_MS) } : undefined);
  return { organisations: q.organisations, from, to: timeBound(q.to), type: q.type, timeZone: ctx.timeZone };
}

/** The calendar day an instant falls on in the CERT's time zone. */
function dayOf(ctx: Ctx, ms: number): string {
  // en-CA writes dates as yyyy-mm-dd.
  return new Intl.DateTimeFormat("en-CA", { timeZone: ctx.timeZone }).format(new Date(ms));
}

const dayOfBound = (ctx: Ctx, b: TimeBound) => ("day" in b ? b.day : dayOf(ctx, Date.parse(b.at)));

/** A page of the organisations' events, newest first. */
export async function listOrganisationEvents(
  ctx: Ctx,
  q: OrganisationEventQuery & { limit: number; cursor?: string },
): Promise<FeedEventPage> {
  const filter = filterOf(ctx, q, false);
  const page = await readKeysetPage(
    q,
    eventKeys,
    (w) => selectEventPage(ctx.db, filter, w),
    (r) => ({ at: r.time_source.toISOString(), id: r.id }),
  );
  return { items: page.rows.map(presentEvent), nextCursor: page.nextCursor };
}

/** Events per day and classification type over the window (default: the last 30 days). */
export async function countOrganisationEventsByDay(ctx: Ctx, q: OrganisationEventQuery): Promise<EventDayCounts> {
  const filter = filterOf(ctx, q, true);
  const from = dayOfBound(ctx, filter.from ?? { day: "" });
  const to = filter.to ? dayOfBound(ctx, filter.to) : dayOf(ctx, ctx.clock.now().getTime());
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
  if (days < 1) {
    throw invalid("validation_failed", "Some fields are invalid", [
      { path: "querystring.from", message: "after to", code: "window_reversed" },
    ]);
  }
  if (days > MAX_COUNT_DAYS) {
    throw invalid("validation_failed", "Some fields are invalid", [
      {
        path: "querystring.from",
        message: `more than ${MAX_COUNT_DAYS} days before to`,
        code: "window_too_long",
        params: { limit: MAX_COUNT_DAYS },
      },
    ]);
  }
  const items = await selectEventDayCounts(ctx.db, filter);
  const totals = new Map<string, number>();
  for (const i of items) totals.set(i.type, (totals.get(i.type) ?? 0) + i.count);
  const types = [...totals].map(([type, count]) => ({ type, count }));
  types.sort((a, b) => b.count - a.count || a.type.localeCompare(b.type));
  return { from, to, items, types };
}

/** The CSV header: every harmonization field, then the owner, then `extra` as JSON. */
const CSV_HEADER = [...FEED_EVENT_FIELD_NAMES, "organisation.name", "extra"];

function csvRecord(e: FeedEvent): string {
  const fields = e as Record<string, unknown>;
  const cells = FEED_EVENT_FIELD_NAMES.map((name) => {
    const v = fields[name];
    return v === undefined ? "" : String(v);
  });
  cells.push(e.organisation?.name ?? "", Object.keys(e.extra).length === 0 ? "" : JSON.stringify(e.extra));
  return csvLine(cells);
}

/**
 * The window's events as CSV (default: the last 30 days), checked against the bound before the first
 * byte goes out — a download is whole or refused (413), never cut short — then streamed page by page.
 */
export async function organisationEventsCsv(ctx: ExportCtx, q: OrganisationEventQuery): Promise<AsyncIterable<string>> {
  const filter = filterOf(ctx, q, true);
  const max = ctx.exportMax;
  if ((await countEventsUpTo(ctx.db, filter, max + 1)) > max) {
    throw new AppError("events_export_too_large", "too_large", `More than ${max} events: ask for a shorter window`, {
      errors: [
        {
          path: "querystring.from",
          message: "too many events in the window",
          code: "too_many",
          params: { limit: max },
        },
      ],
    });
  }
  return csvPages(ctx, filter);
}

async function* csvPages(ctx: Ctx, filter: EventFilter): AsyncGenerator<string> {
  yield UTF8_BOM + csvLine(CSV_HEADER);
  let after: { at: string; id: string } | undefined;
  for (;;) {
    const rows = await selectEventPage(ctx.db, filter, { after, limit: EXPORT_PAGE });
    if (rows.length > 0) yield rows.map((r) => csvRecord(presentEvent(r))).join("");
    const last = rows.at(-1);
    if (!last || rows.length < EXPORT_PAGE) return;
    after = { at: last.time_source.toISOString(), id: last.id };
  }
}
