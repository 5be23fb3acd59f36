import { z } from "zod";

// Retention (server/features/retention): legal holds per incident and the yearly report of what was removed.

export const LegalHoldInput = z.object({ reason: z.string().trim().min(1).max(2000) });
export type LegalHoldInput = z.infer<typeof LegalHoldInput>;

export const IncidentReferenceParams = z.object({ reference: z.string().min(1).max(64) });

export const LegalHold = z.object({
  incidentId: z.string(),
  reference: z.string(),
  reason: z.string(),
  setBy: z.string().nullable(),
  setAt: z.string(),
});
export const LegalHolds = z.object({ items: z.array(LegalHold) });
export type LegalHolds = z.infer<typeof LegalHolds>;

/** What one retention run removed, per kind of data. */
export const RetentionCounts = z.object({
  /** Reports whose reporter name, e-mail, phone and role were removed. */
  contacts: z.number().int(),
  /** Reports whose reporter's own texts, messages and files were removed. */
  reportTexts: z.number().int(),
  attachments: z.number().int(),
  /** Incidents whose correspondence addresses and texts and journal texts were removed. */
  incidentCorrespondence: z.number().int(),
  /** Outgoing mail emptied. */
  mail: z.number().int(),
  /** Audit entries past their period: counted, never changed (the hash chain). */
  auditPastPeriod: z.number().int(),
});
export type RetentionCounts = z.infer<typeof RetentionCounts>;

export const RetentionReportQuery = z.object({ year: z.coerce.number().int().min(2000).max(2200) });
export const RetentionReport = z.object({
  year: z.number().int(),
  runs: z.number().int(),
  removed: z.record(z.string(), z.number().int()),
  /** Months after closure per kind of data, as configured now (0: kept). */
  settings: z.record(z.string(), z.number().int()),
  legalHolds: z.number().int(),
});
export type RetentionReport = z.infer<typeof RetentionReport>;

/** An incident's legal hold as its page shows it (GET /api/v1/incidents/{reference}/legal-hold). */
export const IncidentLegalHold = z.object({
  hold: z
    .object({
      reason: z.string(),
      setAt: z.string(),
      setBy: z.object({ id: z.string(), name: z.string() }).nullable(),
    })
    .nullable(),
});
export type IncidentLegalHold = z.infer<typeof IncidentLegalHold>;
