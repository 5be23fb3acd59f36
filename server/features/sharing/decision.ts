import type { PapLabel } from "../../../contract/incidents.js";
import type { ConsentLevel, TlpLabel } from "../../../contract/intake.js";
import { tlpRank } from "../../platform/tlp.js";

/**
 * The one sharing decision (issue 17): may this piece of material go to this audience? Every export and
 * share — STIX bundle, TAXII collection, MISP event and feed, coordination posts — asks it, so the rule
 * is written once: TLP (FIRST TLP 2.0) × PAP × the reporters' sharing consent (initial question 8) ×
 * who the audience is. Pure: the service (share-decisions.ts) loads what it needs.
 */

/** What is being shared: an observable value, a file, a note or other text, or the incident as a whole. */
export type MaterialKind = "incident" | "observable" | "file" | "note";

/** The three consent questions of initial question 8. */
export type ConsentQuestion = "information" | "data" | "logs";

/**
 * The reporters' answer that applies to one piece of material: the most restrictive over the reports
 * it came from. "not-applicable" when no report stands behind it (a case the CERT opened itself):
 * nobody to ask. A report that did not answer gave no consent: the service passes "none" for it.
 */
export type MaterialConsent = ConsentLevel | "not-applicable";

export interface Material {
  kind: MaterialKind;
  /** The strictest TLP over the material and what it came from (the incident, its source reports). */
  tlp: TlpLabel;
  pap: PapLabel;
  /** Per consent question the material touches (see consentQuestionsFor), the reporters' answer. */
  consent: Partial<Record<ConsentQuestion, MaterialConsent>>;
  /** Organisations named as recipients of this material (TLP:RED and AMBER+STRICT go only to these). */
  namedRecipients: readonly string[];
  /** Organisations the material's incident affects (the incident's registry organisations). */
  affectedOrganisations: readonly string[];
}

/**
 * Who it would go to. Forums and coordination cases bring their own ceiling (a forum's maximum TLP, a
 * case's TLP): the decision never lets material past it.
 */
export type Audience =
  | { kind: "member-organisation"; organisationId: string }
  | { kind: "partner"; organisationId: string; maxTlp: TlpLabel }
  | { kind: "forum"; forumId: string; maxTlp: TlpLabel }
  | { kind: "coordination-participant"; caseId: string; organisationId: string; affected: boolean; maxTlp: TlpLabel }
  | { kind: "public" };

export type AudienceKind = Audience["kind"];

/** Why material was withheld; exports count these ("3 values withheld: no consent"). */
export type WithheldReason =
  | "tlp-red" // TLP:RED, and the audience is not a named recipient
  | "tlp-amber-strict" // TLP:AMBER+STRICT stays in the recipient's organisation: only named recipients
  | "tlp-above-audience" // stricter than the audience may receive
  | "no-consent" // a reporter did not consent to this audience
  | "pap-public"; // PAP binds recipients the public cannot be bound to

export const WITHHELD_REASONS: readonly WithheldReason[] = [
  "tlp-red",
  "tlp-amber-strict",
  "tlp-above-audience",
  "no-consent",
  "pap-public",
];

export type ShareDecision =
  | {
      allowed: true;
      /**
       * Whether recipients may act on it actively (block, detect: MISP `to_ids`, a STIX indicator):
       * PAP:CLEAR and PAP:GREEN; under PAP:AMBER and PAP:RED it goes as observed data only.
       */
      mayAct: boolean;
    }
  | { allowed: false; reason: WithheldReason };

/** The consent questions a kind of material touches: what it is, not where it is going. */
export function consentQuestionsFor(kind: MaterialKind, fromAttachmentsOnly = false): ConsentQuestion[] {
  switch (kind) {
    case "incident":
    case "note":
      return ["information"];
    case "observable":
      // A value read out of an attached file is log content; one from the report's words is data.
      return fromAttachmentsOnly ? ["logs"] : ["data"];
    case "file":
      return ["data", "logs"];
  }
}

