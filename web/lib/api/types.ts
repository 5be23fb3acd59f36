// The console API's shapes come straight from the server's contract (contract/*.ts).
import { Role } from "../../../contract/accounts.js";

export type {
  Language,
  Me,
  Role,
  SecuritySettings,
  TokenSummary as ApiTokenInfo,
  TotpEnrolment,
  User,
} from "../../../contract/accounts.js";
export type {
  AuditEntry,
  AuditPage,
  AuditVerification,
  JobStatus,
  JobSummary as Job,
  MailStatus as OutboxStatus,
  OutboxMessage,
} from "../../../contract/operations.js";

/** Every staff role, in the order the console lists them. */
export const ROLES = Role.options;

/** A page of a keyset-paged list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
