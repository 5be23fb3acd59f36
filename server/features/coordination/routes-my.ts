import type { FastifyRequest } from "fastify";
import {
  CaseList,
  CaseParams,
  FileParams,
  MemberPostCreate,
  MyCaseDetail,
  StatusChange,
} from "../../../contract/coordination.js";
import { MEMBERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, sendDownload, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { asMember } from "../members/policy.js";
import { downloadMemberFile } from "./files.js";
import { type MemberCaseContext, getMyCase, listMyCases, postAsMember, setMyStatus } from "./my-cases.js";

const tags = ["member API"];
const security = STAFF_SECURITY;

/** The member area's coordination (/api/v1/my/coordination/…): the cases the member's organisation is in. */
export function registerCoordinationMemberRoutes(app: FyrApp, deps: AppDeps): void {
  const member = (req: FastifyRequest): MemberCaseContext => ({
    ...asMember(staffContext(req, deps, MEMBERS)),
    config: deps.config,
  });
  app.get(
    "/api/v1/my/coordination/cases",
    { config: MEMBERS, schema: { tags, security, response: { 200: CaseList } } },
    async (req) => listMyCases(member(req)),
  );
  app.get(
    "/api/v1/my/coordination/cases/:reference",
    {
      config: MEMBERS,
      schema: {
        tags,
        security,
        description:
          "The case as the member's organisation takes part in it: its own status and history, and only the posts addressed to it. 404 for a case it is not in.",
        params: CaseParams,
        response: { 200: MyCaseDetail },
      },
    },
    async (req) => getMyCase(member(req), req.params.reference),
  );
  app.post(
    "/api/v1/my/coordination/cases/:reference/status",
    {
      config: MEMBERS,
      schema: { tags, security, params: CaseParams, body: StatusChange, response: { 200: MyCaseDetail } },
    },
    async (req) => setMyStatus(member(req), req.params.reference, req.body),
  );
  app.post(
    "/api/v1/my/coordination/cases/:reference/posts",
    {
      config: MEMBERS,
      schema: { tags, security, params: CaseParams, body: MemberPostCreate, response: { 201: MyCaseDetail } },
    },
    async (req, reply) => reply.status(201).send(await postAsMember(member(req), req.params.reference, req.body)),
  );
  app.get(
    "/api/v1/my/coordination/cases/:reference/files/:fileId",
    { config: MEMBERS, schema: { tags, security, params: FileParams } },
    async (req, reply) =>
      sendDownload(reply, await downloadMemberFile(member(req), deps.blobs, req.params.reference, req.params.fileId)),
  );
}
