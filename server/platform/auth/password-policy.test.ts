import { describe, expect, it } from "vitest";
import { passwordWeakness } from "./password-policy.js";

const who = { email: "karin.berg@cert.example", name: "Karin Berg" };

describe("password policy", () => {
  it.each([
    ["short", "too_short"],
    ["elevenchars", "too_short"],
    ["password1234", "too_common"],
    ["Summer2024!!", "too_common"],
    ["1qaz2wsx3edc", "too_common"],
    ["karin.berg@cert.example", "like_identity"],
    ["karin.berg2026", "like_identity"],
    ["Karin Berg", "too_short"],
    ["karinberg!!!!", "like_identity"],
    ["aaaaaaaaaaaaaaaa", "too_repetitive"],
    ["abcabcabcabc", "too_repetitive"],
  ])("refuses %s (%s)", (password, reason) => {
    expect(passwordWeakness(password, who)).toBe(reason);
  });

  it.each(["correct horse battery staple", "Fyr-ops 9!tX2kq", "vinter i Kiruna är kall"])("accepts %s", (password) => {
    expect(passwordWeakness(password, who)).toBeNull();
  });
});
