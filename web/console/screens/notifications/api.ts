import { useQuery } from "@tanstack/react-query";
import type {
  AdviceList,
  NotificationDetail,
  NotificationPage,
  UnreachableList,
} from "../../../../contract/notifications.js";
import { ADMIN_ROLES, CASE_WORKER_ROLES, holdsRole } from "../../../../contract/roles.js";
import { api, query } from "../../../lib/api/client.js";
import type { Me } from "../../../lib/api/types.js";

/** Query keys of the notifications screen; everything under "notifications" is refreshed after a write. */
export const notificationKeys = {
  all: ["notifications"] as const,
  list: (cursor: string | undefined) => ["notifications", "list", cursor] as const,
  one: (id: string) => ["notifications", "one", id] as const,
  unreachable: ["notifications", "unreachable"] as const,
  advice: ["notifications", "advice"] as const,
};

/** Duty officers and analysts (and admins) resend, send now and clear failing addresses. */
export const mayDeliver = (me: Me) => holdsRole(me.roles, CASE_WORKER_ROLES);
/** Admins run the pass and edit the advice texts. */
export const mayAdminister = (me: Me) => holdsRole(me.roles, ADMIN_ROLES);

export const useNotifications = (cursor: string | undefined) =>
  useQuery({
    queryKey: notificationKeys.list(cursor),
    queryFn: () => api<NotificationPage>("GET", `/notifications${query({ cursor, limit: 50 })}`),
  });

export const useNotification = (id: string | null) =>
  useQuery({
    queryKey: notificationKeys.one(id ?? ""),
    queryFn: () => api<NotificationDetail>("GET", `/notifications/${id}`),
    enabled: id !== null,
  });

export const useUnreachable = () =>
  useQuery({
    queryKey: notificationKeys.unreachable,
    queryFn: () => api<UnreachableList>("GET", "/notifications/unreachable"),
  });

export const useAdvice = () =>
  useQuery({ queryKey: notificationKeys.advice, queryFn: () => api<AdviceList>("GET", "/notifications/advice") });
