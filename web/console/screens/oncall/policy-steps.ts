import type { EscalationStep, NotifyWhom, OncallChannel } from "../../../../contract/oncall.js";

// A policy's steps as the policy screen's text box writes them: one step a line, "minutes whom channels",
// e.g. "0 primary email sms" (a named person is set on the escalation screen's editor).

const WHOM: readonly NotifyWhom[] = ["primary", "backup", "all-duty"];
const CHANNELS: readonly OncallChannel[] = ["email", "sms", "webhook"];

export function stepsToText(steps: readonly EscalationStep[]): string {
  return steps.map((s) => `${s.afterMinutes} ${s.notify} ${s.channels.join(" ")}`).join("\n");
}

/** The steps of the text, or the 1-based number of the first line that is not a step. */
export function parseSteps(text: string): { steps: EscalationStep[] } | { badLine: number } {
  const lines = text.split("\n").map((l) => l.trim());
  const steps: EscalationStep[] = [];
  for (const [i, line] of lines.entries()) {
    if (line === "") continue;
    const [minutes, whom, ...channels] = line.split(/[\s,]+/);
    const after = Number(minutes);
    const ok =
      Number.isInteger(after) &&
      after >= 0 &&
      after <= 1440 &&
      WHOM.includes(whom as NotifyWhom) &&
      channels.length > 0 &&
      channels.every((c) => CHANNELS.includes(c as OncallChannel));
    if (!ok) return { badLine: i + 1 };
    steps.push({
      afterMinutes: after,
      notify: whom as NotifyWhom,
      channels: [...new Set(channels)] as OncallChannel[],
    });
  }
  return steps.length === 0 ? { badLine: 1 } : { steps };
}
