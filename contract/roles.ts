import { z } from "zod";

// Who may do what, written once for the server's route guards and TLP policy and the console's route
// tables. Admin qualifies for everything (the guards and `holdsRole` add it), so the lists below name
// only the other roles. The README's role table explains each decision.

export const Role = z.enum(["admin", "duty", "analyst", "publisher", "observer"]);
export type Role = z.infer<typeof Role>;

/** Every staff role, in the order the console lists them. */
export const ROLES: readonly Role[] = Role.options;

/** Who reads incidents and reports (observers read only). */
export const CASE_READER_ROLES = ["duty", "analyst", "observer"] as const satisfies readonly Role[];

/** Who works incidents and reports: opens, changes, links, writes. */
export const CASE_WORKER_ROLES = ["duty", "analyst"] as const satisfies readonly Role[];

/**
 * Who acknowledges a new report. Acknowledging is the duty rota's answer to the reporter and stops the
 * acknowledgement clock (15 minutes for NIS2), so it is the duty officer's act; an analyst covering duty
 * gets the duty role as well.
 */
export const REPORT_ACKNOWLEDGER_ROLES = ["duty"] as const satisfies readonly Role[];

/**
 * Who writes YARA rules and starts a scan of every stored file: analysts, whose craft rules are. Everyone
 * who reads cases reads rules (matches show on cases); a TLP:RED rule's text only its author and admins.
 */
export const YARA_RULE_WRITER_ROLES = ["analyst"] as const satisfies readonly Role[];

/**
 * Who posts feed files (Shadowserver reports, IntelMQ output, CSV): the duty rota, which receives
 * them, and analysts. Everyone who reads cases reads runs, sources and events.
 */
export const FEED_UPLOADER_ROLES = ["duty", "analyst"] as const satisfies readonly Role[];

/**
 * Who reads the constituency registry (organisations, networks, contacts, the owner match, the directory
 * export): every case reader, since deciding whom to tell is part of working a case.
 */
export const CONSTITUENCY_READER_ROLES = ["duty", "analyst", "observer"] as const satisfies readonly Role[];

/** Who edits the registry (organisations, holdings, contacts, inhibitions): duty officers (and admins). */
export const CONSTITUENCY_EDITOR_ROLES = ["duty"] as const satisfies readonly Role[];

/**
 * Who reads and manages the e-mail lists (subscribers: personal data; organisations on lists; the sent
 * list mail and its progress): publishers, whose advisories the lists carry, and duty officers, who
 * send flash alerts and edit the registry whose contacts lists reach. Pausing a campaign is admins'.
 */
export const LIST_MANAGER_ROLES = ["publisher", "duty"] as const satisfies readonly Role[];

/**
 * Who writes advisories (drafts, translations, comments, revisions): analysts and duty officers, who
 * follow the vulnerabilities, and publishers. Everyone who writes them reads them all.
 */
export const ADVISORY_WRITER_ROLES = ["duty", "analyst", "publisher"] as const satisfies readonly Role[];

/**
 * Who approves and publishes advisories: publishers (and admins). Approval needs a publisher who is not
 * the advisory's author (four eyes, features/advisories/policy.ts); publishing an approved one may be
 * done by any publisher, the author too, since the second pair of eyes has looked already.
 */
export const ADVISORY_PUBLISHER_ROLES = ["publisher"] as const satisfies readonly Role[];

/**
 * Who reads statistics (counts and times of reports, incidents, events, notifications; the CSV and the
 * yearly report): every case reader — observers included, since reporting figures is read-only work —
 * and no one else. Counts go through the same TLP rule as the cases (features/statistics/policy.ts).
 */
export const STATISTICS_READER_ROLES = ["duty", "analyst", "observer"] as const satisfies readonly Role[];

/**
 * Who reads forums in the console (members, proposals, posts, notes, held mail): every case reader, since
 * forums are where the constituency's contacts meet. TLP:RED posts only the forum's members, their
 * authors and admins (features/forums/policy.ts).
 */
export const FORUM_READER_ROLES = ["duty", "analyst", "observer"] as const satisfies readonly Role[];

/**
 * Who creates and edits forums, proposes people (as sponsor), removes members and posts as staff:
 * duty officers and analysts, who run the contacts. Approving a proposal is admins' alone (vetting).
 */
export const FORUM_MANAGER_ROLES = ["duty", "analyst"] as const satisfies readonly Role[];

/** Who manages users, settings and the admin-edited data. */
export const ADMIN_ROLES = ["admin"] as const satisfies readonly Role[];

/**
 * A constituent organisation's member (api-v1.md "Members"): a user bound to one organisation
 * (users.organisation_id), who reads only that organisation and its children, through /api/v1/my/…
 * (server/features/members/policy.ts). Never held together with a staff role (migration 0043), and
 * qualifies for no staff list above.
 */
export const MEMBER_ROLE = "member" as const;

/** Every role a user may hold: the staff roles, or `member`. */
export const UserRole = z.enum([...Role.options, MEMBER_ROLE]);
export type UserRole = z.infer<typeof UserRole>;

/** True when `held` includes one of `allowed`, or admin. A member holds none of them. */
export function holdsRole(held: readonly UserRole[], allowed: readonly Role[]): boolean {
  return held.includes("admin") || held.some((r) => r !== MEMBER_ROLE && allowed.includes(r));
}

/** The staff roles among `roles` (a staff user's row holds no other; the types cannot know it). */
export function staffRolesOf(roles: readonly UserRole[]): Role[] {
  return roles.filter((r): r is Role => r !== MEMBER_ROLE);
}

/**
 * Who reads coordination cases (issue 17): everyone who reads incidents, since a case is an incident's
 * outward side. Observers read; a TLP:RED case or post only its coordinator and admins
 * (server/features/coordination/policy.ts).
 */
export const COORDINATION_READER_ROLES = CASE_READER_ROLES;

/** Who coordinates (opens cases, adds participants, posts, notifies): whoever works incidents. */
export const COORDINATOR_ROLES = CASE_WORKER_ROLES;

/**
 * Who keeps the duty rota's own side (issue 18): swaps of their shifts, handover notes, their calendar
 * feed, acknowledging a page from the console. The duty officers; admins plan shifts and policies and
 * see and decide every swap. Everyone who reads cases reads the rota (who is on duty now).
 */
export const ONCALL_DUTY_ROLES = ["duty"] as const satisfies readonly Role[];
