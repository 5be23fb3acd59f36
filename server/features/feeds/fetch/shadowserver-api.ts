import { createHmac } from "node:crypto";
import { z } from "zod";
import type { FeedFetchResult } from "../../../../contract/feeds.js";
import { fetchedBefore, queueFetchedFile } from "../accept-feed-file.js";
import { fetchSecretContext } from "../source-config.js";
import type { FeedSourceRow } from "../sources-store.js";
import { storeFeedFile } from "../store-feed-file.js";
import type { FetchContext } from "./fetch-context.js";
import { bodyOf } from "./pull-url.js";

// Shadowserver's Reports API (as its own api_utils call it): every call is a POST of a JSON object
// that carries `apikey`, signed with the account's secret — HMAC-SHA256 of the exact body bytes, hex,
// in the `HMAC2` header. `reports/list` names the reports of a date range; `reports/download` with a
// report's id answers its CSV. Each report becomes a run keyed by its id, so a report listed again
// on the next pass (the range overlaps on purpose: late reports) is never downloaded twice.

const ListedReport = z.object({
  id: z.string().min(1).max(200),
  type: z.string().max(200).optional(),
  file: z.string().min(1).max(255),
  timestamp: z.string().optional(),
  report: z.string().optional(),
});
const ReportList = z.array(ListedReport);

/** The HMAC2 header of a request body. */
export function shadowserverSignature(secret: string, body: string): string {
  return createHmac("sha256", Buffer.from(secret, "latin1")).update(Buffer.from(body, "latin1")).digest("hex");
}

/** One signed call; answers the response (the caller reads JSON or streams the file). */
async function call(ctx: FetchContext, source: FeedSourceRow, method: string, request: Record<string, unknown>) {
  const apiUrl = String(source.fetch_config.apiUrl ?? "");
  const apiKey = String(source.fetch_config.apiKey ?? "");
  if (source.fetch_secret === null) throw new Error("The Reports API needs the account's secret; none is stored");
  const secret = ctx.secrets.open(source.fetch_secret, fetchSecretContext(source.id));
  const body = JSON.stringify({ ...request, apikey: apiKey });
  const response = await fetch(new URL(method, apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`), {
    method: "POST",
    body,
    headers: { "content-type": "application/json", HMAC2: shadowserverSignature(secret, body) },
    signal: AbortSignal.timeout(ctx.timeoutMs),
  });
  if (!response.ok) {
    const text = (await response.text()).slice(0, 200);
    throw new Error(`Reports API ${method} answered HTTP ${response.status}${text ? `: ${text}` : ""}`);
  }
  return response;
}

/** Lists the source's reports of the last `days` days and queues each one not read yet. */
export async function pullShadowserverReports(ctx: FetchContext, source: FeedSourceRow): Promise<FeedFetchResult> {
  const config = source.fetch_config;
  const days = typeof config.days === "number" ? config.days : 2;
  const today = ctx.clock.now();
  const first = new Date(today.getTime() - (days - 1) * 86_400_000);
  const types = Array.isArray(config.types) ? (config.types as string[]) : [];
  const request: Record<string, unknown> = { date: `${day(first)}:${day(today)}` };
  if (Array.isArray(config.reports) && config.reports.length > 0) request.reports = config.reports;
  if (types.length === 1) request.type = types[0];
  const listed = ReportList.safeParse(await (await call(ctx, source, "reports/list", request)).json());
  if (!listed.success) throw new Error("Reports API reports/list did not answer a list of reports");
  const result: FeedFetchResult = { runs: [], skipped: 0, error: null };
  for (const report of listed.data) {
    // The server filters by one type; several (or a server that ignores the filter) are filtered here.
    if (types.length > 0 && report.type !== undefined && !types.includes(report.type)) continue;
    const originKey = `shadowserver:${report.id}`;
    if (await fetchedBefore(ctx, source.id, originKey)) {
      result.skipped += 1;
      continue;
    }
    const response = await call(ctx, source, "reports/download", { id: report.id });
    const raw = await storeFeedFile(ctx.blobs, bodyOf(response), ctx.maxBytes);
    const run = await queueFetchedFile(ctx, source, { fileName: report.file, via: "pull", originKey, raw });
    if (run) result.runs.push(run.id);
    else result.skipped += 1;
  }
  return result;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
