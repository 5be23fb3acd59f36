import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../../contract/accounts.js";
import { useTestApp } from "../../../test/support/app.js";
import { createStaffUser, createTokenFor, signIn } from "../../../test/support/auth.js";
import { makeMember, makeOrganisation, signInMember } from "../../features/members/test-fixtures.js";
import { guardedRoutes } from "./guard.js";

// Authorization before validation, on every staff route: a caller a route refuses hears 401/403 before
// anything about the body. The route list comes from the app itself (the guard records every /api/v1/*
// route as it is registered), so a new route without a row below fails this test. Writes get a
// malformed body, then `{}` (in that order: signing out with `{}` really ends the session).

const app = useTestApp();

const READ: Role[] = ["admin", "duty", "analyst", "observer"];
const WORK: Role[] = ["admin", "duty", "analyst"];
const ADMIN: Role[] = ["admin"];
const ACKNOWLEDGE: Role[] = ["admin", "duty"];
const ANYONE: Role[] = ["admin", "duty", "analyst", "publisher", "observer"];
const RULE_WRITERS: Role[] = ["admin", "analyst"];
const REGISTRY_EDITORS: Role[] = ["admin", "duty"];
const LIST_MANAGERS: Role[] = ["admin", "publisher", "duty"];
const ADVISORY_WRITERS: Role[] = ["admin", "duty", "analyst", "publisher"];
const ADVISORY_PUBLISHERS: Role[] = ["admin", "publisher"];
/** The member API: members only (staff 403), by session or token. */
const MEMBER = "member";

/**
 * Who each route admits, written out independently of the route files. "public": no sign-in; "member":
 * members of an organisation only. A member's session also reaches the ANYONE routes under /auth/ (their
 * own account), and nothing else outside the member API.
 */
