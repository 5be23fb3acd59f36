// What other features use of sharing (issue 17): the one decision every export and share passes —
// TLP × PAP × the reporters' consent × the audience — and the service that loads an incident's facts.
export {
  type Audience,
  type AudienceKind,
  type ConsentQuestion,
  type Material,
  type MaterialConsent,
  type MaterialKind,
  type ShareDecision,
  type WithheldCounts,
  type WithheldReason,
  WITHHELD_REASONS,
  consentQuestionsFor,
  countWithheld,
  decideSharing,
} from "./decision.js";
export { type IncidentSharing, loadIncidentSharing, loadOneIncidentSharing } from "./incident-sharing.js";
