import { useQuery } from "@tanstack/react-query";
import type {
  FeedEventPage,
  FeedFetchResult,
  FeedRun,
  FeedRunList,
  FeedSource,
  FeedSourceInput,
  FeedSourceList,
} from "../../../../contract/feeds.js";
import { FEED_UPLOADER_ROLES, holdsRole } from "../../../../contract/roles.js";
import { api, query, toApiError } from "../../../lib/api/client.js";
import type { Me } from "../../../lib/api/types.js";

/** Query keys of the feeds screen; everything under "feeds" is refreshed after an upload ends. */
export const feedKeys = {
  all: ["feeds"] as const,
  sources: ["feeds", "sources"] as const,
  runs: ["feeds", "runs"] as const,
  run: (id: string) => ["feeds", "run", id] as const,
  events: (filter: object, cursor: string | undefined) => ["feeds", "events", filter, cursor] as const,
};

export interface EventFilter {
  organisation: string;
  from: string;
  to: string;
  type: string;
  ip: string;
  /** A source's id (the feed), or "" for every feed. */
  source: string;
  /** Only the events no owner matched: where the registry has gaps. */
  unmatched: boolean;
}

/** Duty and analysts (and admins) upload feed files. */
export const mayUploadFeeds = (me: Me) => holdsRole(me.roles, FEED_UPLOADER_ROLES);

export const useFeedSources = () =>
  useQuery({ queryKey: feedKeys.sources, queryFn: () => api<FeedSourceList>("GET", "/feeds/sources") });

export const useFeedRuns = () =>
  useQuery({ queryKey: feedKeys.runs, queryFn: () => api<FeedRunList>("GET", "/feeds/runs?limit=20") });

/** A run, asked again every second while the queue has it. */
export const useFeedRun = (id: string | null) =>
  useQuery({
    queryKey: feedKeys.run(id ?? ""),
    queryFn: () => api<FeedRun>("GET", `/feeds/runs/${id}`),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data?.status === "done" || q.state.data?.status === "failed" ? false : 1000),
  });

export const useFeedEvents = (filter: Partial<EventFilter> & { limit?: number }, cursor: string | undefined) =>
  useQuery({
    queryKey: feedKeys.events(filter, cursor),
    queryFn: () =>
      api<FeedEventPage>(
        "GET",
        `/events${query({
          organisation: filter.organisation || undefined,
          from: filter.from || undefined,
          to: filter.to || undefined,
          type: filter.type || undefined,
          ip: filter.ip || undefined,
          source: filter.source || undefined,
          unmatched: filter.unmatched ? "true" : undefined,
          cursor,
          limit: filter.limit ?? 50,
        })}`,
      ),
  });

/** Staff's decision on a run held as a surge: tell its owners (release), or not (discard). */
export const decideHeldRun = (id: string, verb: "release" | "discard") =>
  api<FeedRun>("POST", `/feeds/runs/${id}/${verb}`);

/** Makes (id null) or changes a source (admins). */
export const saveFeedSource = (id: string | null, input: FeedSourceInput) =>
  id === null
    ? api<FeedSource>("POST", "/feeds/sources", input)
    : api<FeedSource>("PUT", `/feeds/sources/${id}`, input);

/** The source's fetch, now (admins); a failed fetch answers its error. */
export const fetchFeedSourceNow = (id: string) => api<FeedFetchResult>("POST", `/feeds/sources/${id}/fetch`);

/** Posts a feed file as multipart (streamed by the server into the blob store); answers the run's id. */
export async function uploadFeedFile(
  fields: { format: string; reportType: string; source: string; mapping: string },
  file: File,
  csrfToken: string | null,
): Promise<string> {
  const form = new FormData();
  form.append("format", fields.format);
  if (fields.reportType.trim() !== "") form.append("reportType", fields.reportType.trim());
  if (fields.source.trim() !== "") form.append("source", fields.source.trim());
  if ((fields.format === "csv" || fields.format === "json") && fields.mapping.trim() !== "")
    form.append("mapping", fields.mapping.trim());
  // After the fields: the server reads them before it stores the file.
  form.append("file", file, file.name);
  const headers: Record<string, string> = { accept: "application/json" };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  const res = await fetch("/api/v1/feeds/runs", { method: "POST", headers, credentials: "same-origin", body: form });
  if (!res.ok) throw await toApiError(res);
  return ((await res.json()) as { id: string }).id;
}
