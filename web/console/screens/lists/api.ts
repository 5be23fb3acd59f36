import { useQuery } from "@tanstack/react-query";
import type { CampaignList, MailingListList, SubscriberList } from "../../../../contract/mailing-lists.js";
import { ADMIN_ROLES, holdsRole } from "../../../../contract/roles.js";
import { api, query } from "../../../lib/api/client.js";
import type { Me } from "../../../lib/api/types.js";

/** Query keys of the lists screen; everything under "lists" is refreshed after a change. */
export const listKeys = {
  all: ["lists"] as const,
  lists: ["lists", "lists"] as const,
  subscribers: (list: string, q: string, cursor: string | undefined) =>
    ["lists", "subscribers", list, q, cursor] as const,
  campaigns: (list: string) => ["lists", "campaigns", list] as const,
};

/** Admins pause and resume a campaign. */
export const mayPauseCampaigns = (me: Me) => holdsRole(me.roles, ADMIN_ROLES);

export const useMailingLists = () =>
  useQuery({ queryKey: listKeys.lists, queryFn: () => api<MailingListList>("GET", "/lists") });

export const useSubscribers = (list: string, q: string, cursor: string | undefined) =>
  useQuery({
    queryKey: listKeys.subscribers(list, q, cursor),
    queryFn: () =>
      api<SubscriberList>(
        "GET",
        `/lists/${encodeURIComponent(list)}/subscribers${query({ q: q || undefined, cursor })}`,
      ),
    enabled: list !== "",
  });

/** Campaigns with their progress, asked again every 5 s while one is sending. */
export const useCampaigns = (list: string) =>
  useQuery({
    queryKey: listKeys.campaigns(list),
    queryFn: () => api<CampaignList>("GET", `/lists/campaigns${query({ list: list || undefined, limit: 20 })}`),
    refetchInterval: (q) => (q.state.data?.items.some((c) => c.status === "sending" || c.remaining > 0) ? 5000 : false),
  });
