import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { FeedFetchResult } from "../../../../contract/feeds.js";
import { cleanFilename } from "../../intake/service.js";
import { queueFetchedFile } from "../accept-feed-file.js";
import { type FeedSourceRow, updateSource } from "../sources-store.js";
import { storeFeedFile } from "../store-feed-file.js";
import type { FetchContext } from "./fetch-context.js";

// A URL pulled on a schedule: If-None-Match / If-Modified-Since with what the URL last answered, so an
// unchanged file is not even downloaded (304); a changed one is stored and queued as a run, keyed by
// its content, so the same bytes served again under a new ETag still import nothing twice.

export async function pullUrl(ctx: FetchContext, source: FeedSourceRow): Promise<FeedFetchResult> {
  const url = String(source.fetch_config.url ?? "");
  const headers: Record<string, string> = { "user-agent": "Fyr feed fetcher" };
  if (source.http_etag) headers["if-none-match"] = source.http_etag;
  if (source.http_last_modified) headers["if-modified-since"] = source.http_last_modified;
  const response = await fetch(url, { headers, redirect: "follow", signal: AbortSignal.timeout(ctx.timeoutMs) });
  if (response.status === 304) {
    await response.body?.cancel();
    return { runs: [], skipped: 1, error: null };
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new Error(`${url} answered HTTP ${response.status}`);
  }
  const raw = await storeFeedFile(ctx.blobs, bodyOf(response), ctx.maxBytes);
  const run = await queueFetchedFile(ctx, source, {
    fileName: fileNameOf(response, url),
    via: "pull",
    originKey: `sha256:${raw.sha256}`,
    raw,
  });
  await updateSource(ctx.db, source.id, {
    http_etag: response.headers.get("etag"),
    http_last_modified: response.headers.get("last-modified"),
  });
  return run ? { runs: [run.id], skipped: 0, error: null } : { runs: [], skipped: 1, error: null };
}

/** A fetch response's body as a Node stream. */
export function bodyOf(response: Response): Readable {
  return Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
}

/** The name the server gives the file (Content-Disposition), else the URL's last path segment. */
export function fileNameOf(response: Response, url: string): string {
  const disposition = response.headers.get("content-disposition") ?? "";
  const quoted = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1];
  const fromUrl = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  return cleanFilename(quoted ? decodeURIComponent(quoted) : fromUrl);
}
