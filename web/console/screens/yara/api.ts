import { useQuery } from "@tanstack/react-query";
import { YARA_RULE_WRITER_ROLES, holdsRole } from "../../../../contract/roles.js";
import type {
  CaseYara,
  YaraMatchPage,
  YaraRule,
  YaraRuleList,
  YaraRuleVersionList,
  YaraScanStatus,
} from "../../../../contract/yara.js";
import { api } from "../../../lib/api/client.js";
import type { Me } from "../../../lib/api/types.js";
import { type CaseRef, casePath } from "../observables/api.js";

/** Query keys of the YARA screens; everything under "yara" is refreshed after a change. */
export const yaraKeys = {
  all: ["yara"] as const,
  rules: ["yara", "rules"] as const,
  rule: (id: string) => ["yara", "rule", id] as const,
  versions: (id: string) => ["yara", "rule", id, "versions"] as const,
  matches: (id: string) => ["yara", "rule", id, "matches"] as const,
  status: ["yara", "status"] as const,
  ofCase: (c: CaseRef) => ["yara", "case", c.kind, c.reference] as const,
};

/** The console page of a rule. */
export const ruleHref = (id: string) => `/console/yara/${encodeURIComponent(id)}`;

/** Whether the person writes rules and starts a scan of everything (analysts, admins). */
export function mayWriteYaraRules(me: Me): boolean {
  return holdsRole(me.roles, YARA_RULE_WRITER_ROLES);
}

export function useYaraRules() {
  return useQuery({ queryKey: yaraKeys.rules, queryFn: () => api<YaraRuleList>("GET", "/yara/rules?limit=500") });
}

export function useYaraRule(id: string) {
  return useQuery({ queryKey: yaraKeys.rule(id), queryFn: () => api<YaraRule>("GET", `/yara/rules/${id}`) });
}

export function useRuleVersions(id: string) {
  return useQuery({
    queryKey: yaraKeys.versions(id),
    queryFn: () => api<YaraRuleVersionList>("GET", `/yara/rules/${id}/versions`),
  });
}

export function useRuleMatches(id: string) {
  return useQuery({
    queryKey: yaraKeys.matches(id),
    queryFn: () => api<YaraMatchPage>("GET", `/yara/rules/${id}/matches?limit=200`),
  });
}

/** Where scanning stands; asked every 2 s while a scan of everything runs, else every 30 s. */
export function useScanStatus() {
  return useQuery({
    queryKey: yaraKeys.status,
    queryFn: () => api<YaraScanStatus>("GET", "/yara/status"),
    refetchInterval: (q) => (q.state.data?.sweep && !q.state.data.sweep.finishedAt ? 2000 : 30_000),
  });
}

/**
 * Each file of a case with its scan and matches; asked again every 3 s while a file waits for its
 * first scan, for two minutes at most (with no rule enabled, files wait until one is).
 */
export function useCaseYara(c: CaseRef) {
  return useQuery({
    queryKey: yaraKeys.ofCase(c),
    queryFn: () => api<CaseYara>("GET", `${casePath(c)}/yara`),
    refetchInterval: (q) =>
      q.state.data?.files.some((f) => f.outcome === null) && q.state.dataUpdateCount < 40 ? 3000 : false,
  });
}
