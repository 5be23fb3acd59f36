import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  Advisory,
  AdvisoryCreate,
  AdvisoryKind,
  AdvisoryPreview,
  AdvisoryStatus,
  AdvisoryTemplate,
  AdvisoryTextInput,
  CsafCheck,
} from "../../../../contract/advisories.js";
import { ADVISORY_PUBLISHER_ROLES, holdsRole } from "../../../../contract/roles.js";
import { api, query } from "../../../lib/api/client.js";
import type { Me } from "../../../lib/api/types.js";

// The advisory screens' reads and writes (/api/v1/advisories…). Everything under "advisories" is
// refreshed after a step, so the list, the page and its checks never show a stale status.

export interface AdvisorySummary {
  id: string;
  trackingId: string;
  kind: AdvisoryKind;
  status: AdvisoryStatus;
  tlp: Advisory["tlp"];
  version: number;
  revision: number;
  translationLags: boolean;
  publishAt: string | null;
  currentReleaseAt: string | null;
  title: string;
  updatedAt: string;
}

export const advisoryKeys = {
  all: ["advisories"] as const,
  list: ["advisories", "list"] as const,
  one: (id: string) => ["advisories", "one", id] as const,
  csaf: (id: string, version: number) => ["advisories", "csaf", id, version] as const,
  preview: (id: string, lang: string, version: number) => ["advisories", "preview", id, lang, version] as const,
};

export const ADVISORIES_PATH = "/console/advisories";
export const advisoryHref = (id: string) => `${ADVISORIES_PATH}/${encodeURIComponent(id)}`;

/** Publishers approve and publish (never what they wrote: the server says so, the page explains it). */
export const mayPublish = (me: Me) => holdsRole(me.roles, ADVISORY_PUBLISHER_ROLES);

/** Why `me` may not approve this version, or null when they may. */
export function approvalBar(me: Me, a: Advisory): "notPublisher" | "ownWork" | null {
  if (!mayPublish(me)) return "notPublisher";
  return a.mayNotApprove.includes(me.id) ? "ownWork" : null;
}

export const useAdvisoryList = () =>
  useQuery({
    queryKey: advisoryKeys.list,
    queryFn: () => api<{ items: AdvisorySummary[] }>("GET", "/advisories"),
  });

export const useAdvisory = (id: string) =>
  useQuery({ queryKey: advisoryKeys.one(id), queryFn: () => api<Advisory>("GET", `/advisories/${id}`) });

export const fetchTemplate = (kind: AdvisoryKind, language: "sv" | "en") =>
  api<AdvisoryTemplate>("GET", `/advisories/templates${query({ kind, language })}`);

export const useCsafCheck = (id: string, version: number, enabled: boolean) =>
  useQuery({
    queryKey: advisoryKeys.csaf(id, version),
    queryFn: () => api<CsafCheck>("GET", `/advisories/${id}/csaf`),
    enabled,
  });

export const usePreview = (id: string, lang: "sv" | "en", version: number, enabled: boolean) =>
  useQuery({
    queryKey: advisoryKeys.preview(id, lang, version),
    queryFn: () => api<AdvisoryPreview>("GET", `/advisories/${id}/preview${query({ lang })}`),
    enabled,
  });

export const useCreateAdvisory = () =>
  useMutation({
    mutationFn: (body: AdvisoryCreate) => api<{ id: string; trackingId: string }>("POST", "/advisories", body),
  });

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: advisoryKeys.all });
}

/** One workflow step (submit, approve, publish, revisions, comments): a POST under the advisory. */
function useStep(id: string, name: string) {
  const onSuccess = useRefresh();
  return useMutation({ mutationFn: (body: object = {}) => api("POST", `/advisories/${id}/${name}`, body), onSuccess });
}

/** Each write of the advisory page; every success refreshes all advisory queries. */
export function useAdvisoryChange(id: string) {
  const onSuccess = useRefresh();
  return {
    save: useMutation({
      mutationFn: (v: { lang: "sv" | "en"; body: AdvisoryTextInput }) =>
        api<{ version: number; translationLags: boolean }>("PUT", `/advisories/${id}/translations/${v.lang}`, v.body),
      onSuccess,
    }),
    submit: useStep(id, "submit"),
    approve: useStep(id, "approve"),
    publish: useStep(id, "publish"),
    revision: useStep(id, "revisions"),
    comment: useStep(id, "comments"),
  };
}
