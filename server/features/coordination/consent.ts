import type { MaterialKind, ParticipantRole } from "../../../contract/coordination.js";
import type { TlpLabel } from "../../../contract/intake.js";
import type { ReportConsent } from "../../platform/db/tables/coordination.js";
import { strictestTlp } from "../../platform/tlp.js";
import { type MaterialConsent, type WithheldReason, consentQuestionsFor, decideSharing } from "../sharing/index.js";

// The seam between coordination and the one sharing decision (features/sharing): a post's report
// material is described in the decision's terms and the decision is asked about each recipient. No
// consent rule is written here.

/** The participant receiving material, and whether the post names it (RED and AMBER+STRICT need that). */
export interface MaterialAudience {
  caseId: string;
  organisationId: string;
  role: ParticipantRole;
  named: boolean;
}

export interface ReportMaterial {
  kind: MaterialKind;
  reportTlp: TlpLabel;
  /** The post's TLP: the envelope the material travels in, and so the ceiling of what it may carry. */
  postTlp: TlpLabel;
  consent: ReportConsent;
}

export type MaterialVerdict = { allowed: true } | { allowed: false; reason: WithheldReason };

const DECISION_KIND = { text: "note", observables: "observable", files: "file" } as const;

/** Whether this report material may reach this participant, by the sharing decision. */
export function materialMayReach(material: ReportMaterial, audience: MaterialAudience): MaterialVerdict {
  const kind = DECISION_KIND[material.kind];
  // A question the reporter left unanswered gave no consent.
  const consent: Partial<Record<"information" | "data" | "logs", MaterialConsent>> = {};
  for (const q of consentQuestionsFor(kind)) consent[q] = material.consent[q] ?? "none";
  const decision = decideSharing(
    {
      kind,
      tlp: strictestTlp([material.reportTlp, material.postTlp]) ?? material.postTlp,
      // PAP binds what recipients do with it; it withholds only from the public, never from participants.
      pap: "PAP:AMBER",
      consent,
      namedRecipients: audience.named ? [audience.organisationId] : [],
      affectedOrganisations: [],
    },
    {
      kind: "coordination-participant",
      caseId: audience.caseId,
      organisationId: audience.organisationId,
      affected: audience.role === "affected",
      maxTlp: material.postTlp,
    },
  );
  return decision.allowed ? { allowed: true } : { allowed: false, reason: decision.reason };
}
