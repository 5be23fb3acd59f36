import { z } from "zod";
import { FEED_EVENT_FIELDS, type FeedEventField } from "./feed-events.js";
import { PageOf } from "./page.js";
import { DayOrInstant } from "./search.js";

// Security-event feeds over HTTP (api-v1.md "Security-event feeds"): a file posted becomes a run that
// the job queue reads; runs, sources with their health, and the events, keyed by IntelMQ's
// harmonization names.

export const FeedFormat = z.enum(["shadowserver", "intelmq", "csv", "json"]);
export type FeedFormat = z.infer<typeof FeedFormat>;
export const FeedRunStatus = z.enum(["queued", "running", "done", "failed"]);

/** The text fields of `POST /api/v1/feeds/runs` (multipart; the file is the `file` part). */
export const FeedUploadFields = z
  .object({
    format: FeedFormat,
    reportType: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{1,100}$/i)
      .optional(),
    /** The source's name; default the format's name. Made on first use. */
    source: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/)
      .optional(),
    /**
     * Generic CSV or JSON: `column=harmonization.field, …` (a JSON key by its dotted path), saved on the
     * source (required for a new one).
     */
    mapping: z.string().max(10_000).optional(),
  })
  .strict();
export type FeedUploadFields = z.infer<typeof FeedUploadFields>;

export const FeedRunAccepted = z.object({ id: z.string() });

const LineError = z.object({
  /** The file's line; 0 for the file as a whole (why a failed run failed). */
  line: z.number().int(),
  message: z.string(),
});

/** A run as the contract names it. `errors` holds at most the first 20 bad lines and the failure. */
export const FeedRun = z.object({
  id: z.string(),
  status: FeedRunStatus,
  format: FeedFormat.nullable(),
  reportType: z.string().nullable(),
  rows: z.number().int(),
  events: z.number().int(),
  duplicates: z.number().int(),
  matched: z.number().int(),
  unmatched: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(LineError),
  /**
   * Held from the owners: `surge` (at least twice its source's usual; staff decide whether the owners are
   * told), `discarded` (staff chose not to tell them); null when the notifier takes its events.
   */
  notifyHold: z.enum(["surge", "discarded"]).nullable(),
});
export type FeedRun = z.infer<typeof FeedRun>;

export const FeedRunParams = z.object({ id: z.uuid() });

/** A run in the list: the contract's fields and where and when it came. */
export const FeedRunListItem = FeedRun.extend({
  source: z.object({ id: z.string(), name: z.string() }),
  fileName: z.string(),
  receivedVia: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type FeedRunListItem = z.infer<typeof FeedRunListItem>;
export const FeedRunList = PageOf(FeedRunListItem);
export type FeedRunList = z.infer<typeof FeedRunList>;
export const FeedRunListQuery = z.object({
  source: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

/**
 * What is wrong with a source: its last run failed; it sent far fewer (quiet) or more (surge: at
 * least twice) events than the median of its earlier runs; or nothing arrived within its expected
 * interval (late).
 */
export const FeedSourceAlarm = z.enum(["failed", "quiet", "surge", "late"]);
export type FeedSourceAlarm = z.infer<typeof FeedSourceAlarm>;

const urlOf = (schemes: readonly string[]) =>
  z
    .string()
    .trim()
    .max(2000)
    .refine((text) => URL.canParse(text) && schemes.includes(new URL(text).protocol.slice(0, -1)), {
      message: `a ${schemes.join(" or ")} URL`,
    });
const everyMinutes = z.number().int().min(1).max(10_080);
/** Shadowserver's mailing-list names (`reports`) and report types (`type`) that filter reports/list. */
const shadowserverNames = z
  .array(
    z
      .string()
      .trim()
      .regex(/^[a-z0-9_.-]{1,100}$/i),
  )
  .max(100);

/**
 * How a source fetches its own files. Secrets (`password`, `secret`) are written, never read back:
 * an update that leaves one out keeps the stored one.
 */
export const FeedFetchInput = z.discriminatedUnion("kind", [
  /** A URL pulled on a schedule, with If-None-Match / If-Modified-Since. */
  z.object({ kind: z.literal("url"), url: urlOf(["http", "https"]), everyMinutes }).strict(),
  /** Shadowserver's Reports API: reports/list, then reports/download of each new report. */
  z
    .object({
      kind: z.literal("shadowserver-api"),
      apiUrl: urlOf(["http", "https"]).default("https://transform.shadowserver.org/api2/"),
      apiKey: z.string().trim().min(1).max(200),
      secret: z.string().min(1).max(200).optional(),
      reports: shadowserverNames.optional(),
      types: shadowserverNames.optional(),
      /** How many days back reports/list asks for (today included). */
      days: z.number().int().min(1).max(30).default(2),
      everyMinutes,
    })
    .strict(),
  /** An IMAP folder: imap[s]://user@host[:port]/Folder; each unseen mail's attachments become runs. */
  z
    .object({
      kind: z.literal("imap"),
      url: urlOf(["imap", "imaps"]),
      password: z.string().min(1).max(500).optional(),
      everyMinutes,
    })
    .strict(),
  /** Mail to this address reaching the inbound SMTP listener (routed by recipient). */
  z.object({ kind: z.literal("mail"), address: z.email().max(320).toLowerCase() }).strict(),
]);
export type FeedFetchInput = z.infer<typeof FeedFetchInput>;

/** A source made or changed by an admin. */
export const FeedSourceInput = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/),
    format: FeedFormat,
    reportType: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{1,100}$/i)
      .nullable()
      .optional(),
    /** Generic CSV or JSON: `column=harmonization.field, …`. */
    mapping: z.string().max(10_000).optional(),
    expectedEveryHours: z.number().int().min(1).max(8760).nullable().optional(),
    fetch: FeedFetchInput.nullable().optional(),
  })
  .strict();
