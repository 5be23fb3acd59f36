import { describe, expect, it } from "vitest";
import { addOneMonth, isOverdue, nextNis2Deadline, nis2Deadlines } from "./nis2-deadlines.js";

const at = (iso: string) => new Date(iso);
const aware = at("2026-11-20T06:45:00Z");
const byKind = (list: ReturnType<typeof nis2Deadlines>) =>
  Object.fromEntries(
    list.map((d) => [d.kind, { due: d.dueAt?.toISOString() ?? null, met: d.metAt?.toISOString() ?? null }]),
  );

describe("NIS2 deadlines", () => {
  it("gives 24 h for the early warning and 72 h for the notification after awareness", () => {
    const list = byKind(nis2Deadlines([], aware, { trustServiceProvider: false }));
    expect(list["early-warning"]).toEqual({ due: "2026-11-21T06:45:00.000Z", met: null });
    expect(list.notification).toEqual({ due: "2026-11-23T06:45:00.000Z", met: null });
    // No early warning yet: the CERT's clock has not started, the final report has no base.
    expect(list["cert-initial-feedback"]).toEqual({ due: null, met: null });
    expect(list.final).toEqual({ due: null, met: null });
  });

  it("gives trust service providers 24 h for the notification", () => {
    const list = byKind(nis2Deadlines([], aware, { trustServiceProvider: true }));
    expect(list.notification?.due).toBe("2026-11-21T06:45:00.000Z");
  });

  it("starts the CERT's 24 h for initial feedback at the early warning and marks it met by the feedback", () => {
    const stages = [{ stage: "early-warning" as const, submittedAt: at("2026-11-20T09:00:00Z") }];
    const open = byKind(nis2Deadlines(stages, aware, { trustServiceProvider: false }));
    expect(open["early-warning"]?.met).toBe("2026-11-20T09:00:00.000Z");
    expect(open["cert-initial-feedback"]).toEqual({ due: "2026-11-21T09:00:00.000Z", met: null });
    const answered = byKind(
      nis2Deadlines(stages, aware, { trustServiceProvider: false, certFeedbackAt: at("2026-11-20T09:10:00Z") }),
    );
    expect(answered["cert-initial-feedback"]?.met).toBe("2026-11-20T09:10:00.000Z");
  });

  it("wants the final report one calendar month after the notification", () => {
    const stages = [
      { stage: "early-warning" as const, submittedAt: at("2026-11-20T09:00:00Z") },
      { stage: "notification" as const, submittedAt: at("2026-11-22T15:30:00Z"), ongoing: "no" as const },
    ];
    const list = byKind(nis2Deadlines(stages, aware, { trustServiceProvider: false }));
    expect(list.notification).toEqual({ due: "2026-11-23T06:45:00.000Z", met: "2026-11-22T15:30:00.000Z" });
    expect(list.final).toEqual({ due: "2026-12-22T15:30:00.000Z", met: null });
    expect(list.progress).toBeUndefined();
  });

  it("asks for a progress report then if the incident is still ongoing, and the final one a month after it is handled", () => {
    const stages = [
      { stage: "early-warning" as const, submittedAt: at("2026-11-20T09:00:00Z"), ongoing: "yes" as const },
      { stage: "notification" as const, submittedAt: at("2026-11-22T15:30:00Z"), ongoing: "yes" as const },
    ];
    const ongoing = nis2Deadlines(stages, aware, { trustServiceProvider: false });
    expect(byKind(ongoing).progress).toEqual({ due: "2026-12-22T15:30:00.000Z", met: null });
    expect(byKind(ongoing).final).toEqual({ due: null, met: null });
    expect(nextNis2Deadline(ongoing)?.kind).toBe("progress");

    const handled = nis2Deadlines(
      [
        ...stages,
        { stage: "progress" as const, submittedAt: at("2026-12-20T10:00:00Z"), ongoing: "yes" as const },
        { stage: "intermediate" as const, submittedAt: at("2027-01-10T08:00:00Z"), ongoing: "no" as const },
      ],
      aware,
      { trustServiceProvider: false },
    );
    expect(byKind(handled).progress?.met).toBe("2026-12-20T10:00:00.000Z");
    expect(byKind(handled).final).toEqual({ due: "2027-02-10T08:00:00.000Z", met: null });
    expect(nextNis2Deadline(handled)?.kind).toBe("final");
  });

  it("takes the report's own 'still ongoing' answer until a stage says otherwise", () => {
    const stages = [{ stage: "notification" as const, submittedAt: at("2026-11-21T12:00:00Z") }];
    const list = byKind(nis2Deadlines(stages, aware, { trustServiceProvider: false, ongoing: "yes" }));
    expect(list.progress?.due).toBe("2026-12-21T12:00:00.000Z");
    // A notification sent first also counts as the early warning.
    expect(list["early-warning"]?.met).toBe("2026-11-21T12:00:00.000Z");
  });

  it("names the next report due and what is overdue", () => {
    const list = nis2Deadlines([], aware, { trustServiceProvider: false });
    const next = nextNis2Deadline(list);
    expect(next?.kind).toBe("early-warning");
    if (!next) return;
    expect(isOverdue(next, at("2026-11-21T06:44:59Z"))).toBe(false);
    expect(isOverdue(next, at("2026-11-21T06:45:01Z"))).toBe(true);
    const late = { ...next, metAt: at("2026-11-21T07:00:00Z") };
    expect(isOverdue(late, at("2026-11-19T00:00:00Z"))).toBe(true);
    const allMet = [{ ...next, metAt: at("2026-11-20T07:00:00Z") }];
    expect(nextNis2Deadline(allMet)).toBeNull();
  });

  it("adds a calendar month, keeping to the end of shorter months and across years", () => {
    expect(addOneMonth(at("2027-01-31T10:00:00Z")).toISOString()).toBe("2027-02-28T10:00:00.000Z");
    expect(addOneMonth(at("2028-01-31T10:00:00Z")).toISOString()).toBe("2028-02-29T10:00:00.000Z");
    expect(addOneMonth(at("2026-12-15T23:30:00Z")).toISOString()).toBe("2027-01-15T23:30:00.000Z");
    expect(addOneMonth(at("2026-03-31T00:00:00Z")).toISOString()).toBe("2026-04-30T00:00:00.000Z");
  });
});
