import { FEED_EVENT_FIELD_NAMES, type FeedEventField } from "../../../contract/feed-events.js";
import { type CertContact, mailSignature } from "../../platform/cert-contact.js";
import { UTF8_BOM, csvLine } from "../../platform/csv-cell.js";
import { IMMEDIATE_TYPES } from "./schedule.js";

// A digest as the owner reads it: the subject with its reference, a text in the contact's language with
// advice per kind of finding, and every event as a CSV row (header: IntelMQ's harmonization names, then
// `extra` as JSON), so a script reads the file and a person the mail. Pure: everything is given.

export type Language = "sv" | "en";

export interface DigestEvent {
  fields: Record<string, unknown>;
  extra: Record<string, unknown>;
  classificationType: string;
}

export interface AdviceEntry {
  title: Record<Language, string>;
  body: Record<Language, string>;
}

export interface DigestInput {
  reference: string;
  organisationName: string;
  language: Language;
  events: readonly DigestEvent[];
  /** Advice by key: a classification identifier, an RSIT type, or `*`. */
  advice: ReadonlyMap<string, AdviceEntry>;
  cert: CertContact;
  timeZone: string;
}

export interface ComposedDigest {
  subject: string;
  body: string;
  csv: string;
}

const WORDS = {
  sv: {
    subject: (n: number) => `Säkerhetshändelser i ert nät (${n})`,
    greeting: "Hej,",
    intro: (n: number, org: string, from: string, to: string) =>
      `vi har fått uppgifter om ${n} ${n === 1 ? "säkerhetshändelse" : "säkerhetshändelser"} som rör ${org}, observerade ${from}–${to}. Alla händelser finns i den bifogade filen events.csv, en rad per händelse.`,
    immediate: "Händelserna är allvarliga och skickas därför direkt.",
    events: (n: number) => `${n} ${n === 1 ? "händelse" : "händelser"}`,
    examples: "Till exempel:",
    reply: (ref: string) =>
      `Svara på det här meddelandet om ni har frågor eller vill att vi slutar skicka en viss sorts händelser. Behåll ${ref} i ämnesraden.`,
  },
  en: {
    subject: (n: number) => `Security events in your network (${n})`,
    greeting: "Hello,",
    intro: (n: number, org: string, from: string, to: string) =>
      `we have received information on ${n} security ${n === 1 ? "event" : "events"} concerning ${org}, observed ${from} to ${to}. Every event is in the attached file events.csv, one row per event.`,
    immediate: "These events are serious, so they are sent at once.",
    events: (n: number) => `${n} ${n === 1 ? "event" : "events"}`,
    examples: "For example:",
    reply: (ref: string) =>
      `Reply to this message if you have questions or want us to stop sending a kind of event. Keep ${ref} in the subject line.`,
  },
} as const;

const EXAMPLES = 5;

/** The advice for an event kind: its identifier's text, else its type's, else the general one. */
export function adviceFor(
  advice: ReadonlyMap<string, AdviceEntry>,
  identifier: string | null,
  type: string,
): { key: string; entry: AdviceEntry } | null {
  for (const key of [identifier, type, "*"]) {
    const entry = key === null ? undefined : advice.get(key);
    if (key !== null && entry) return { key, entry };
  }
  return null;
}

// Building an Intl.DateTimeFormat costs far more than using one (a digest for each of 10,000
// organisations): one per time zone is kept.
const stampFormats = new Map<string, Intl.DateTimeFormat>();

function stamp(value: unknown, timeZone: string): string {
  const at = new Date(String(value));
  if (Number.isNaN(at.getTime())) return String(value ?? "");
  let format = stampFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "short" });
    stampFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** The digest's CSV: one column per harmonization field any event has, then `extra`. */
export function digestCsv(events: readonly DigestEvent[]): string {
  const present = new Set<string>();
  for (const e of events) for (const k of Object.keys(e.fields)) present.add(k);
  const columns: FeedEventField[] = FEED_EVENT_FIELD_NAMES.filter((f) => present.has(f));
  let out = UTF8_BOM + csvLine([...columns, "extra"]);
  for (const e of events) {
    const cells = columns.map((c) => {
      const v = e.fields[c];
      return v === undefined || v === null ? "" : String(v);
    });
    cells.push(Object.keys(e.extra).length > 0 ? JSON.stringify(e.extra) : "");
    out += csvLine(cells);
  }
  return out;
}

/** Subject, text and CSV of one digest. */
export function composeDigest(input: DigestInput): ComposedDigest {
  return { ...composeDigestText(input), csv: digestCsv(input.events) };
}

/** Subject and text of one digest in its language (the CSV is the same in every language: digestCsv). */
export function composeDigestText(input: DigestInput): Omit<ComposedDigest, "csv"> {
  const w = WORDS[input.language];
  const n = input.events.length;
  const times = input.events.map((e) => String(e.fields["time.source"] ?? "")).sort();
  const from = stamp(times[0], input.timeZone);
  const to = stamp(times[times.length - 1], input.timeZone);
  // Grouped by advice, in order of size: the commonest finding first.
  const groups = new Map<string, { entry: AdviceEntry | null; events: DigestEvent[] }>();
  for (const e of input.events) {
    const identifier =
      typeof e.fields["classification.identifier"] === "string" ? e.fields["classification.identifier"] : null;
    const found = adviceFor(input.advice, identifier, e.classificationType);
    const key = found?.key === "*" ? `*:${identifier ?? e.classificationType}` : (found?.key ?? e.classificationType);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { entry: found?.entry ?? null, events: [] }));
    group.events.push(e);
  }
  const sections = [...groups.entries()]
    .sort((a, b) => b[1].events.length - a[1].events.length)
    .map(([key, { entry, events }]) => {
      const name = key.startsWith("*:") ? key.slice(2) : key;
      const title = entry ? `${entry.title[input.language]} (${name})` : name;
      const lines = [`== ${title}: ${w.events(events.length)} ==`, ""];
      if (entry) lines.push(entry.body[input.language], "");
      lines.push(w.examples);
      for (const e of events.slice(0, EXAMPLES)) {
        const where = [e.fields["source.ip"], e.fields["source.port"]].filter((v) => v !== undefined).join(":");
        const host = e.fields["source.fqdn"] ?? e.fields["source.url"];
        lines.push(`  ${stamp(e.fields["time.source"], input.timeZone)}  ${[where, host].filter(Boolean).join(" ")}`);
      }
      return lines.join("\n");
    });
  const body = [
    w.greeting,
    "",
    w.intro(n, input.organisationName, from, to),
    // Told at once because they are critical (schedule.ts), not because the organisation asked for it.
    ...(input.events.every((e) => IMMEDIATE_TYPES.has(e.classificationType)) ? [w.immediate] : []),
    "",
    ...sections.flatMap((s) => [s, ""]),
    w.reply(input.reference),
    "",
    mailSignature(input.cert, input.language),
  ].join("\n");
  return { subject: `[${input.reference}] ${w.subject(n)}`, body };
}