const EXPECTED: Record<string, Role[] | "public" | typeof MEMBER> = {
  "GET /api/v1/setup": "public",
  "POST /api/v1/setup": "public",
  "POST /api/v1/auth/login": "public",
  "POST /api/v1/auth/logout": ANYONE,
  "GET /api/v1/auth/me": ANYONE,
  "PATCH /api/v1/auth/me": ANYONE,
  "POST /api/v1/auth/password": ANYONE,
  "POST /api/v1/auth/totp/enrol": ANYONE,
  "POST /api/v1/auth/totp/confirm": ANYONE,
  "DELETE /api/v1/auth/totp": ANYONE,
  "GET /api/v1/auth/tokens": ANYONE,
  "POST /api/v1/auth/tokens": ANYONE,
  "DELETE /api/v1/auth/tokens/:id": ANYONE,
  "GET /api/v1/users": ADMIN,
  "POST /api/v1/users": ADMIN,
  "PATCH /api/v1/users/:id": ADMIN,
  "POST /api/v1/users/:id/totp/reset": ADMIN,
  "POST /api/v1/users/:id/invitation": ADMIN,
  "POST /api/v1/users/:id/password-reset": ADMIN,
  "POST /api/v1/auth/account-link": "public",
  "POST /api/v1/auth/account-link/password": "public",
  "POST /api/v1/auth/password-reset": "public",
  "GET /api/v1/settings/security": ADMIN,
  "PUT /api/v1/settings/security": ADMIN,
  "GET /api/v1/audit": ADMIN,
  "GET /api/v1/audit/verify": ADMIN,
  "GET /api/v1/outbox": ADMIN,
  "GET /api/v1/jobs": ADMIN,
  "POST /api/v1/jobs/:id/retry": ADMIN,
  "GET /api/v1/incidents/:reference/legal-hold": READ,
  "PUT /api/v1/incidents/:reference/legal-hold": WORK,
  "DELETE /api/v1/incidents/:reference/legal-hold": WORK,
  "GET /api/v1/retention/holds": ADMIN,
  "GET /api/v1/retention/report": ADMIN,
  "POST /api/v1/retention/run": ADMIN,
  "GET /api/v1/pgp-keys": ADMIN,
  "POST /api/v1/pgp-keys": ADMIN,
  "DELETE /api/v1/pgp-keys/:id": ADMIN,
  "GET /api/v1/advice-templates": WORK,
  "POST /api/v1/advice-templates/render": WORK,
  "POST /api/v1/advice-templates": ADMIN,
  "PATCH /api/v1/advice-templates/:id": ADMIN,
  "DELETE /api/v1/advice-templates/:id": ADMIN,
  "GET /api/v1/playbooks": READ,
  "GET /api/v1/playbooks/:id": READ,
  "POST /api/v1/playbooks": ADMIN,
  "PATCH /api/v1/playbooks/:id": ADMIN,
  "DELETE /api/v1/playbooks/:id": ADMIN,
  "GET /api/v1/reports": READ,
  "POST /api/v1/reports": WORK,
  "GET /api/v1/reports/:reference": READ,
  "GET /api/v1/reports/:reference/attachments/:id": READ,
  "GET /api/v1/reports/:reference/original": READ,
  "GET /api/v1/reports/:reference/messages/:id/original": READ,
  "POST /api/v1/reports/:reference/acknowledge": ACKNOWLEDGE,
  "POST /api/v1/reports/:reference/reject": WORK,
  "POST /api/v1/reports/:reference/messages": WORK,
  "GET /api/v1/reports/:reference/related": READ,
  "GET /api/v1/reports/:reference/observables": READ,
  "POST /api/v1/reports/:reference/observables": WORK,
  "DELETE /api/v1/reports/:reference/observables/:id": WORK,
  "GET /api/v1/incidents": READ,
  "POST /api/v1/incidents": WORK,
  "GET /api/v1/incidents/people": READ,
  "GET /api/v1/incidents/views": READ,
  "POST /api/v1/incidents/views": READ,
  "DELETE /api/v1/incidents/views/:id": READ,
  "GET /api/v1/incidents/:reference": READ,
  "PATCH /api/v1/incidents/:reference": WORK,
  "POST /api/v1/incidents/:reference/reports": WORK,
  "DELETE /api/v1/incidents/:reference/reports/:report": WORK,
  "POST /api/v1/incidents/:reference/members": WORK,
  "DELETE /api/v1/incidents/:reference/members/:userId": WORK,
  "GET /api/v1/incidents/:reference/organisations": READ,
  "GET /api/v1/organisations/:id/incidents": READ,
  "POST /api/v1/incidents/:reference/organisations": WORK,
  "POST /api/v1/incidents/:reference/organisations/:organisationId/accept": WORK,
  "POST /api/v1/incidents/:reference/organisations/:organisationId/dismiss": WORK,
  "DELETE /api/v1/incidents/:reference/organisations/:organisationId": WORK,
  "POST /api/v1/incidents/:reference/notes": WORK,
  "GET /api/v1/incidents/:reference/timeline": READ,
  "GET /api/v1/incidents/:reference/attachments": READ,
  "GET /api/v1/incidents/:reference/attachments/:id": READ,
  "POST /api/v1/incidents/:reference/attachments": WORK,
  "GET /api/v1/incidents/:reference/tasks": READ,
  "POST /api/v1/incidents/:reference/tasks": WORK,
  "PATCH /api/v1/incidents/:reference/tasks/:taskId": WORK,
  "POST /api/v1/incidents/:reference/tasks/:taskId/items": WORK,
  "PATCH /api/v1/incidents/:reference/tasks/:taskId/items/:itemId": WORK,
  "DELETE /api/v1/incidents/:reference/tasks/:taskId/items/:itemId": WORK,
  "POST /api/v1/incidents/:reference/playbooks": WORK,
  "GET /api/v1/incidents/:reference/messages": READ,
  "POST /api/v1/incidents/:reference/messages": WORK,
  "GET /api/v1/incidents/:reference/related": READ,
  "GET /api/v1/incidents/:reference/observables": READ,
  "POST /api/v1/incidents/:reference/observables": WORK,
  "DELETE /api/v1/incidents/:reference/observables/:id": WORK,
  "GET /api/v1/incidents/:reference/observables.csv": READ,
  "GET /api/v1/incidents/:reference/observables.stix": READ,
  "GET /api/v1/incidents/:reference/export.stix.json": WORK,
  "GET /api/v1/incidents/:reference/export.misp.json": WORK,
  "POST /api/v1/incidents/:reference/import.misp.json": WORK,
  "GET /api/v1/exchange/misp-feeds": ADMIN,
  "POST /api/v1/exchange/misp-feeds": ADMIN,
  "POST /api/v1/exchange/misp-feeds/pull": ADMIN,
  "PUT /api/v1/exchange/partners/:organisationId": ADMIN,
  "GET /api/v1/exchange/collections": READ,
  "POST /api/v1/exchange/collections": ADMIN,
  "PUT /api/v1/exchange/collections/:id/access/:organisationId": ADMIN,
  "POST /api/v1/exchange/collections/:id/incidents": WORK,
  "GET /api/v1/exchange/subscriptions": ADMIN,
  "POST /api/v1/exchange/subscriptions": ADMIN,
  "POST /api/v1/exchange/subscriptions/:id/pull": ADMIN,
  "GET /api/v1/observables": READ,
  "PATCH /api/v1/observables/:id": WORK,
  "GET /api/v1/observables/index": READ,
  "POST /api/v1/observables/lookup": READ,
  "POST /api/v1/observables/:id/tags": WORK,
  "DELETE /api/v1/observables/:id/tags": WORK,
  "GET /api/v1/warning-lists": READ,
  "POST /api/v1/warning-lists": ADMIN,
  "PATCH /api/v1/warning-lists/:id": ADMIN,
  "DELETE /api/v1/warning-lists/:id": ADMIN,
  "GET /api/v1/yara/rules": READ,
  "POST /api/v1/yara/rules": RULE_WRITERS,
  "POST /api/v1/yara/rules/check": RULE_WRITERS,
  "GET /api/v1/yara/rules/:id": READ,
  "PATCH /api/v1/yara/rules/:id": RULE_WRITERS,
  "DELETE /api/v1/yara/rules/:id": RULE_WRITERS,
  "GET /api/v1/yara/rules/:id/versions": READ,
  "GET /api/v1/yara/rules/:id/matches": READ,
  "GET /api/v1/yara/status": READ,
  "POST /api/v1/yara/scan-everything": RULE_WRITERS,
  "POST /api/v1/constituency/imports": ACKNOWLEDGE,
  "GET /api/v1/constituency/imports/:id": ACKNOWLEDGE,
  "POST /api/v1/constituency/imports/:id/apply": ACKNOWLEDGE,
  "GET /api/v1/incidents/:reference/yara": READ,
  "GET /api/v1/reports/:reference/yara": READ,
  "POST /api/v1/organisations": REGISTRY_EDITORS,
  "GET /api/v1/organisations": READ,
  "GET /api/v1/organisations/export": READ,
  "GET /api/v1/organisations/:id": READ,
  "PATCH /api/v1/organisations/:id": REGISTRY_EDITORS,
  "POST /api/v1/organisations/:id/networks": REGISTRY_EDITORS,
  "DELETE /api/v1/organisations/:id/networks/:itemId": REGISTRY_EDITORS,
  "POST /api/v1/organisations/:id/asns": REGISTRY_EDITORS,
  "DELETE /api/v1/organisations/:id/asns/:itemId": REGISTRY_EDITORS,
  "POST /api/v1/organisations/:id/domains": REGISTRY_EDITORS,
  "DELETE /api/v1/organisations/:id/domains/:itemId": REGISTRY_EDITORS,
  "POST /api/v1/organisations/:id/url-prefixes": REGISTRY_EDITORS,
  "DELETE /api/v1/organisations/:id/url-prefixes/:itemId": REGISTRY_EDITORS,
  "POST /api/v1/organisations/:id/inhibitions": REGISTRY_EDITORS,
  "DELETE /api/v1/organisations/:id/inhibitions/:itemId": REGISTRY_EDITORS,
  "POST /api/v1/organisations/:id/contacts": REGISTRY_EDITORS,
  "DELETE /api/v1/organisations/:id/contacts/:itemId": REGISTRY_EDITORS,
  "PATCH /api/v1/organisations/:id/contacts/:itemId": REGISTRY_EDITORS,
  "GET /api/v1/constituency/match": READ,
  "POST /api/v1/constituency/match": READ,
  "GET /api/v1/constituency/double-claims": READ,
  "GET /api/v1/constituency/unverified-contacts": READ,
  "GET /api/v1/search": READ,
  "GET /api/v1/dashboard": READ,
  "GET /api/v1/unread": READ,
  "PUT /api/v1/reports/:reference/seen": READ,
  "PUT /api/v1/incidents/:reference/seen": READ,
  "GET /api/v1/reports/:reference/files": READ,
  "GET /api/v1/incidents/:reference/files": READ,
  "GET /api/v1/files": READ,
  "GET /api/v1/vulnerabilities": READ,
  "GET /api/v1/vulnerabilities/daily": READ,
  "GET /api/v1/vulnerabilities/products": READ,
  "GET /api/v1/vulnerabilities/pulls": READ,
  "GET /api/v1/vulnerabilities/:cve": READ,
  "GET /api/v1/organisations/:id/products": READ,
  "POST /api/v1/organisations/:id/products": WORK,
  "DELETE /api/v1/organisations/:id/products/:productId": WORK,
  "GET /api/v1/osint/sources": READ,
  "POST /api/v1/osint/sources": WORK,
  "PATCH /api/v1/osint/sources/:id": WORK,
  "DELETE /api/v1/osint/sources/:id": WORK,
  "GET /api/v1/osint/items": READ,
  "GET /api/v1/osint/items/:id": READ,
  "POST /api/v1/osint/items/:id/status": WORK,
  "POST /api/v1/osint/items/:id/use": WORK,
  "POST /api/v1/feeds/runs": WORK,
  "GET /api/v1/feeds/runs": READ,
  "GET /api/v1/feeds/runs/:id": READ,
  "GET /api/v1/feeds/sources": READ,
  "POST /api/v1/feeds/runs/:id/rerun": WORK,
  "POST /api/v1/feeds/runs/:id/release": WORK,
  "POST /api/v1/feeds/runs/:id/discard": WORK,
  "POST /api/v1/feeds/sources": ADMIN,
  "PUT /api/v1/feeds/sources/:id": ADMIN,
  "POST /api/v1/feeds/sources/:id/fetch": ADMIN,
  "GET /api/v1/events": READ,
  "POST /api/v1/notifications/run": ADMIN,
  "POST /api/v1/notifications/send-now": WORK,
  "GET /api/v1/notifications": READ,
  "GET /api/v1/notifications/unreachable": READ,
  "DELETE /api/v1/notifications/unreachable/:address": WORK,
  "GET /api/v1/notifications/advice": READ,
  "PUT /api/v1/notifications/advice/:key": ADMIN,
  "DELETE /api/v1/notifications/advice/:key": ADMIN,
  "GET /api/v1/notifications/:id": READ,
  "POST /api/v1/notifications/:id/resend": WORK,
  "GET /api/v1/files/:id": READ,
  "GET /api/v1/files/:id/content": READ,
  "GET /api/v1/files/:id/sample.zip": READ,
  "POST /api/v1/files/:id/sample": WORK,
  "POST /api/v1/files/:id/verify": WORK,
  "GET /api/v1/files/:id/custody-record": READ,
  "GET /api/v1/organisations/:id/members": READ,
  "POST /api/v1/organisations/:id/members": REGISTRY_EDITORS,
  "DELETE /api/v1/organisations/:id/members/:userId": REGISTRY_EDITORS,
  "GET /api/v1/change-requests": READ,
  "POST /api/v1/change-requests/:id/approve": REGISTRY_EDITORS,
  "POST /api/v1/change-requests/:id/reject": REGISTRY_EDITORS,
  "GET /api/v1/my/organisation": MEMBER,
  "GET /api/v1/my/csaf/*": MEMBER,
  "GET /api/v1/advisories": ADVISORY_WRITERS,
  "POST /api/v1/advisories": ADVISORY_WRITERS,
  "GET /api/v1/advisories/templates": ADVISORY_WRITERS,
  "GET /api/v1/advisories/:id": ADVISORY_WRITERS,
  "PUT /api/v1/advisories/:id/translations/:lang": ADVISORY_WRITERS,
  "POST /api/v1/advisories/:id/comments": ADVISORY_WRITERS,
  "GET /api/v1/advisories/:id/diff": ADVISORY_WRITERS,
  "GET /api/v1/advisories/:id/csaf": ADVISORY_WRITERS,
  "GET /api/v1/advisories/:id/preview": ADVISORY_WRITERS,
  "POST /api/v1/advisories/:id/submit": ADVISORY_WRITERS,
  "POST /api/v1/advisories/:id/approve": ADVISORY_PUBLISHERS,
  "POST /api/v1/advisories/:id/publish": ADVISORY_PUBLISHERS,
  "POST /api/v1/advisories/:id/revisions": ADVISORY_WRITERS,
  "GET /api/v1/my/organisations/:id": MEMBER,
  "GET /api/v1/my/change-requests": MEMBER,
  "POST /api/v1/my/change-requests": MEMBER,
  "GET /api/v1/my/change-requests/:id": MEMBER,
  "GET /api/v1/my/lists": MEMBER,
  "PUT /api/v1/my/lists/:list": MEMBER,
  "DELETE /api/v1/my/lists/:list": MEMBER,
  "GET /api/v1/lists": LIST_MANAGERS,
  "GET /api/v1/lists/campaigns": LIST_MANAGERS,
  "GET /api/v1/lists/campaigns/:id": LIST_MANAGERS,
  "POST /api/v1/lists/campaigns/:id/pause": ADMIN,
  "POST /api/v1/lists/campaigns/:id/resume": ADMIN,
  "GET /api/v1/lists/:list/subscribers": LIST_MANAGERS,
  "DELETE /api/v1/lists/:list/subscribers/:id": LIST_MANAGERS,
  "GET /api/v1/lists/:list/organisations": LIST_MANAGERS,
  "PUT /api/v1/lists/:list/organisations/:organisationId": LIST_MANAGERS,
  "DELETE /api/v1/lists/:list/organisations/:organisationId": LIST_MANAGERS,
  "GET /api/v1/my/events": MEMBER,
  "GET /api/v1/my/events/counts": MEMBER,
  "GET /api/v1/statistics": READ,
  "GET /api/v1/coordination/cases": READ,
  "POST /api/v1/coordination/cases": WORK,
  "GET /api/v1/coordination/cases/:reference": READ,
  "PATCH /api/v1/coordination/cases/:reference": WORK,
  "POST /api/v1/coordination/cases/:reference/participants": WORK,
  "PATCH /api/v1/coordination/cases/:reference/participants/:participantId": WORK,
  "POST /api/v1/coordination/cases/:reference/participants/:participantId/notify": WORK,
  "POST /api/v1/coordination/cases/:reference/participants/:participantId/status": WORK,
  "POST /api/v1/coordination/cases/:reference/posts": WORK,
  "PATCH /api/v1/coordination/cases/:reference/posts/:postId": WORK,
  "POST /api/v1/coordination/cases/:reference/posts/:postId/files": WORK,
  "GET /api/v1/coordination/cases/:reference/files/:fileId": READ,
  "GET /api/v1/my/coordination/cases": MEMBER,
  "GET /api/v1/my/coordination/cases/:reference": MEMBER,
  "POST /api/v1/my/coordination/cases/:reference/status": MEMBER,
  "POST /api/v1/my/coordination/cases/:reference/posts": MEMBER,
  "GET /api/v1/my/coordination/cases/:reference/files/:fileId": MEMBER,
  // Forums: case readers read, duty officers and analysts run them, admins vet; members (external too).
  "GET /api/v1/forums": READ,
  "POST /api/v1/forums": WORK,
  "GET /api/v1/forums/:id": READ,
  "PATCH /api/v1/forums/:id": WORK,
  "POST /api/v1/forums/:id/proposals": WORK,
  "POST /api/v1/forums/:id/proposals/:memberId/approve": ADMIN,
  "POST /api/v1/forums/:id/proposals/:memberId/reject": ADMIN,
  "DELETE /api/v1/forums/:id/members/:memberId": WORK,
  "GET /api/v1/forums/:id/posts": READ,
  "POST /api/v1/forums/:id/posts": WORK,
  "GET /api/v1/forums/:id/directory": READ,
  "GET /api/v1/forums/:id/introductions": READ,
  "POST /api/v1/forums/:id/introductions": WORK,
  "GET /api/v1/my/forums": MEMBER,
  "GET /api/v1/my/forums/:id": MEMBER,
  "GET /api/v1/my/forums/:id/posts": MEMBER,
  "POST /api/v1/my/forums/:id/posts": MEMBER,
  "GET /api/v1/my/forums/:id/directory": MEMBER,
  "POST /api/v1/my/forums/:id/proposals": MEMBER,
  "GET /api/v1/my/forums/:id/introductions": MEMBER,
  "POST /api/v1/my/forums/:id/introductions": MEMBER,
  "PUT /api/v1/my/forums/:id/membership": MEMBER,
  "POST /api/v1/my/forums/:id/reconfirm": MEMBER,
  // Duty rota and escalation (features/oncall)
  "POST /api/v1/oncall/shifts": ADMIN,
  "GET /api/v1/oncall/shifts": READ,
  "GET /api/v1/oncall/now": READ,
  "GET /api/v1/oncall/officers": READ,
  "PUT /api/v1/oncall/officers/:id": ADMIN,
  "POST /api/v1/oncall/patterns": ADMIN,
  "POST /api/v1/oncall/patterns/:id/exceptions": ADMIN,
  "POST /api/v1/oncall/shifts/:id/swaps": ACKNOWLEDGE,
  "GET /api/v1/oncall/swaps": ACKNOWLEDGE,
  "POST /api/v1/oncall/swaps/:id/decision": ACKNOWLEDGE,
  "POST /api/v1/oncall/calendar": ACKNOWLEDGE,
  "GET /api/v1/oncall/escalation": READ,
  "PUT /api/v1/oncall/escalation": ADMIN,
  "GET /api/v1/oncall/escalations": READ,
  "POST /api/v1/oncall/escalations/:id/acknowledge": ACKNOWLEDGE,
  "GET /api/v1/oncall/handover/prefill": ACKNOWLEDGE,
  "GET /api/v1/oncall/handovers": ACKNOWLEDGE,
  "POST /api/v1/oncall/handovers": ACKNOWLEDGE,
  "POST /api/v1/oncall/handovers/:id/acknowledge": ACKNOWLEDGE,
};

