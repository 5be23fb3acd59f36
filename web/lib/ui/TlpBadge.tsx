import type { PapLabel } from "../../../contract/incidents.js";
import { type TlpLabel, tlpKey } from "../intake/options.js";

// TLP and PAP labels look alike on purpose: FIRST uses the same colour words for both, shown on black
// as TLP 2.0 asks for legibility. One span, so the portal's form, lists and pages cannot drift apart.

/** A TLP label in its FIRST colours. */
export function TlpBadge({ label }: { label: TlpLabel }) {
  return <span className={`tlp tlp-${tlpKey(label)}`}>{label}</span>;
}

/** A PAP label in the same style as TLP (FIRST's colours for the same words). */
export function PapBadge({ label }: { label: PapLabel }) {
  return <span className={`tlp tlp-${label.replace("PAP:", "").toLowerCase()}`}>{label}</span>;
}
