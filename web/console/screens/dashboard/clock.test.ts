import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { messages } from "../../../lib/i18n/messages.js";
import { clockState, formatDuration, secondsUntil } from "./clock.js";

// A t() that reads the real Swedish and English strings, so the test checks the words a person sees.
function tFor(language: "sv" | "en"): TFunction {
  const duration: Record<string, string> = messages[language].dashboard.duration;
  const t = (key: string, vars: Record<string, string | number> = {}) => {
    const template = duration[key.replace("dashboard.duration.", "")] ?? key;
    return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? ""));
  };
  return t as unknown as TFunction;
}

describe("the acknowledgement clock", () => {
  it("is calm until three quarters of the target, then soon, then overdue", () => {
    expect(clockState(0, 60)).toEqual({ tone: "ok", leftSeconds: 3600, overSeconds: 0 });
    expect(clockState(44 * 60 + 59, 60).tone).toBe("ok");
    expect(clockState(45 * 60, 60)).toEqual({ tone: "soon", leftSeconds: 900, overSeconds: 0 });
    expect(clockState(3600, 60)).toEqual({ tone: "soon", leftSeconds: 0, overSeconds: 0 });
    expect(clockState(3601, 60)).toEqual({ tone: "overdue", leftSeconds: 0, overSeconds: 1 });
    expect(clockState(3 * 3600, 60)).toEqual({ tone: "overdue", leftSeconds: 0, overSeconds: 7200 });
  });

  it("treats a zero target as overdue at once and a negative age as none", () => {
    expect(clockState(1, 0).tone).toBe("overdue");
    expect(clockState(-5, 10)).toEqual({ tone: "ok", leftSeconds: 600, overSeconds: 0 });
  });
});

describe("durations", () => {
  const sv = tFor("sv");
  const en = tFor("en");

  it("show seconds only while they matter", () => {
    expect(formatDuration(sv, 0)).toBe("0 s");
    expect(formatDuration(sv, 42)).toBe("42 s");
    expect(formatDuration(sv, 7 * 60 + 5)).toBe("7 min 05 s");
    expect(formatDuration(sv, 42 * 60 + 59)).toBe("42 min");
  });

  it("show hours with minutes and days with hours", () => {
    expect(formatDuration(sv, 3 * 3600 + 5 * 60)).toBe("3 tim 05 min");
    expect(formatDuration(en, 3 * 3600 + 5 * 60)).toBe("3 h 05 min");
    expect(formatDuration(sv, 2 * 86_400 + 4 * 3600 + 59)).toBe("2 d 4 tim");
    expect(formatDuration(en, 2 * 86_400 + 4 * 3600)).toBe("2 d 4 h");
  });

  it("never go negative and drop fractions", () => {
    expect(formatDuration(en, -30)).toBe("0 s");
    expect(formatDuration(en, 59.9)).toBe("59 s");
  });
});

describe("time until an instant", () => {
  const now = Date.parse("2026-11-20T08:00:00Z");
  it("is positive ahead, negative behind and zero for nonsense", () => {
    expect(secondsUntil("2026-11-20T09:00:00Z", now)).toBe(3600);
    expect(secondsUntil("2026-11-20T07:59:30Z", now)).toBe(-30);
    expect(secondsUntil("not a date", now)).toBe(0);
  });
});