const ROLES: Role[] = ["admin", "duty", "analyst", "publisher", "observer"];

/** Routes a session may call but an API token never may (a stolen token strips no 2FA, mints no tokens). */
const SESSION_ONLY = new Set([
  "POST /api/v1/auth/totp/enrol",
  "POST /api/v1/auth/totp/confirm",
  "DELETE /api/v1/auth/totp",
  "GET /api/v1/auth/tokens",
  "POST /api/v1/auth/tokens",
  "DELETE /api/v1/auth/tokens/:id",
]);

/** Whether a caller with `role` (by token or session) may call the route. */
function admitted(key: string, admits: Role[] | typeof MEMBER, role: Role | typeof MEMBER, byToken: boolean): boolean {
  if (byToken && SESSION_ONLY.has(key)) return false;
  if (admits === MEMBER || role === MEMBER) {
    // Members: the member API, and with a session their own account under /auth/.
    return role === MEMBER && (admits === MEMBER || (!byToken && key.includes(" /api/v1/auth/") && admits === ANYONE));
  }
  return admits.includes(role);
}

interface Caller {
  label: string;
  /** The role it acts with; undefined: not signed in (anonymous, or a token that is no token). */
  role?: Role | typeof MEMBER;
  headers: (write: boolean) => Record<string, string>;
}

