import { useQuery } from "@tanstack/react-query";
import type { CaseFile, CaseFileList, FileDetail } from "../../../../contract/evidence.js";
import { api } from "../../../lib/api/client.js";
import { type CaseRef, casePath } from "../observables/api.js";

// A case is addressed as the observable screens address it.
export { type CaseRef, caseHref } from "../observables/api.js";
/** The console page of a file. */
export const fileHref = (id: string) => `/console/files/${encodeURIComponent(id)}`;

/** Where a file's bytes come from: raw (refused for a sample), or inside the encrypted ZIP. */
export const contentUrl = (id: string) => `/api/v1/files/${encodeURIComponent(id)}/content`;
export const zipUrl = (id: string) => `/api/v1/files/${encodeURIComponent(id)}/sample.zip`;
export const recordUrl = (id: string, language: "sv" | "en") =>
  `/api/v1/files/${encodeURIComponent(id)}/custody-record?language=${language}`;

/** A file's one download link: a sample only ever as the encrypted ZIP. */
export const downloadUrl = (f: Pick<CaseFile, "id" | "sample">) => (f.sample ? zipUrl(f.id) : contentUrl(f.id));

export const evidenceKeys = {
  all: ["evidence"] as const,
  ofCase: (c: CaseRef) => ["evidence", "case", c.kind, c.reference] as const,
  file: (id: string) => ["evidence", "file", id] as const,
};

/** The case's files; asked again every few seconds while some are still being identified. */
export function useCaseFiles(c: CaseRef) {
  return useQuery({
    queryKey: evidenceKeys.ofCase(c),
    queryFn: () => api<CaseFileList>("GET", `${casePath(c)}/files`),
    refetchInterval: (q) => (q.state.data?.items.some((f) => f.detected === null) ? 2000 : false),
  });
}

/** One file's page. */
export function useFileDetail(id: string) {
  return useQuery({
    queryKey: evidenceKeys.file(id),
    queryFn: () => api<FileDetail>("GET", `/files/${encodeURIComponent(id)}`),
  });
}