/** Whether the audience receives as the affected organisation itself, or as a third party. */
function isAffected(material: Material, audience: Audience): boolean {
  switch (audience.kind) {
    case "member-organisation":
      return material.affectedOrganisations.includes(audience.organisationId);
    case "coordination-participant":
      return audience.affected || material.affectedOrganisations.includes(audience.organisationId);
    case "partner":
    case "forum":
    case "public":
      return false;
  }
}

function audienceOrganisation(audience: Audience): string | null {
  switch (audience.kind) {
    case "member-organisation":
    case "partner":
    case "coordination-participant":
      return audience.organisationId;
    case "forum":
    case "public":
      return null;
  }
}

/**
 * The strictest TLP the audience may receive when not named. TLP:GREEN is for the community (every
 * member organisation, partner, forum); TLP:AMBER for need-to-know: the affected organisation, a
 * coordination case's participants, and partners or forums whose agreement says so (their maxTlp).
 * TLP:CLEAR alone may be published. AMBER+STRICT and RED never go to anyone not named.
 */
function audienceCeiling(material: Material, audience: Audience): TlpLabel {
  switch (audience.kind) {
    case "public":
      return "TLP:CLEAR";
    case "member-organisation":
      return isAffected(material, audience) ? "TLP:AMBER" : "TLP:GREEN";
    case "partner":
    case "forum":
    case "coordination-participant":
      return tlpRank(audience.maxTlp) < tlpRank("TLP:AMBER") ? audience.maxTlp : "TLP:AMBER";
  }
}

/** Whether an answer consents to sharing with this audience (each level widens the last). */
function consents(answer: MaterialConsent, affected: boolean): boolean {
  switch (answer) {
    case "not-applicable":
    case "third-parties":
      return true;
    case "affected-organisations":
      return affected;
    case "none":
      return false;
  }
}

/**
 * May this material go to this audience? TLP first (RED and AMBER+STRICT only to named recipients, then
 * the audience's ceiling), then every consent question the material touches, then PAP.
 */
export function decideSharing(material: Material, audience: Audience): ShareDecision {
  const org = audienceOrganisation(audience);
  const named = org !== null && material.namedRecipients.includes(org);
  if (named) {
    // A named recipient may receive any label, but a case's own TLP still caps what enters it.
    if (audience.kind === "coordination-participant" && tlpRank(material.tlp) > tlpRank(audience.maxTlp))
      return { allowed: false, reason: "tlp-above-audience" };
  } else {
    if (material.tlp === "TLP:RED") return { allowed: false, reason: "tlp-red" };
    if (material.tlp === "TLP:AMBER+STRICT") return { allowed: false, reason: "tlp-amber-strict" };
    if (tlpRank(material.tlp) > tlpRank(audienceCeiling(material, audience)))
      return { allowed: false, reason: "tlp-above-audience" };
  }
  const affected = isAffected(material, audience);
  for (const answer of Object.values(material.consent)) {
    if (answer !== undefined && !consents(answer, affected)) return { allowed: false, reason: "no-consent" };
  }
  if (audience.kind === "public" && material.pap !== "PAP:CLEAR") return { allowed: false, reason: "pap-public" };
  return { allowed: true, mayAct: material.pap === "PAP:CLEAR" || material.pap === "PAP:GREEN" };
}

/** Counts of what was withheld, by reason, for an export's summary ("3 values withheld: no consent"). */
export type WithheldCounts = Partial<Record<WithheldReason, number>>;

/** Adds up the withheld decisions. */
export function countWithheld(decisions: Iterable<ShareDecision>): WithheldCounts {
  const counts: WithheldCounts = {};
  for (const d of decisions) if (!d.allowed) counts[d.reason] = (counts[d.reason] ?? 0) + 1;
  return counts;
}