const callers: Caller[] = [
  { label: "no session", headers: () => ({}) },
  { label: "unknown bearer token", headers: () => ({ authorization: `Bearer fyr_${"A".repeat(43)}` }) },
];

beforeAll(async () => {
  const org = await makeOrganisation(app());
  const member = await makeMember(app(), org);
  const memberSession = await signInMember(app(), member);
  const minted = await app().fyr.http.inject({
    method: "POST",
    url: "/api/v1/auth/tokens",
    headers: memberSession,
    payload: { label: "guard test" },
  });
  const memberToken = minted.json<{ token: string }>().token;
  callers.push({ label: "member (token)", role: MEMBER, headers: () => ({ authorization: `Bearer ${memberToken}` }) });
  callers.push({
    label: "member (session)",
    role: MEMBER,
    headers: (write) => (write ? memberSession : { cookie: memberSession.cookie ?? "" }),
  });
  for (const role of ROLES) {
    const { token } = await createTokenFor(app(), { roles: [role] });
    callers.push({ label: `${role} (token)`, role, headers: () => ({ authorization: `Bearer ${token}` }) });
    const user = await createStaffUser(app(), { roles: [role] });
    const { cookie, csrfToken } = await signIn(app(), user.email, user.password);
    callers.push({
      label: `${role} (session)`,
      role,
      headers: (write): Record<string, string> => (write ? { cookie, "x-csrf-token": csrfToken } : { cookie }),
    });
  }
});

