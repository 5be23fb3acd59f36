import { describe, expect, it } from "vitest";
import { dueAtFor, isOverdue, slaAfterSeverityChange, slaAfterStatusChange } from "./sla.js";

const hours = { critical: 4, high: 24, medium: 72, low: 168 };
const at = (iso: string) => new Date(iso);

describe("incident SLA clock", () => {
  it("is due the severity's hours after creation", () => {
    expect(dueAtFor("critical", at("2026-11-20T08:00:00Z"), hours)).toEqual(at("2026-11-20T12:00:00Z"));
  });

  it("pauses while stalled and moves the due date on by the paused time", () => {
    const start = { dueAt: at("2026-11-20T12:00:00Z"), pausedAt: null };
    const paused = slaAfterStatusChange(start, "open", "stalled", at("2026-11-20T09:00:00Z"));
    expect(paused).toEqual({ dueAt: start.dueAt, pausedAt: at("2026-11-20T09:00:00Z") });
    const resumed = slaAfterStatusChange(paused, "stalled", "open", at("2026-11-20T11:30:00Z"));
    expect(resumed).toEqual({ dueAt: at("2026-11-20T14:30:00Z"), pausedAt: null });
    // Resolving straight from stalled also ends the pause.
    expect(slaAfterStatusChange(paused, "stalled", "resolved", at("2026-11-20T10:00:00Z")).pausedAt).toBeNull();
  });

  it("moves the due date by the difference when the severity changes, keeping a pause", () => {
    const paused = { dueAt: at("2026-11-20T12:00:00Z"), pausedAt: at("2026-11-20T09:00:00Z") };
    expect(slaAfterSeverityChange(paused, "critical", "high", hours)).toEqual({
      dueAt: at("2026-11-21T08:00:00Z"),
      pausedAt: paused.pausedAt,
    });
  });

  it("is overdue only while new or open", () => {
    const dueAt = at("2026-11-20T12:00:00Z");
    const later = at("2026-11-20T13:00:00Z");
    expect(isOverdue({ status: "open", dueAt }, later)).toBe(true);
    expect(isOverdue({ status: "stalled", dueAt }, later)).toBe(false);
    expect(isOverdue({ status: "resolved", dueAt }, later)).toBe(false);
    expect(isOverdue({ status: "new", dueAt }, at("2026-11-20T11:00:00Z"))).toBe(false);
  });
});
