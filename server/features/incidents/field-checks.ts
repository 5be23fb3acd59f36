import type { Classification } from "../../../contract/incidents.js";
import { CASE_READER_ROLES, CASE_WORKER_ROLES, holdsRole } from "../../../contract/roles.js";
import { findRsitClass, isRsitType } from "../../../contract/rsit.js";
import type { Db } from "../../platform/db/connect.js";
import type { FieldError } from "../../platform/errors.js";
import { selectActiveStaffUser } from "./incident-store.js";

// Checks of incident fields that a schema cannot make: every failure is a field error, so one 400
// lists every bad field together.

/** An RSIT class and type from the taxonomy (contract/rsit.ts); an unknown class fails both fields. */
export function classificationErrors(classification: Classification | null | undefined, path: string): FieldError[] {
  if (!classification) return [];
  if (!findRsitClass(classification.class)) {
    return [
      { path: `${path}.class`, message: `unknown RSIT class "${classification.class}"`, code: "unknown_value" },
      {
        path: `${path}.type`,
        message: `no RSIT type "${classification.type}" without a known class`,
        code: "unknown_value",
      },
    ];
  }
  if (!isRsitType(classification.class, classification.type)) {
    return [
      {
        path: `${path}.type`,
        message: `unknown RSIT type "${classification.type}" in ${classification.class}`,
        code: "unknown_value",
      },
    ];
  }
  return [];
}

/** The assignee must be an active staff user who works incidents (admin, duty or analyst). */
export async function assigneeErrors(db: Db, userId: string, path: string): Promise<FieldError[]> {
  const user = await selectActiveStaffUser(db, userId);
  if (user && holdsRole(user.roles, CASE_WORKER_ROLES)) return [];
  return [{ path, message: "not an active staff user who works incidents", code: "unknown_value" }];
}

/** A member must be an active staff user who reads incidents (observers may be members: read-only). */
export async function memberErrors(db: Db, userId: string, path: string): Promise<FieldError[]> {
  const user = await selectActiveStaffUser(db, userId);
  if (user && holdsRole(user.roles, CASE_READER_ROLES)) return [];
  return [{ path, message: "not an active staff user who reads incidents", code: "unknown_value" }];
}
