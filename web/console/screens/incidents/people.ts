import { useQuery } from "@tanstack/react-query";
import type { CaseStaff, UserRef } from "../../../../contract/incidents.js";
import { api } from "../../../lib/api/client.js";

type Person = CaseStaff["items"][number];

/** Active staff who read incidents (GET /incidents/people): anyone of them may be a member. */
export function useCaseStaff() {
  return useQuery({
    queryKey: ["incidents", "people"],
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<Person[]> => (await api<CaseStaff>("GET", "/incidents/people")).items,
  });
}

/** The people who work cases (analyst, duty, admin; not disabled), for the assignee picker. */
export function useCaseWorkers() {
  const staff = useCaseStaff();
  const data: UserRef[] | undefined = staff.data
    ?.filter((p) => p.worksCases)
    .map((p) => ({ id: p.id, name: p.name, email: p.email }));
  return { ...staff, data };
}
