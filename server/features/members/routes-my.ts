import { Readable } from "node:stream";
import type { FastifyRequest } from "fastify";
import { EventDayCounts, FeedEventPage, MyEventCountQuery, MyEventQuery } from "../../../contract/feeds.js";
import {
  ChangeRequest,
  ChangeRequestCreate,
  ChangeRequestList,
  ChangeRequestParams,
  ChangeRequestQuery,
  MyOrganisation,
  MyOrganisationParams,
  MyOrganisationTree,
} from "../../../contract/members.js";
import { MEMBERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, sendDownload, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { getMyChangeRequest, listMyChangeRequests, requestChange } from "./change-requests.js";
import { countMyEvents, listMyEvents, myEventsCsv } from "./my-events.js";
import { getMyOrganisation, getMyOrganisationTree } from "./my-organisation.js";
import { asMember } from "./policy.js";

const tags = ["member API"];
const security = STAFF_SECURITY;

/**
 * The member API (/api/v1/my/…), served where the public role runs: a member's organisation and their
 * change requests and security events, by session or by the member's own API token (made at /api/v1/auth/tokens). Everything
 * is read through members/policy.ts.
 */
export function registerMemberApiRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const member = (req: FastifyRequest) => asMember(staffContext(req, deps, MEMBERS));
  const withZone = (req: FastifyRequest) => ({
    ...member(req),
    timeZone: deps.config.timeZone,
    exportMax: deps.config.eventExportMax,
  });

  app.get(
    "/api/v1/my/events",
    {
      config: MEMBERS,
      schema: {
        tags,
        security,
        description:
          "The member's organisation's events (and those below it), newest first; `format=csv` downloads the window (default the last 30 days, at most FYR_EVENT_EXPORT_MAX events, else 413) with a header row of harmonization names.",
        querystring: MyEventQuery,
        response: { 200: FeedEventPage },
      },
    },
    async (req, reply) => {
      if (req.query.format === "json") return listMyEvents(withZone(req), req.query);
      const text = await myEventsCsv(withZone(req), req.query);
      return sendDownload(reply, {
        filename: `events${req.query.from ? `-${req.query.from.slice(0, 10)}` : ""}${req.query.to ? `-${req.query.to.slice(0, 10)}` : ""}.csv`,
        size: null,
        sha256: null,
        contentType: "text/csv; charset=utf-8",
        stream: Readable.from(text),
      });
    },
  );
  app.get(
    "/api/v1/my/events/counts",
    {
      config: MEMBERS,
      schema: { tags, security, querystring: MyEventCountQuery, response: { 200: EventDayCounts } },
    },
    async (req) => countMyEvents(withZone(req), req.query),
  );

  app.get(
    "/api/v1/my/organisation",
    { config: MEMBERS, schema: { tags, security, response: { 200: MyOrganisationTree } } },
    async (req) => getMyOrganisationTree(member(req)),
  );
  app.get(
    "/api/v1/my/organisations/:id",
    { config: MEMBERS, schema: { tags, security, params: MyOrganisationParams, response: { 200: MyOrganisation } } },
    async (req) => getMyOrganisation(member(req), req.params.id),
  );
  app.get(
    "/api/v1/my/change-requests",
    {
      config: MEMBERS,
      schema: { tags, security, querystring: ChangeRequestQuery, response: { 200: ChangeRequestList } },
    },
    async (req) => listMyChangeRequests(member(req), req.query),
  );
  app.post(
    "/api/v1/my/change-requests",
    { config: MEMBERS, schema: { tags, security, body: ChangeRequestCreate, response: { 201: ChangeRequest } } },
    async (req, reply) => reply.status(201).send(await requestChange(member(req), req.body)),
  );
  app.get(
    "/api/v1/my/change-requests/:id",
    { config: MEMBERS, schema: { tags, security, params: ChangeRequestParams, response: { 200: ChangeRequest } } },
    async (req) => getMyChangeRequest(member(req), req.params.id),
  );
}
