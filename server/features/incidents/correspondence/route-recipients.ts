import type { ConsentWarning } from "../../../../contract/correspondence.js";
import { invalid } from "../../../platform/errors.js";
import type { LinkedReportRow } from "./reporter-store.js";

/** Where an outgoing message goes: a linked report's reporter thread, or a third party's. */
export type Destination =
  | { kind: "reporter"; report: LinkedReportRow; to: string[]; cc: string[] }
  | { kind: "third-party"; to: string[]; cc: string[] };

const lower = (addresses: readonly string[]) => [...new Set(addresses.map((a) => a.trim().toLowerCase()))];

/**
 * Decides the thread: the reporter's when `report` names a linked report or the only recipient is a
 * linked report's reporter; a third party's otherwise. Writing to the reporter and to others in one
 * message is refused: the reporter's thread is shown on their follow-up page, a third party's is not.
 */
export function routeRecipients(
  linked: readonly LinkedReportRow[],
  input: { to: readonly string[]; cc: readonly string[]; report?: string | undefined },
): Destination {
  const to = lower(input.to);
  const cc = lower(input.cc).filter((a) => !to.includes(a));
  const reporterOf = (address: string) => linked.find((r) => r.reporter_email?.toLowerCase() === address);
  if (input.report !== undefined) {
    const wanted = input.report.toUpperCase();
    const report = linked.find((r) => r.reference === wanted);
    if (!report) {
      throw invalid("report_not_linked", `${input.report} is not linked to this incident`, [
        { path: "body.report", message: "not a report linked to this incident", code: "unknown_value" },
      ]);
    }
    const reporter = report.reporter_email?.toLowerCase() ?? null;
    const others = to.filter((a) => a !== reporter);
    if (others.length > 0) throw mixed(others);
    return { kind: "reporter", report, to: reporter ? [reporter] : [], cc };
  }
  if (to.length === 0) {
    throw invalid("recipients_required", "Name at least one recipient", [
      { path: "body.to", message: "at least one address, or a linked report in body.report", code: "required" },
    ]);
  }
  const reporters = to.map(reporterOf);
  const first = reporters[0];
  if (first && to.length === 1) return { kind: "reporter", report: first, to, cc };
  if (reporters.some((r) => r !== undefined)) {
    throw mixed(to.filter((_, i) => reporters[i] !== undefined));
  }
  return { kind: "third-party", to, cc };
}

function mixed(addresses: string[]) {
  return invalid(
    "mixed_recipients",
    "Write to the reporter and to third parties in separate messages",
    addresses.map((a) => ({
      path: "body.to",
      message: `${a} belongs in a separate message`,
      code: "separate_message" as const,
    })),
  );
}

/**
 * A third-party message on an incident whose reports said information may not be shared: warn, do not
 * block. Every linked report's consent binds (`consents`), but only the reports the writer may see
 * (`linked`) are named: a hidden one restricts without being revealed, as on the incident's page.
 */
export function consentWarning(
  linked: readonly LinkedReportRow[],
  consents: readonly { sharing_information: LinkedReportRow["sharing_information"] }[],
): ConsentWarning | null {
  if (!consents.some((c) => c.sharing_information === "none")) return null;
  const named = linked.filter((r) => r.sharing_information === "none").map((r) => r.reference);
  return { code: "sharing_information_none", reports: named };
}
