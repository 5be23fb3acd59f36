import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  AckDone,
  CalendarLink,
  EscalationList,
  EscalationPolicy,
  EscalationPolicyInput,
  EscalationPolicyList,
  EscalationQuery,
  HandoverCreate,
  HandoverList,
  HandoverPrefill,
  IdParams,
  OnDutyNow,
  PatternCreate,
  PatternCreated,
  PatternException,
  PersonContact,
  ShiftCreate,
  ShiftList,
  ShiftQuery,
  SwapDecision,
  SwapList,
  SwapRequest,
} from "../../../contract/oncall.js";
import { ONCALL_DUTY_ROLES } from "../../../contract/roles.js";
import { ADMINS, CASE_READERS, allow } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { acknowledgeFromConsole } from "./acknowledge.js";
import { calendarFeed, issueCalendarUrl } from "./calendar.js";
import { listEscalations } from "./escalations.js";
import { acknowledgeHandover, handoverPrefill, listHandovers, writeHandover } from "./handover.js";
import { listOfficers, setPhone } from "./people.js";
import { listPolicies, savePolicy } from "./policies.js";
import { addPatternException, createPattern, createShift, listShifts, onDutyNow } from "./rota.js";
import { decideSwap, listSwaps, requestSwap } from "./swaps.js";

const tags = ["oncall"];
const security = STAFF_SECURITY;
/** Duty officers (and admins): swaps, handovers, calendar, acknowledging (contract/roles.ts). */
const DUTY = allow(...ONCALL_DUTY_ROLES);
const Created = z.object({ id: z.uuid() });
const Officers = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), phone: z.string().nullable() })),
});

/** The rota and escalation for staff (/api/v1/oncall/…), and the calendar feed at its secret URL. */
export function registerOncallStaffRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const as = (req: FastifyRequest, roles: typeof DUTY) => staffContext(req, deps, roles);

  app.post(
    "/api/v1/oncall/shifts",
    { config: ADMINS, schema: { tags, security, body: ShiftCreate, response: { 201: Created } } },
    async (req, reply) => reply.status(201).send(await createShift(as(req, ADMINS), req.body)),
  );
  app.get(
    "/api/v1/oncall/shifts",
    { config: CASE_READERS, schema: { tags, security, querystring: ShiftQuery, response: { 200: ShiftList } } },
    async (req) => listShifts(as(req, CASE_READERS), req.query),
  );
  app.get(
    "/api/v1/oncall/now",
    { config: CASE_READERS, schema: { tags, security, response: { 200: OnDutyNow } } },
    async (req) => onDutyNow(as(req, CASE_READERS)),
  );
  app.get(
    "/api/v1/oncall/officers",
    { config: CASE_READERS, schema: { tags, security, response: { 200: Officers } } },
    async (req) => listOfficers(as(req, CASE_READERS)),
  );
  app.put(
    "/api/v1/oncall/officers/:id",
    { config: ADMINS, schema: { tags, security, params: IdParams, body: PersonContact, response: { 204: z.null() } } },
    async (req, reply) => {
      await setPhone(as(req, ADMINS), req.params.id, req.body.phone);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/api/v1/oncall/patterns",
    { config: ADMINS, schema: { tags, security, body: PatternCreate, response: { 201: PatternCreated } } },
    async (req, reply) => reply.status(201).send(await createPattern(as(req, ADMINS), req.body)),
  );
  app.post(
    "/api/v1/oncall/patterns/:id/exceptions",
    {
      config: ADMINS,
      schema: { tags, security, params: IdParams, body: PatternException, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await addPatternException(as(req, ADMINS), req.params.id, req.body.date);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/api/v1/oncall/shifts/:id/swaps",
    { config: DUTY, schema: { tags, security, params: IdParams, body: SwapRequest, response: { 201: Created } } },
    async (req, reply) => reply.status(201).send(await requestSwap(as(req, DUTY), req.params.id, req.body.toUserId)),
  );
  app.get(
    "/api/v1/oncall/swaps",
    { config: DUTY, schema: { tags, security, response: { 200: SwapList } } },
    async (req) => listSwaps(as(req, DUTY)),
  );
  app.post(
    "/api/v1/oncall/swaps/:id/decision",
    { config: DUTY, schema: { tags, security, params: IdParams, body: SwapDecision, response: { 204: z.null() } } },
    async (req, reply) => {
      await decideSwap(as(req, DUTY), req.params.id, req.body.accept);
      return reply.status(204).send(null);
    },
  );
  app.post(
    "/api/v1/oncall/calendar",
    { config: DUTY, schema: { tags, security, response: { 200: CalendarLink } } },
    async (req) => issueCalendarUrl(as(req, DUTY)),
  );
  app.get(
    "/api/v1/oncall/escalation",
    { config: CASE_READERS, schema: { tags, security, response: { 200: EscalationPolicyList } } },
    async (req) => listPolicies(as(req, CASE_READERS)),
  );
  app.put(
    "/api/v1/oncall/escalation",
    { config: ADMINS, schema: { tags, security, body: EscalationPolicyInput, response: { 200: EscalationPolicy } } },
    async (req) => savePolicy(as(req, ADMINS), req.body),
  );
  app.get(
    "/api/v1/oncall/escalations",
    {
      config: CASE_READERS,
      schema: { tags, security, querystring: EscalationQuery, response: { 200: EscalationList } },
    },
    async (req) => listEscalations(as(req, CASE_READERS), req.query.subject),
  );
  app.post(
    "/api/v1/oncall/escalations/:id/acknowledge",
    { config: DUTY, schema: { tags, security, params: IdParams, response: { 200: AckDone } } },
    async (req) => acknowledgeFromConsole(as(req, DUTY), req.params.id),
  );
  app.get(
    "/api/v1/oncall/handover/prefill",
    { config: DUTY, schema: { tags, security, response: { 200: HandoverPrefill } } },
    async (req) => handoverPrefill(as(req, DUTY)),
  );
  app.get(
    "/api/v1/oncall/handovers",
    { config: DUTY, schema: { tags, security, response: { 200: HandoverList } } },
    async (req) => listHandovers(as(req, DUTY)),
  );
  app.post(
    "/api/v1/oncall/handovers",
    { config: DUTY, schema: { tags, security, body: HandoverCreate, response: { 201: Created } } },
    async (req, reply) => reply.status(201).send(await writeHandover(as(req, DUTY), req.body)),
  );
  app.post(
    "/api/v1/oncall/handovers/:id/acknowledge",
    { config: DUTY, schema: { tags, security, params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await acknowledgeHandover(as(req, DUTY), req.params.id);
      return reply.status(204).send(null);
    },
  );

  // The calendar app's subscription: no sign-in, the secret URL is the credential (RFC 5545 text).
  app.get<{ Params: { token: string } }>("/oncall/calendar/:token", { schema: { hide: true } }, async (req, reply) => {
    const token = req.params.token.replace(/\.ics$/, "");
    const feed = await calendarFeed(deps, token);
    if (!feed) return reply.status(404).type("text/plain").send("Not found");
    return reply
      .type("text/calendar; charset=utf-8")
      .header("cache-control", "no-store")
      .header("referrer-policy", "no-referrer")
      .send(feed);
  });
}
