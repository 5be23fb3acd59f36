import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { UnreadSummary } from "../../../../contract/unread.js";
import type { Me } from "../../../lib/api/types.js";
import { api } from "../../../lib/api/client.js";

export const UNREAD_KEY = ["unread"] as const;
/** How often the console asks what changed: a cheap read, so lists follow within seconds. */
const POLL_MS = 5_000;
/** In a tab nobody looks at, less often (the title and a notification still follow). */
const HIDDEN_POLL_MS = 30_000;
// The queries whose lists the stamp stands for; they reload when it moves.
const LIST_KEYS = [["reports"], ["incidents"], ["dashboard"], ["report"], ["incident"]];

/** Whether this person reads cases at all (only they have anything new). */
export function readsCases(me: Me): boolean {
  return me.roles.some((r) => r === "admin" || r === "duty" || r === "analyst" || r === "observer");
}

/**
 * What is new to the signed-in person (GET /api/v1/unread), polled every few seconds; when its stamp
 * moves, the console's lists and open case pages reload — instead of each waiting for its own minute.
 */
export function useUnread(me: Me): UnreadSummary | undefined {
  const client = useQueryClient();
  const enabled = readsCases(me);
  const summary = useQuery({
    queryKey: UNREAD_KEY,
    queryFn: () => api<UnreadSummary>("GET", "/unread"),
    enabled,
    refetchInterval: () => (document.visibilityState === "hidden" ? HIDDEN_POLL_MS : POLL_MS),
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: "always",
  });
  const stamp = summary.data?.stamp;
  const last = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (stamp === undefined) return;
    if (last.current !== undefined && last.current !== stamp)
      for (const queryKey of LIST_KEYS) void client.invalidateQueries({ queryKey });
    last.current = stamp;
  }, [stamp, client]);
  return summary.data;
}
