import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { PullStatus } from "../../../contract/vulnerabilities.js";
import { systemActor } from "../../platform/auth/actor.js";
import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import type { PullKind } from "../../platform/db/tables/vulnerabilities.js";
import type { Logger } from "../../platform/log.js";
import { type Periodic, startPeriodic } from "../../platform/periodic.js";
import { dayIn } from "./days.js";
import { assertMayReadVulnerabilities } from "./policy.js";
import type { ProductNoticeSender } from "./product-notices.js";
import { claimDuePull, finishPull, selectPulls } from "./pulls-store.js";
import { type ImportSummary, importCveDownload, importEpss, importKev } from "./run-import.js";

// Scheduled pulls (worker role): FYR_KEV_URL, FYR_EPSS_URL and FYR_CVE_URL fetched every FYR_VULN_PULL_MINUTES with
// the last answer's ETag and Last-Modified, so an unchanged catalogue costs a 304. The claim in the
// database keeps two worker processes from pulling one URL at once.

const LEASE_MS = 15 * 60_000;
const TIMEOUT_MS = 10 * 60_000;
const CHECK_EVERY_MS = 60_000;

export interface PullDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  config: Pick<Config, "cert" | "timeZone" | "publicUrl" | "vulnerabilityPulls">;
  fetch?: typeof fetch;
  notices?: ProductNoticeSender;
}

/** Pulls one URL if it is due; answers what was imported, "not-modified", or null (not due, or another process has it). */
export async function pullIfDue(
  deps: PullDeps,
  kind: PullKind,
  url: string,
): Promise<ImportSummary | "not-modified" | null> {
  const now = deps.clock.now();
  const claim = await claimDuePull(deps.db, kind, url, now, deps.config.vulnerabilityPulls.everyMs, LEASE_MS);
  if (!claim) return null;
  const headers: Record<string, string> = {
    accept: kind === "epss" ? "text/csv, application/gzip, */*" : "application/json",
  };
  if (claim.etag) headers["if-none-match"] = claim.etag;
  if (claim.last_modified) headers["if-modified-since"] = claim.last_modified;
  try {
    const res = await (deps.fetch ?? fetch)(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (res.status === 304) {
      await res.body?.cancel();
      await finishPull(deps.db, kind, deps.clock.now(), { status: 304, error: null });
      return "not-modified";
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw new Error(`${url} answered ${res.status}`);
    }
    const body = Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>);
    const ctx = {
      db: deps.db,
      clock: deps.clock,
      actor: systemActor("vulnerability-pull"),
      config: deps.config,
      notices: deps.notices,
    };
    const summary =
      kind === "kev"
        ? await importKev(ctx, body, url)
        : kind === "cve"
          ? await importCveDownload(ctx, body, url)
          : await importEpss(ctx, body, url, dayIn(deps.clock.now(), deps.config.timeZone));
    await finishPull(deps.db, kind, deps.clock.now(), {
      status: res.status,
      error: null,
      etag: res.headers.get("etag"),
      lastModified: res.headers.get("last-modified"),
    });
    return summary;
  } catch (err) {
    await finishPull(deps.db, kind, deps.clock.now(), {
      status: null,
      error: (err instanceof Error ? err.message : String(err)).slice(0, 1000),
    });
    throw err;
  }
}

/** The worker's pass over the configured URLs; undefined when none is configured. */
export function startVulnerabilityPulls(deps: PullDeps): Periodic | undefined {
  const { kevUrl, epssUrl, cveUrl } = deps.config.vulnerabilityPulls;
  const urls = [
    ["kev", kevUrl],
    ["epss", epssUrl],
    ["cve", cveUrl],
  ].filter((p): p is [PullKind, string] => p[1] !== undefined);
  if (urls.length === 0) return undefined;
  return startPeriodic({
    what: "vulnerability pull",
    logger: deps.logger,
    intervalMs: CHECK_EVERY_MS,
    async pass() {
      for (const [kind, url] of urls) {
        try {
          const result = await pullIfDue(deps, kind, url);
          if (result !== null && result !== "not-modified")
            deps.logger.info({ kind, read: result.read, inserted: result.inserted, updated: result.updated }, "pulled");
        } catch (err) {
          deps.logger.warn({ err, kind, url }, "vulnerability pull failed");
        }
      }
    },
  });
}

/** Each configured pull and how its last fetch went (the console's health line). */
export async function listPulls(ctx: ServiceContext): Promise<PullStatus> {
  assertMayReadVulnerabilities(ctx.actor);
  const rows = await selectPulls(ctx.db);
  return {
    items: rows.map((r) => ({
      kind: r.kind,
      url: r.url,
      lastFetchAt: r.last_fetch_at?.toISOString() ?? null,
      lastSuccessAt: r.last_success_at?.toISOString() ?? null,
      lastStatus: r.last_status,
      lastError: r.last_error,
    })),
  };
}
