import type { MaterialKind, ParticipantRole } from "../../../contract/coordination.js";
import type { TlpLabel } from "../../../contract/intake.js";
import type { ReportConsent } from "../../platform/db/tables/coordination.js";

// The seam between coordination and the one sharing decision (features/sharing, issue 17's exchange):
// a post's report material is described in the decision's terms and asked about each recipient.
// PLACEHOLDER until features/sharing lands on this branch: the smallest consent rule (see report).

/** The participant receiving material: its organisation, whether it is the affected party, the ceiling. */
export interface MaterialAudience {
  caseId: string;
  organisationId: string;
  role: ParticipantRole;
  maxTlp: TlpLabel;
}

export interface ReportMaterial {
  kind: MaterialKind;
  tlp: TlpLabel;
  consent: ReportConsent;
}

export type MaterialVerdict = { allowed: true } | { allowed: false; reason: string };

const QUESTIONS = { text: ["information"], observables: ["data"], files: ["data", "logs"] } as const;

/** Whether this report material may reach this participant: every consent question it touches agrees. */
export function materialMayReach(material: ReportMaterial, audience: MaterialAudience): MaterialVerdict {
  const affected = audience.role === "affected";
  for (const q of QUESTIONS[material.kind]) {
    const answer = material.consent[q];
    const ok = answer === "third-parties" || (answer === "affected-organisations" && affected);
    if (!ok) return { allowed: false, reason: "no-consent" };
  }
  return { allowed: true };
}