/** Every staff route the app registered, with a concrete URL; signing out comes last. */
function staffRoutes() {
  return guardedRoutes(app().fyr.http)
    .map((r) => ({ key: `${r.method} ${r.url}`, method: r.method, url: r.url.replace(/:\w+/g, "0") }))
    .sort((a, b) => Number(a.key.endsWith("/logout")) - Number(b.key.endsWith("/logout")));
}

describe("role checks before validation", () => {
  it("knows who may call every staff route the app registers, and nothing it does not", () => {
    const registered = staffRoutes().map((r) => r.key);
    expect(registered.length).toBeGreaterThan(80);
    expect([...registered].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const labels = [
    "no session",
    "unknown bearer token",
    ...[...ROLES, MEMBER].flatMap((r) => [`${r} (token)`, `${r} (session)`]),
  ];
  for (const label of labels) {
    it(`answers ${label} 401/403 on every route it may not call, before an empty or malformed body`, async () => {
      const caller = callers.find((c) => c.label === label);
      if (!caller) throw new Error(`no caller ${label}`);
      const wrong: string[] = [];
      let checked = 0;
      for (const route of staffRoutes()) {
        const admits = EXPECTED[route.key];
        if (admits === undefined || admits === "public") continue;
        checked++;
        const write = route.method !== "GET";
        for (const payload of write ? ['{"', "{}"] : [undefined]) {
          const res = await app().fyr.http.inject({
            method: route.method as "GET",
            url: route.url,
            headers: {
              ...caller.headers(write),
              ...(payload === undefined ? {} : { "content-type": "application/json" }),
            },
            ...(payload === undefined ? {} : { payload }),
          });
          const byToken = caller.label.endsWith("(token)");
          const expected =
            caller.role === undefined ? 401 : admitted(route.key, admits, caller.role, byToken) ? "admitted" : 403;
          const ok =
            expected === "admitted"
              ? res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode < 500
              : res.statusCode === expected;
          if (!ok) wrong.push(`${route.key} ${payload ?? ""}: ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
      }
      expect(checked).toBeGreaterThan(80);
      expect(wrong).toEqual([]);
    }, 120_000);
  }

  it("answers an observer's PATCH of an incident 403, not 400 about the missing version", async () => {
    const observer = callers.find((c) => c.label === "observer (token)");
    const res = await app().fyr.http.inject({
      method: "PATCH",
      url: "/api/v1/incidents/FYR-INC-2026-00001",
      headers: observer?.headers(true),
      payload: {},
    });
    expect(res.json()).toMatchObject({ status: 403, code: "forbidden" });
  });
});
