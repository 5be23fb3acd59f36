import { z } from "zod";
import { MispEventInput } from "../../../contract/misp.js";
import { systemActor } from "../../platform/auth/actor.js";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import type { Logger } from "../../platform/log.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import { importIntoIncident } from "./misp-import.js";
import { selectLastImportedTimestamp } from "./misp-import-store.js";
import { type MispFeedSourceRow, selectEnabledSources, updateSource } from "./misp-sources-store.js";

// Pulling partners' MISP feeds on a schedule (worker role): each source's manifest.json, then every
// event it lists that is new or changed since the last pull (its timestamp), imported into the
// source's incident as an analyst's upload would be. An event that is not valid MISP is skipped and
// named in the source's last error; the others still come in.

const Manifest = z.record(z.string().uuid(), z.object({ timestamp: z.union([z.number(), z.string()]).optional() }));
const MAX_BYTES = 50 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

/** A response body as text, refused past maxBytes (a feed never fills the memory). */
async function boundedText(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return "";
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new Error(`larger than ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString("utf8");
}

async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, {
    headers: { accept: "application/json", "user-agent": "Fyr MISP feed pull" },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(`${url} answered HTTP ${response.status}`);
  }
  return JSON.parse(await boundedText(response, MAX_BYTES)) as unknown;
}

const baseOf = (url: string) => url.replace(/manifest\.json$/, "").replace(/\/?$/, "/");

export interface PullResult {
  sources: number;
  events: number;
  errors: string[];
}

/** One source: its new and changed events into its incident. */
async function pullSource(
  deps: { db: Db; clock: Clock },
  source: MispFeedSourceRow,
  into: { id: string; reference: string },
) {
  const base = baseOf(source.url);
  const manifest = Manifest.parse(await getJson(`${base}manifest.json`));
  const errors: string[] = [];
  let events = 0;
  const ctx = { db: deps.db, clock: deps.clock, actor: systemActor("misp-feed-pull") };
  for (const [uuid, entry] of Object.entries(manifest)) {
    const stamp = entry.timestamp === undefined ? null : Number(entry.timestamp);
    const last = await selectLastImportedTimestamp(deps.db, source.id, uuid.toLowerCase());
    if (last !== undefined && (stamp === null || (last !== null && last >= stamp))) continue;
    try {
      const parsed = MispEventInput.safeParse(await getJson(`${base}${uuid}.json`));
      if (!parsed.success) throw new Error(`not a MISP event: ${parsed.error.issues[0]?.path.join(".") ?? ""}`);
      await importIntoIncident(ctx, into, parsed.data, source.id);
      events += 1;
    } catch (err) {
      errors.push(`${uuid}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { events, errors };
}

/** Pulls every enabled source once. */
export async function pullMispFeeds(deps: { db: Db; clock: Clock }): Promise<PullResult> {
  const result: PullResult = { sources: 0, events: 0, errors: [] };
  for (const source of await selectEnabledSources(deps.db)) {
    result.sources += 1;
    let error: string | null = null;
    try {
      const pulled = await pullSource(deps, source, { id: source.incident_id, reference: source.reference });
      result.events += pulled.events;
      if (pulled.errors.length > 0) error = pulled.errors.slice(0, 5).join("; ");
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (error) result.errors.push(`${source.name}: ${error}`);
    await updateSource(deps.db, source.id, {
      last_pulled_at: deps.clock.now(),
      last_error: error?.slice(0, 2000) ?? null,
    });
  }
  return result;
}

/** The schedule: every hour (a MISP instance pulls its feeds daily or hourly). */
export function startMispFeedPulls(deps: { db: Db; clock: Clock; logger: Logger }): Periodic {
  return startPeriodic({
    what: "MISP feed pulls",
    logger: deps.logger,
    intervalMs: 60 * 60_000,
    pass: async () => {
      const r = await pullMispFeeds(deps);
      if (r.sources > 0) deps.logger.info(r, "MISP feeds pulled");
    },
  });
}
