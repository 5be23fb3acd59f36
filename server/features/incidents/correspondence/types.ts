import type { IncidentContext } from "../types.js";
import type { CertKeySource } from "./seal.js";

/** What correspondence services need: the incident context plus the CERT's OpenPGP key, when configured. */
export type CorrespondenceContext = IncidentContext & { certKey: CertKeySource };

/** The bare address of FYR_MAIL_FROM ("CERT-SE <cert@cert.example>" → "cert@cert.example"). */
export function mailFromAddress(mailFrom: string): string {
  return (/<([^<>\s]+)>/.exec(mailFrom)?.[1] ?? mailFrom).trim().toLowerCase();
}

/** The subject with the incident reference in brackets, added in front when missing. */
export function subjectWithReference(subject: string, reference: string): string {
  return subject.toUpperCase().includes(`[${reference.toUpperCase()}]`) ? subject : `[${reference}] ${subject}`;
}
