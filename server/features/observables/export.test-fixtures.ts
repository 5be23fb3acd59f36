import type { CaseObservable, ObservableType } from "../../../contract/observables.js";

// Shared by the export tests: a case's value as the observables list presents it.

let nextId = 1;

/** A value of a case, seen in its report on 1–3 February 2025 unless `over` says otherwise. */
export function observable(type: ObservableType, value: string, over: Partial<CaseObservable> = {}): CaseObservable {
  return {
    id: String(nextId++),
    type,
    value,
    tag: null,
    tags: [],
    doNotCorrelate: false,
    warningLists: [],
    origins: ["report"],
    firstSeen: "2025-02-01T10:00:00.000Z",
    lastSeen: "2025-02-03T10:00:00.000Z",
    ...over,
  };
}
