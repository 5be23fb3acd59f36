import type { TFunction } from "i18next";
import { ApiError } from "./client.js";

// Every server code the console words itself; others fall back to a generic message.
// The i18n test checks each has an `errors.<code>` entry in both languages.
export const KNOWN_ERROR_CODES = [
  "invalid_credentials",
  "totp_required",
  "totp_invalid",
  "login_locked",
  "rate_limited",
  "unauthenticated",
  "forbidden",
  "csrf_failed",
  "not_found",
  "conflict",
  "validation_failed",
  "password_weak",
  "setup_token_invalid",
  "setup_done",
  "totp_required_by_policy",
  "totp_enrolment_required",
  "email_taken",
  "totp_reset_own",
  "session_required",
  "current_password_wrong",
  "network_error",
  "server_error",
  "report_not_found",
  "report_not_new",
  "report_not_rejectable",
  "follow_up_token_invalid",
  "attachment_too_large",
  "report_too_large",
  "upload_quota_exceeded",
  "body_too_large",
  "too_many_parts",
  "multipart_invalid",
  "incident_not_found",
  "version_conflict",
  "illegal_transition",
  "report_already_linked",
  "report_not_linked",
  "report_rejected",
  "tlp_below_report",
  "playbook_not_found",
  "invalid_cursor",
  "search_query_empty",
  "advice_template_exists",
  "advice_template_not_found",
  "attachment_not_found",
  "member_already_added",
  "not_a_member",
  "pgp_key_email_mismatch",
  "pgp_key_email_required",
  "pgp_key_exists",
  "pgp_key_expired",
  "pgp_key_not_found",
  "pgp_key_private",
  "pgp_key_unreadable",
  "pgp_key_unusable",
  "playbook_already_applied",
  "playbook_archived",
  "recipients_required",
  "mixed_recipients",
  "recipient_key_missing",
  "saved_view_name_taken",
  "saved_view_not_found",
  "task_assignee_invalid",
  "task_item_not_found",
  "task_not_found",
  "no_files",
  "observable_not_found",
  "observable_not_manual",
  "observable_invalid",
  "warning_list_not_found",
  "warning_list_builtin",
  "account_link_invalid",
  "user_invited",
  "user_not_invited",
  "user_disabled",
] as const;

const known = new Set<string>(KNOWN_ERROR_CODES);

/** Words an error from the API (or anything thrown) for the person at the screen. */
export function errorMessage(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === "login_locked" || err.code === "rate_limited") {
      const seconds = err.retryAfterSeconds ?? 60;
      return seconds >= 90
        ? t("errors.lockedMinutes", { count: Math.ceil(seconds / 60) })
        : t("errors.lockedSeconds", { count: seconds });
    }
    if (known.has(err.code)) return t(`errors.${err.code}`);
    return t("errors.unknown", { status: err.status, detail: err.message });
  }
  return t("errors.unexpected");
}
