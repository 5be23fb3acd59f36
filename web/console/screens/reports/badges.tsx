import { type ReportStatus, type TlpLabel, tlpKey } from "../../../lib/intake/options.js";

/** The tone each report status is shown in. */
export const STATUS_TONE: Record<ReportStatus, "neutral" | "good" | "bad" | "warn"> = {
  new: "warn",
  acknowledged: "good",
  linked: "neutral",
  rejected: "bad",
};

/** A TLP label in its FIRST colours (black background, as TLP 2.0 asks for legibility). */
export function TlpBadge({ label }: { label: TlpLabel }) {
  return <span className={`tlp tlp-${tlpKey(label)}`}>{label}</span>;
}
