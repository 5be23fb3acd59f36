/** The report reference a subject carries in brackets ("Re: Tack [FYR-2026-00042]"), or null. */
export function referenceInSubject(subject: string, prefix: string): string | null {
  const pattern = new RegExp(`\\[\\s*(${prefix}-\\d{4}-\\d{5,})\\s*\\]`, "i");
  return pattern.exec(subject)?.[1]?.toUpperCase() ?? null;
}

/** The incident reference a subject carries in brackets ("Re: [FYR-INC-2026-0007] Loggar"), or null. */
export function incidentReferenceInSubject(subject: string, prefix: string): string | null {
  const pattern = new RegExp(`\\[\\s*(${prefix}-INC-\\d{4}-\\d{4,})\\s*\\]`, "i");
  return pattern.exec(subject)?.[1]?.toUpperCase() ?? null;
}

/** Whether a reference names an incident (FYR-INC-…) rather than a report. */
export function isIncidentReference(reference: string, prefix: string): boolean {
  return incidentReferenceInSubject(`[${reference}]`, prefix) !== null;
}
