import type { ReportStatus } from "../../../lib/intake/options.js";

/** The tone each report status is shown in. */
export const STATUS_TONE: Record<ReportStatus, "neutral" | "good" | "bad" | "warn"> = {
  new: "warn",
  acknowledged: "good",
  linked: "neutral",
  rejected: "bad",
};