export type FeedSourceInput = z.infer<typeof FeedSourceInput>;
export const FeedSourceParams = z.object({ id: z.uuid() });

/** How a source fetches, as shown: never a secret, only whether one is stored. */
export const FeedFetch = z.object({
  kind: z.enum(["url", "shadowserver-api", "imap", "mail"]),
  url: z.string().optional(),
  address: z.string().optional(),
  apiUrl: z.string().optional(),
  apiKey: z.string().optional(),
  reports: z.array(z.string()).optional(),
  types: z.array(z.string()).optional(),
  days: z.number().int().optional(),
  everyMinutes: z.number().int().nullable(),
  hasSecret: z.boolean(),
  lastFetchAt: z.string().nullable(),
  /** Why the last fetch failed; null when it worked. */
  lastFetchError: z.string().nullable(),
});
export type FeedFetch = z.infer<typeof FeedFetch>;

/** What one fetch brought: the runs it queued, the files it found already read, and why it failed. */
export const FeedFetchResult = z.object({
  runs: z.array(z.string()),
  skipped: z.number().int(),
  error: z.string().nullable(),
});
export type FeedFetchResult = z.infer<typeof FeedFetchResult>;

export const FeedSource = z.object({
  id: z.string(),
  name: z.string(),
  format: FeedFormat,
  reportType: z.string().nullable(),
  expectedEveryHours: z.number().int().nullable(),
  /** The saved column mapping of a generic source, as `column=field, …`. */
  mapping: z.string().nullable(),
  fetch: FeedFetch.nullable(),
  health: z.object({
    lastRun: z
      .object({ id: z.string(), status: FeedRunStatus, startedAt: z.string(), events: z.number().int() })
      .nullable(),
    lastSuccessAt: z.string().nullable(),
    /** The median of events per done run before the last one (null: fewer than 3 earlier runs). */
    medianEvents: z.number().nullable(),
    alarms: z.array(FeedSourceAlarm),
  }),
});
export type FeedSource = z.infer<typeof FeedSource>;
export const FeedSourceList = z.object({ items: z.array(FeedSource) });
export type FeedSourceList = z.infer<typeof FeedSourceList>;

const fieldSchema = (kind: (typeof FEED_EVENT_FIELDS)[FeedEventField]) =>
  (kind === "port" || kind === "asn" ? z.number() : z.string()).optional();

/** An event: its harmonised fields by their IntelMQ names, `extra`, and its owner. */
export const FeedEvent = z.object({
  id: z.string(),
  ...(Object.fromEntries(Object.entries(FEED_EVENT_FIELDS).map(([name, kind]) => [name, fieldSchema(kind)])) as Record<
    FeedEventField,
    z.ZodOptional<z.ZodString | z.ZodNumber>
  >),
  extra: z.record(z.string(), z.string()),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type FeedEvent = z.infer<typeof FeedEvent>;
export const FeedEventPage = PageOf(FeedEvent);
export type FeedEventPage = z.infer<typeof FeedEventPage>;

/** classification.type as a filter (RSIT types are lower-case words joined by hyphens). */
const ClassificationTypeFilter = z
  .string()
  .trim()
  .regex(/^[a-z0-9-]{1,64}$/);

export const FeedEventQuery = z.object({
  /** An organisation's id, or `none` for the events no owner matched. */
  organisation: z.union([z.uuid(), z.literal("none")]).optional(),
  from: DayOrInstant.optional(),
  to: DayOrInstant.optional(),
  /** classification.type (RSIT). */
  type: ClassificationTypeFilter.optional(),
  /** An address, or a network (CIDR) the event's source.ip falls in. */
  ip: z
    .string()
    .trim()
    .max(50)
    .regex(/^[0-9a-fA-F:.]+(\/\d{1,3})?$/)
    .optional(),
  /** The feed (source) the events came from. */
  source: z.uuid().optional(),
  /** `true`: only the events no owner matched (the registry's gaps); the same as `organisation=none`. */
  unmatched: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type FeedEventQuery = z.infer<typeof FeedEventQuery>;

/**
 * `GET /api/v1/my/events` (members: their organisation's and its children's events). JSON is keyset-paged
 * as every list; `format=csv` streams the whole window (bounded) with a header row of harmonization names.
 */
export const MyEventQuery = z.object({
  from: DayOrInstant.optional(),
  to: DayOrInstant.optional(),
  type: ClassificationTypeFilter.optional(),
  /** One organisation of the member's scope (default: all of it). */
  organisation: z.uuid().optional(),
  format: z.enum(["json", "csv"]).default("json"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});
export type MyEventQuery = z.infer<typeof MyEventQuery>;

/** `GET /api/v1/my/events/counts`: events per day (the CERT's time zone) and classification type. */
export const MyEventCountQuery = MyEventQuery.pick({ from: true, to: true, type: true, organisation: true });
export type MyEventCountQuery = z.infer<typeof MyEventCountQuery>;

export const EventDayCount = z.object({ day: z.iso.date(), type: z.string(), count: z.number().int() });
export type EventDayCount = z.infer<typeof EventDayCount>;
export const EventDayCounts = z.object({
  /** The window counted: from its first day to its last, inclusive. */
  from: z.iso.date(),
  to: z.iso.date(),
  /** Days with no events are absent. */
  items: z.array(EventDayCount),
  /** Every classification type in the window, most events first. */
  types: z.array(z.object({ type: z.string(), count: z.number().int() })),
});
export type EventDayCounts = z.infer<typeof EventDayCounts>;
