import { z } from "zod";

// Every problem code the server can answer, in problem+json's `code` (and `type`:
// `urn:fyr:problem:<code>`). A contract: clients match on these, the web words each one in Swedish and
// English (a test fails when one has no wording), and the server's AppError accepts no other code, so
// a new code is added here, with its line, before it can be thrown. Codes are never renamed: a code
// replaced by another stays in DEPRECATED_PROBLEM_CODES for one release.

/** Each code with what it means to the caller (one line; the HTTP status is the thrower's `kind`). */
export const PROBLEM_CODES = {
  // Any request
  validation_failed: "Some fields are invalid; `errors` names each with its own field code",
  malformed_json: "The body is not valid JSON",
  empty_body: "The request says it has a JSON body but sends none",
  body_too_large: "The body (or a multipart form field) is larger than the configured limit",
  invalid_content_length: "Content-Length does not match the body",
  unsupported_media_type: "This content type is not accepted here",
  bad_url: "The URL is malformed",
  bad_request: "The request is wrong in a way no more specific code names",
  not_found: "Nothing is at this path",
  rate_limited: "Too many requests from this client; Retry-After says when to try again",
  internal_error: "Something went wrong on Fyr's side; the error is logged, nothing was half written",
  invalid_cursor: "The paging cursor is not one this list gave out (or the list's sort changed)",
  // Signing in and the caller's credentials
  unauthenticated: "Sign in first (no session or token, or it has expired)",
  forbidden: "The caller's roles do not allow this",
  csrf_failed: "A cookie-authenticated write without the session's x-csrf-token",
  session_required: "API tokens cannot manage sign-in credentials or tokens; sign in with a session",
  invalid_credentials: "Wrong e-mail address or password",
  login_locked: "Too many failed sign-ins for this e-mail from this client; Retry-After says when",
  totp_required: "The account has two-step verification: send the code too",
  totp_invalid: "The two-step verification code (or recovery code) is wrong",
  totp_enrolment_required: "Two-step verification is required: enrol before anything else",
  totp_required_by_policy: "Two-step verification cannot be turned off: it is required for all staff",
  totp_already_enabled: "Two-step verification is already on",
  totp_not_enrolling: "Confirming a code before enrolment started",
  totp_reset_own: "An admin resets another user's two-step verification, never their own this way",
  current_password_wrong: "The current password given to change it is wrong",
  /** Invitations and reset links (features/accounts/account-links.ts). */
  account_link_invalid: "The invitation or reset link is unknown, used, revoked or expired",
  user_invited: "The user has not accepted their invitation yet: no password to reset; send the invitation again",
  user_not_invited: "The user has accepted their invitation; there is none to send again",
  user_disabled: "The user is disabled; enable the account before sending a link",
  password_weak: "The new password is too weak; its field error says why",
  setup_token_invalid: "The first administrator's setup link is wrong, used or expired",
  setup_done: "Setup is already done: an administrator exists",
  token_not_found: "No API token of the caller's with this id",
  // Users (admin)
  user_not_found: "No staff user with this id",
  email_taken: "A user with this e-mail address exists",
  last_admin: "The change would leave no active administrator",
  // Reports and the reporter's follow-up
  report_not_found: "No report with this reference that the caller may see",
  report_not_new: "The report is already acknowledged, linked or rejected",
  report_not_rejectable: "The report is already linked or rejected",
  report_message_taken: "This message (Message-ID) has already been taken in",
  follow_up_token_invalid: "The follow-up link's token is not valid",
  attachment_too_large: "A file is larger than the per-file limit (its field error carries `limit` in bytes)",
  report_too_large: "All files together are larger than the per-report limit (field error `limit` in bytes)",
  upload_quota_exceeded: "This client address has sent its hourly quota of file bytes; Retry-After says when",
  too_many_parts: "Too many files or fields in one multipart request",
  multipart_invalid: "The multipart body could not be read",
  no_files: "An upload with no file in it",
  attachment_not_found: "No file with this id on this case",
  original_not_found: "No mailed original with this id on this report",
  blob_not_found: "The stored file is missing",
  // Incidents
  incident_not_found: "No incident with this reference that the caller may see",
  version_conflict: "Someone else changed it since it was read; reload and try again",
  illegal_transition: "The incident cannot move from its status to the one asked for",
  report_already_linked: "The report is already linked to this incident",
  report_not_linked: "The report is not linked to this incident",
  report_rejected: "A rejected report cannot be linked",
  tlp_below_report: "The incident's TLP may not be less restrictive than a linked report's",
  member_already_added: "This person is already a member of the incident",
  not_a_member: "This person is not a member of the incident",
  incident_organisation_exists: "The organisation is already linked to this incident",
  incident_organisation_not_found: "The organisation is neither linked to this incident nor a dismissed suggestion",
  organisation_not_suggested: "The organisation is not (or no longer) suggested for this incident",
  saved_view_name_taken: "The caller already has a saved view with this name",
  saved_view_not_found: "No saved view of the caller's with this id",
  task_not_found: "No task with this id on this incident",
  task_item_not_found: "No checklist item with this id on this task",
  task_assignee_invalid: "A task's assignee must be a staff user who works incidents",
  playbook_not_found: "No playbook with this id",
  playbook_archived: "The playbook is archived and cannot be changed or applied",
  playbook_already_applied: "This playbook's tasks are already on this incident",
  // Correspondence and keys
  recipients_required: "A message names no recipient",
  mixed_recipients: "The reporter and third parties are written to in separate messages",
  recipient_key_missing: "Encryption was asked for, but not every recipient has an OpenPGP key",
  advice_template_not_found: "No advice template with this id",
  advice_template_exists: "An advice template with this key exists in this language",
  pgp_key_not_found: "No stored OpenPGP key with this id",
  pgp_key_exists: "A key for this address is stored already; delete it first",
  pgp_key_unreadable: "Not an armored OpenPGP public key",
  pgp_key_private: "A private key; only public keys are accepted",
  pgp_key_expired: "The key has expired",
  pgp_key_unusable: "The key cannot encrypt (revoked, or no encryption subkey)",
  pgp_key_email_required: "The key names several addresses: say which one it is for",
  pgp_key_email_mismatch: "The address is not among the key's user ids",
  // Search, observables, warning lists
  search_query_empty: "No searchable words in the query (empty, or only stop words)",
  observable_not_found: "No case the caller may see holds this value",
  observable_invalid: "Not a value Fyr recognises (address, domain, URL, hash, …)",
  observable_not_manual: "This value comes from the case's text and cannot be removed by hand",
  observable_tag_invalid: "The tag names tlp, PAP or rsit with a value that taxonomy lacks, or is a verdict's word",
  observable_tag_not_found: "The value carries no such tag that the caller may see",
  lookup_too_many_values: "The text holds more distinct values than one lookup reads (field error `limit`)",
  warning_list_not_found: "No warning list with this id",
  warning_list_builtin: "A list Fyr ships cannot be deleted; switch it off instead",
  // Evidence (files, samples, custody)
  file_not_found: "No file with this id in a case the caller may see",
  file_is_sample: "The file is a malware sample: it leaves Fyr only as an encrypted ZIP (sample.zip)",
  file_already_sample: "The file is already marked as a sample",
  // YARA rules and scanning
  yara_rule_not_found: "No YARA rule with this id (or it was deleted)",
  yara_rule_name_taken: "Another YARA rule has this name",
  yara_rule_invalid: "The rule's source does not compile, or breaks a rule of the ruleset; `errors` says where",
  yara_unavailable: "The YARA engine could not be loaded on this server; rules cannot be checked or run",
  // Vulnerability monitoring (issue 16)
  vulnerability_file_invalid: "The KEV, CVE or EPSS file is not in the format it was given as; the message says where",
  vulnerability_not_found: "Fyr has no CVE record, KEV entry or EPSS score for this CVE id",
  organisation_product_exists: "The organisation has already declared this product",
  organisation_product_not_found: "The organisation has declared no such product",
  osint_source_exists: "An OSINT source with this URL exists already",
  osint_source_not_found: "No OSINT source with this id",
  osint_item_not_found: "No OSINT news item with this id",
  // Security-event feeds
  feed_report_type_unknown: "The Shadowserver report type (given, or read from the file name) is not one Fyr knows",
  feed_report_type_missing: "The file name does not say its Shadowserver report type: give it",
  feed_file_not_recognised: "The file's first rows are not the format or report type it was given as",
  feed_file_too_large: "The feed file is, or unpacks to, more than the limit (a zip bomb is refused the same way)",
  feed_source_not_found: "No feed source with this name or id",
  feed_run_in_progress: "This source is already reading a file; one file per source at a time",
  feed_mapping_required: "A generic CSV source needs a column mapping (column=harmonization.field, …)",
  feed_format_mismatch: "The source exists with another format than the one given",
  feed_run_not_found: "No feed run with this id",
  feed_run_not_held: "The run is not held back from its owners (released or decided already, or never held)",
  // Notifications to owners (features/notifications/)
  notification_not_found: "No notification with this id",
  notification_advice_not_found: "No advice text with this key",
  notification_advice_required: "The general advice (*) can be changed, not removed: every digest needs one",
  notification_address_not_failing: "The address is not on the list of failing addresses",
  feed_run_not_failed:
    "Only a failed run is read again (a done run's file is in; a queued or running one is being read)",
  feed_source_name_taken: "Another feed source has this name",
  feed_mail_address_taken: "Another feed source already receives mail at this address",
  feed_source_not_fetching: "The source does not fetch its files (they are uploaded, imported or mailed to it)",
  events_export_too_large: "More events than one download holds (`limit`): ask for a shorter time window",
  // Constituency imports (features/constituency/import/)
  constituency_import_not_found: "No constituency import with this id",
  constituency_import_not_preview: "The import is already applied, or failed: only a preview can be applied",
  constituency_import_has_errors: "The import has errors, so nothing is applied; import again skipping the bad objects",
  constituency_import_unreadable: "The file cannot be read as the format it was given as (the message names the line)",
  constituency_import_too_large: "The import file is larger than FYR_CONSTITUENCY_IMPORT_MAX_BYTES",
  // The constituency registry
  organisation_not_found: "No organisation with this id",
  organisation_item_not_found:
    "No network, domain, AS number, URL prefix, contact or inhibition with this id on this organisation",
  organisation_holding_exists: "The organisation already holds this network, domain, AS number or URL prefix",
  organisation_contact_exists: "The organisation already has this e-mail address in this contact role",
  organisation_parent_invalid: "The parent is unknown, the organisation itself, or one of its own children",
  contact_verification_invalid: "The contact confirmation link is unknown, used or expired",
  match_value_required: "Give an address, domain, AS number or URL to match",
  // Members of constituent organisations
  staff_sign_in_refused:
    "Staff do not sign in here: this address serves the member area only (the console is on the staff network)",
  members_only: "Only members of a constituent organisation call the member API (/api/v1/my/…)",
  member_token_scope: "A member's API token reaches only the member API (/api/v1/my/…)",
  member_not_found: "No member with this id in this organisation",
  change_request_not_found: "No change request with this id",
  change_request_decided: "The change request has been approved or rejected already",
  // E-mail lists (features/mailing-lists)
  list_not_found: "No e-mail list with this name (or it is not offered for public subscription)",
  list_link_invalid: "The subscription link is unknown, used or expired",
  list_subscriber_not_found: "No subscriber with this id on this list",
  list_organisation_not_subscribed: "The organisation's contacts are not on this list",
  list_message_missing: "A list mail needs at least its Swedish subject and text",
  campaign_not_found: "No list mail (campaign) with this id",
  campaign_not_pausable: "Only a campaign still sending can be paused, and only a paused one resumed",
  subscription_rate_limited: "Too many subscription requests from this client address; Retry-After says when",
  // Advisories (features/advisories/)
  advisory_not_found: "No advisory with this id (or the published document is not one you may read)",
  advisory_wrong_status: "The advisory is not in the state this step needs (draft → review → approved → published)",
  advisory_own_approval: "The author of an advisory cannot approve it: a second publisher must (four eyes)",
  advisory_swedish_missing:
    "Swedish is the original: an advisory is not submitted or published without its Swedish text",
  advisory_published: "A published advisory changes only by a new revision (POST …/revisions with a summary)",
  advisory_version_not_found: "The advisory has no such version",
  advisory_csaf_invalid: "The CSAF document fails validation and is not published; `errors` names each failed test",
  // Coordination cases (features/coordination/)
  coordination_case_not_found: "No coordination case with this reference (or none you may see)",
  coordination_post_not_found: "No post with this id in this case (or none you may see)",
  coordination_file_not_found: "No file with this id in this case (or none you may see)",
  coordination_participant_not_found: "No participant with this id in this case",
  coordination_participant_exists: "The organisation already takes part in this case",
  coordination_case_closed: "The case is closed: reopen it to post or change it",
  coordination_no_addresses: "The organisation has no contact address to notify (or none of those given is its)",
  // Operations (admin)
  job_not_found: "No job with this id",
  job_not_failed: "Only a failed job can be retried",
  metrics_forbidden: "/metrics answers loopback and FYR_METRICS_ALLOW only",
  mail_invalid: "An outgoing message Fyr was about to queue is malformed (a bug; the write is refused)",
  // Forums (features/forums)
  external_member_scope: "An external member (of no constituent organisation) reaches only their forums",
  forum_not_found: "No forum with this id that the caller is a member of",
  forum_name_taken: "A forum with this name or list address exists",
  forum_invalid: "The forum's fields are invalid; `errors` names each (a maximum TLP below the default)",
  forum_member_not_found: "No member or proposal with this id in this forum",
  forum_member_exists: "This person is already a member of the forum, or proposed",
  forum_proposal_decided: "The proposal has been approved or rejected already",
  forum_post_invalid: "The post is refused; `errors` names each field (a TLP above the forum's maximum)",
  forum_pgp_key_invalid: "The OpenPGP key cannot be read, or has no key for encryption",
  // Duty rota and escalation (features/oncall)
  oncall_shift_not_found: "No shift with this id",
  oncall_pattern_not_found: "No rota pattern with this id",
  oncall_swap_not_found: "No swap request with this id",
  oncall_swap_open: "This shift already has an open swap request",
  oncall_swap_decided: "This swap request has been accepted, declined or cancelled already",
  oncall_not_your_shift: "Only the shift's officer (or an admin) asks to swap it",
  oncall_not_your_swap: "Only the officer asked (or an admin) accepts or declines a swap",
  oncall_officer_not_found: "No active staff user with this id",
  oncall_escalation_not_found: "No escalation with this id",
  oncall_link_invalid: "The acknowledgement link is unknown, used or expired",
  oncall_handover_not_found: "No handover with this id",
  oncall_not_your_handover: "Only the officer a handover is written to acknowledges it",
  oncall_handover_acknowledged: "This handover has been acknowledged already",
  // The `fyr` command (never answered over HTTP)
  missing_flag: "A required command-line flag is missing",
  /** Exchange (features/exchange, features/sharing). */
  share_withheld:
    "The sharing decision withholds this incident from this audience (TLP, consent or PAP); `detail` names why",
  partner_not_found: "No partner CERT with this organisation id",
  partner_only: "Only a partner CERT's API token reads the MISP feed",
  misp_event_not_found: "The MISP feed has no event with this uuid for this partner",
  misp_event_invalid: "The MISP event has values Fyr cannot take; `errors` names each attribute",
  misp_feed_source_not_found: "No MISP feed source with this id",
  misp_feed_unreachable: "The partner's MISP feed could not be read; `detail` says why",
  taxii_collection_not_found: "No TAXII collection with this id",
  taxii_subscription_not_found: "No TAXII subscription with this id",
  taxii_pull_failed: "The partner's TAXII server did not answer as TAXII 2.1 does; `detail` says what it said",
} as const satisfies Record<string, string>;

