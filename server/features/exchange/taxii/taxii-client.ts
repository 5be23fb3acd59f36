import { z } from "zod";
import { AppError } from "../../../platform/errors.js";
import { TAXII_MEDIA_TYPE } from "./taxii-http.js";

// A small TAXII 2.1 client (§3.4, §5.3): reads a collection's objects added after a cursor, page by
// page (`limit`, then `next` while `more`, the same `added_after` on every page, as the specification
// asks), and says where the next pull starts: the last page's X-TAXII-Date-Added-Last.

export type Fetch = (url: string, init: { method: string; headers: Record<string, string> }) => Promise<Response>;

export interface ClientAuth {
  kind: "bearer" | "basic";
  username: string | null;
  secret: string;
}

const EnvelopeShape = z.object({
  more: z.boolean().optional(),
  next: z.string().optional(),
  objects: z.array(z.record(z.string(), z.unknown()).and(z.object({ id: z.string(), type: z.string() }))).optional(),
});

export interface ReceivedPage {
  objects: (Record<string, unknown> & { id: string; type: string })[];
  /** X-TAXII-Date-Added-Last of the page, as the server wrote it (null when it sent none). */
  dateAddedLast: string | null;
}

const failed = (message: string) => new AppError("taxii_pull_failed", "unavailable", message);

function authorization(auth: ClientAuth): string {
  if (auth.kind === "bearer") return `Bearer ${auth.secret}`;
  return `Basic ${Buffer.from(`${auth.username ?? ""}:${auth.secret}`).toString("base64")}`;
}

/**
 * The pages of a collection's objects added after `addedAfter` (all when null), at most `maxPages`.
 * `collectionUrl` ends in `/collections/{id}/`.
 */
export async function* readCollection(
  collectionUrl: string,
  auth: ClientAuth,
  addedAfter: string | null,
  options: { fetch?: Fetch; limit?: number; maxPages?: number } = {},
): AsyncGenerator<ReceivedPage> {
  const doFetch: Fetch = options.fetch ?? ((url, init) => fetch(url, init));
  const limit = options.limit ?? 1000;
  const maxPages = options.maxPages ?? 1000;
  let next: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const url = new URL("objects/", collectionUrl);
    url.searchParams.set("limit", String(limit));
    if (addedAfter) url.searchParams.set("added_after", addedAfter);
    if (next) url.searchParams.set("next", next);
    let res: Response;
    try {
      res = await doFetch(url.toString(), {
        method: "GET",
        headers: { accept: TAXII_MEDIA_TYPE, authorization: authorization(auth) },
      });
    } catch (err) {
      throw failed(`No answer from ${url.host}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const text = await res.text();
    if (res.status !== 200) throw failed(`${url.host} answered ${res.status}: ${text.slice(0, 300)}`);
    const type = res.headers.get("content-type") ?? "";
    if (!type.toLowerCase().startsWith("application/taxii+json"))
      throw failed(`${url.host} answered ${type}, not TAXII`);
    let parsed: z.infer<typeof EnvelopeShape>;
    try {
      parsed = EnvelopeShape.parse(JSON.parse(text));
    } catch {
      throw failed(`${url.host} sent something other than a TAXII envelope`);
    }
    yield { objects: parsed.objects ?? [], dateAddedLast: res.headers.get("x-taxii-date-added-last") };
    if (!parsed.more || !parsed.next) return;
    next = parsed.next;
  }
}
