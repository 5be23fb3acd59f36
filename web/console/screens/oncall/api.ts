import { useQuery } from "@tanstack/react-query";
import type {
  EscalationList,
  EscalationPolicy,
  HandoverList,
  HandoverPrefill,
  OnDutyNow,
  Shift,
} from "../../../../contract/oncall.js";
import { ADMIN_ROLES, ONCALL_DUTY_ROLES, holdsRole } from "../../../../contract/roles.js";
import { api, query } from "../../../lib/api/client.js";
import type { Me } from "../../../lib/api/types.js";
import { stockholmLocalToIso } from "../../../lib/time.js";

/** Query keys of the duty screens; everything under "oncall" is refreshed after a change. */
export const oncallKeys = {
  all: ["oncall"] as const,
  week: (from: string) => ["oncall", "week", from] as const,
  now: ["oncall", "now"] as const,
  officers: ["oncall", "officers"] as const,
  swaps: ["oncall", "swaps"] as const,
  policies: ["oncall", "policies"] as const,
  escalations: ["oncall", "escalations"] as const,
  handovers: ["oncall", "handovers"] as const,
  prefill: ["oncall", "prefill"] as const,
};

export const isAdmin = (me: Me) => holdsRole(me.roles, ADMIN_ROLES);
export const isDuty = (me: Me) => holdsRole(me.roles, ONCALL_DUTY_ROLES);

export interface SwapRow {
  id: string;
  shiftId: string;
  from: { id: string; name: string };
  to: { id: string; name: string };
  status: string;
  startsAt: string;
  endsAt: string;
  role: string;
}

export const useWeek = (from: Date, to: Date) =>
  useQuery({
    queryKey: oncallKeys.week(from.toISOString()),
    queryFn: () =>
      api<{ items: Shift[] }>("GET", `/oncall/shifts${query({ from: from.toISOString(), to: to.toISOString() })}`),
  });
export const useOnDuty = () =>
  useQuery({ queryKey: oncallKeys.now, queryFn: () => api<OnDutyNow>("GET", "/oncall/now") });
export const useOfficers = () =>
  useQuery({
    queryKey: oncallKeys.officers,
    queryFn: () => api<{ items: { id: string; name: string; phone: string | null }[] }>("GET", "/oncall/officers"),
  });
export const useSwaps = (enabled: boolean) =>
  useQuery({ queryKey: oncallKeys.swaps, queryFn: () => api<{ items: SwapRow[] }>("GET", "/oncall/swaps"), enabled });
export const usePolicies = () =>
  useQuery({
    queryKey: oncallKeys.policies,
    queryFn: () => api<{ items: EscalationPolicy[] }>("GET", "/oncall/escalation"),
  });
export const useEscalations = () =>
  useQuery({ queryKey: oncallKeys.escalations, queryFn: () => api<EscalationList>("GET", "/oncall/escalations") });
export const useHandovers = () =>
  useQuery({ queryKey: oncallKeys.handovers, queryFn: () => api<HandoverList>("GET", "/oncall/handovers") });
export const usePrefill = () =>
  useQuery({ queryKey: oncallKeys.prefill, queryFn: () => api<HandoverPrefill>("GET", "/oncall/handover/prefill") });

/** Today's date in Stockholm ("2026-12-03"): the rota's weeks are Swedish weeks, whatever the browser's zone. */
function stockholmToday(now: Date): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** Monday 00:00 Stockholm time of the week `offset` weeks from this one (DST handled by the offset lookup). */
export function weekStart(offset: number, now = new Date()): Date {
  const [y, m, d] = stockholmToday(now).split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7) + offset * 7);
  return new Date(stockholmLocalToIso(`${day.toISOString().slice(0, 10)}T00:00`) ?? day.toISOString());
}

/** The date part of an instant, in Stockholm, in the console's language ("2026-11-30" / "30/11/2026"). */
export function formatDate(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === "sv" ? "sv-SE" : "en-GB", {
    timeZone: "Europe/Stockholm",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(iso));
}