/** A code the server may answer in problem+json. */
export type ProblemCode = keyof typeof PROBLEM_CODES;

/**
 * Codes answered by an earlier release, with the code that replaces each. The server no longer
 * answers them; clients matching on codes should accept both for one release, then only the new one.
 * `cursor_invalid` (answered by the audit trail, outbox and report inbox until now) → `invalid_cursor`.
 */
export const DEPRECATED_PROBLEM_CODES = {
  cursor_invalid: "invalid_cursor",
} as const satisfies Record<string, ProblemCode>;

/** The current code for one a client received (a deprecated one maps to its replacement). */
export function currentProblemCode(code: string): ProblemCode | undefined {
  if (Object.hasOwn(PROBLEM_CODES, code)) return code as ProblemCode;
  if (Object.hasOwn(DEPRECATED_PROBLEM_CODES, code))
    return DEPRECATED_PROBLEM_CODES[code as keyof typeof DEPRECATED_PROBLEM_CODES];
  return undefined;
}

// What is wrong with one field, in problem+json's `errors: [{ path, message, code, params? }]`. The
// message is English for people reading the API; the code is what a client words in its reader's
// language, with `params.limit` where a limit is part of the meaning.

/** Each field code with what it means. `limit`: characters, a number, items or bytes, as stated. */
export const FIELD_PROBLEM_CODES = {
  required: "A value is required here",
  invalid: "The value is not valid here (the problem's own code says more)",
  invalid_type: "The value has the wrong type (text, number, list, …)",
  invalid_choice: "The value is not one of the allowed choices",
  invalid_format: "The value is not in the expected form (a time, a URL, a pattern)",
  invalid_email: "Not an e-mail address",
  unknown_value: "The value names something that does not exist (a report, a class, a user)",
  unknown_field: "A field this request does not take",
  too_short: "Fewer characters than `limit`",
  too_long: "More characters than `limit`",
  too_small: "A number below `limit`",
  too_big: "A number above `limit`",
  too_few: "Fewer items than `limit`",
  too_many: "More items than `limit`",
  control_characters: "The text holds a control character (NUL, escape, …), which Fyr never stores",
  not_json: "A form field meant to hold JSON does not",
  before_files: "The JSON form must come before the first file in a multipart body",
  contact_required: "An e-mail address or a telephone number is required to reach the reporter",
  too_common: "The password is on the list of commonly used passwords",
  like_identity: "The password is the e-mail address or the name",
  too_repetitive: "The password repeats too few different characters",
  wrong_password: "The password is wrong",
  wrong_code: "The code is wrong",
  file_too_large: "A file is larger than `limit` bytes",
  files_too_large: "The files together are larger than `limit` bytes",
  form_too_large: "The form field is larger than `limit` bytes",
  separate_message: "This address belongs in a separate message",
  no_pgp_key: "No OpenPGP key is known for this address",
  yara_compile_error: "The YARA source does not compile; the message is YARA-X's, `line`/`column` say where",
  yara_global_rule: "A global rule would gate every other analyst's rules: not accepted",
  yara_no_rule: "The source declares no (non-private) YARA rule, so it could never match",
  yara_identifier_taken: "A YARA rule of this name is already declared by another rule of the ruleset",
  feed_format_mismatch: "The feed source exists with another format",
  feed_mapping_invalid: "The column mapping is not `column=harmonization.field, …` with one column for time.source",
  invalid_network: "Not a network: a CIDR (192.0.2.0/24, 2001:db8::/32), an address, or a range `a - b`",
  network_reversed: "The range's first address is after its last",
  network_mixed_families: "A range's two ends must both be IPv4 or both IPv6",
  network_host_bits: "The CIDR has host bits set (192.0.2.5/24): give the network address (192.0.2.0/24)",
  invalid_prefix_length: "A prefix length outside 0–32 (IPv4) or 0–128 (IPv6)",
  asn_out_of_range: "An AS number is a whole number from 1 to 4294967294",
  asn_reserved: "AS 0 and AS 4294967295 are reserved and never announced",
  invalid_domain: "Not a domain name (labels of letters, digits and hyphens, at most 253 characters)",
  invalid_url_prefix: "Not an http(s) URL prefix",
  csaf_test_failed:
    "The CSAF document fails this test of the CSAF 2.0 specification (the message names the test and why)",
  window_too_long: "The time window is longer than `limit` days",
  window_reversed: "`from` is after `to`",
  tlp_below_case: "The TLP is weaker than the coordination case's; a post's TLP is never weaker",
  red_needs_recipients: "A TLP:RED post goes to named participants only, never to all",
  tlp_above_forum_max: "The TLP is stricter than the forum's maximum TLP",
  tlp_below_default: "The forum's maximum TLP may not be weaker than its default",
} as const satisfies Record<string, string>;

export const FieldProblemCode = z.enum(Object.keys(FIELD_PROBLEM_CODES) as [keyof typeof FIELD_PROBLEM_CODES]);
export type FieldProblemCode = z.infer<typeof FieldProblemCode>;

/** One invalid field: where (`body.reporter.email`), an English message, its code, and a limit if any. */
export const FieldError = z.object({
  path: z.string(),
  message: z.string(),
  code: FieldProblemCode,
  /** `limit` where a limit is the meaning; `line`/`column` where a place in a text is (a YARA source). */
  params: z
    .object({ limit: z.number().optional(), line: z.number().int().optional(), column: z.number().int().optional() })
    .optional(),
});
export type FieldError = z.infer<typeof FieldError>;
