import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ADMIN_ROLES, CASE_WORKER_ROLES, REPORT_ACKNOWLEDGER_ROLES, holdsRole } from "../../contract/roles.js";
import { ApiError, api, setCsrfToken } from "../lib/api/client.js";
import type { Me } from "../lib/api/types.js";
import { applyLanguage } from "../lib/i18n/index.js";
import { navigate } from "../lib/router.js";

export const ME_KEY = ["me"] as const;

/** The signed-in person, `null` when signed out; keeps the CSRF token and language in step with it. */
export function useMe() {
  const { i18n } = useTranslation();
  const query = useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<Me | null> => {
      try {
        return await api<Me>("GET", "/auth/me");
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
  const me = query.data;
  useEffect(() => {
    setCsrfToken(me?.csrfToken ?? null);
    if (me) void applyLanguage(i18n, me.language);
  }, [me, i18n]);
  return query;
}

/** Signs out: ends the server session, forgets every cached answer and shows sign-in. */
export function useSignOut(): () => Promise<void> {
  const client = useQueryClient();
  return async () => {
    try {
      await api("POST", "/auth/logout");
    } catch {
      // Already gone on the server: sign out locally all the same.
    }
    setCsrfToken(null);
    // Drop everything cached for this person, but keep the "me" query itself (now null) so the
    // observers already on it see the change.
    client.setQueryData(ME_KEY, null);
    client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    navigate("/console");
  };
}

/** True when the person holds the admin role. */
export function isAdmin(me: Me): boolean {
  return holdsRole(me.roles, ADMIN_ROLES);
}

/** True when the person may act on reports and incidents (reject, write, register by phone, open). */
export function mayHandleReports(me: Me): boolean {
  return holdsRole(me.roles, CASE_WORKER_ROLES);
}

/** True when the person may acknowledge a new report (duty and admins; contract/roles.ts says why). */
export function mayAcknowledgeReports(me: Me): boolean {
  return holdsRole(me.roles, REPORT_ACKNOWLEDGER_ROLES);
}
