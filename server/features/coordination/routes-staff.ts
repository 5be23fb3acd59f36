import fastifyMultipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import {
  CaseCreate,
  CaseDetail,
  CaseList,
  CaseListQuery,
  CaseParams,
  CaseUpdate,
  FileParams,
  NotifyInput,
  ParticipantCreate,
  ParticipantParams,
  ParticipantUpdate,
  PostCreate,
  PostParams,
  PostUpdate,
  StatusChange,
} from "../../../contract/coordination.js";
import { COORDINATION_READER_ROLES, COORDINATOR_ROLES } from "../../../contract/roles.js";
import { allow } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, sendDownload, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { readMultipartUpload, scheduleBlobSweep } from "../intake/service.js";
import { createCase, getCase, listCases, loadStaffCase, updateCase } from "./cases.js";
import { attachFiles, downloadStaffFile } from "./files.js";
import { addParticipant, notifyParticipant, setParticipantStatus, updateParticipant } from "./participants.js";
import { createPost, pinPost } from "./posts.js";

const tags = ["coordination"];
const security = STAFF_SECURITY;
const READERS = allow(...COORDINATION_READER_ROLES);
const COORDINATORS = allow(...COORDINATOR_ROLES);
const MAX_FILES = 10;

/** Coordination cases for staff (/api/v1/coordination/…): cases, participants, statuses, posts, files. */
export function registerCoordinationStaffRoutes(app: FyrApp, deps: AppDeps): void {
  const reader = (req: FastifyRequest) => staffContext(req, deps, READERS);
  const coordinator = (req: FastifyRequest) => staffContext(req, deps, COORDINATORS);
  const detail = { 200: CaseDetail };

  app.get(
    "/api/v1/coordination/cases",
    { config: READERS, schema: { tags, security, querystring: CaseListQuery, response: { 200: CaseList } } },
    async (req) => listCases(reader(req), req.query),
  );
  app.post(
    "/api/v1/coordination/cases",
    { config: COORDINATORS, schema: { tags, security, body: CaseCreate, response: { 201: CaseDetail } } },
    async (req, reply) => reply.status(201).send(await createCase(coordinator(req), req.body)),
  );
  app.get(
    "/api/v1/coordination/cases/:reference",
    { config: READERS, schema: { tags, security, params: CaseParams, response: detail } },
    async (req) => getCase(reader(req), req.params.reference),
  );
  app.patch(
    "/api/v1/coordination/cases/:reference",
    { config: COORDINATORS, schema: { tags, security, params: CaseParams, body: CaseUpdate, response: detail } },
    async (req) => updateCase(coordinator(req), req.params.reference, req.body),
  );
  app.post(
    "/api/v1/coordination/cases/:reference/participants",
    {
      config: COORDINATORS,
      schema: { tags, security, params: CaseParams, body: ParticipantCreate, response: { 201: CaseDetail } },
    },
    async (req, reply) =>
      reply.status(201).send(await addParticipant(coordinator(req), req.params.reference, req.body)),
  );
  app.patch(
    "/api/v1/coordination/cases/:reference/participants/:participantId",
    {
      config: COORDINATORS,
      schema: { tags, security, params: ParticipantParams, body: ParticipantUpdate, response: detail },
    },
    async (req) => updateParticipant(coordinator(req), req.params.reference, req.params.participantId, req.body),
  );
  app.post(
    "/api/v1/coordination/cases/:reference/participants/:participantId/notify",
    {
      config: COORDINATORS,
      schema: {
        tags,
        security,
        description: "Mails the participant's contacts (all, or the addresses given) in each one's language.",
        params: ParticipantParams,
        body: NotifyInput,
        response: detail,
      },
    },
    async (req) => notifyParticipant(coordinator(req), req.params.reference, req.params.participantId, req.body),
  );
  app.post(
    "/api/v1/coordination/cases/:reference/participants/:participantId/status",
    {
      config: COORDINATORS,
      schema: { tags, security, params: ParticipantParams, body: StatusChange, response: detail },
    },
    async (req) => setParticipantStatus(coordinator(req), req.params.reference, req.params.participantId, req.body),
  );
  app.post(
    "/api/v1/coordination/cases/:reference/posts",
    {
      config: COORDINATORS,
      schema: {
        tags,
        security,
        description:
          "A post to all participants or chosen ones; its TLP never weaker than the case's (400 `tlp_below_case`), TLP:RED only to named participants. Report material reaches a participant only as the reporter's sharing consent allows.",
        params: CaseParams,
        body: PostCreate,
        response: { 201: CaseDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createPost(coordinator(req), req.params.reference, req.body)),
  );
  app.patch(
    "/api/v1/coordination/cases/:reference/posts/:postId",
    { config: COORDINATORS, schema: { tags, security, params: PostParams, body: PostUpdate, response: detail } },
    async (req) => pinPost(coordinator(req), req.params.reference, req.params.postId, req.body.pinned),
  );
  app.get(
    "/api/v1/coordination/cases/:reference/files/:fileId",
    { config: READERS, schema: { tags, security, params: FileParams } },
    async (req, reply) =>
      sendDownload(reply, await downloadStaffFile(reader(req), deps.blobs, req.params.reference, req.params.fileId)),
  );

  // Uploads: multipart in a scope of its own, every file streamed into the blob store.
  void app.register(async (scope: FyrApp) => {
    await scope.register(fastifyMultipart, {
      limits: {
        fileSize: deps.config.maxAttachmentBytes + 1,
        files: MAX_FILES,
        fields: 10,
        fieldSize: 1024,
        parts: MAX_FILES + 10,
      },
    });
    scope.post(
      "/api/v1/coordination/cases/:reference/posts/:postId/files",
      {
        config: COORDINATORS,
        schema: { tags, security, params: PostParams, response: { 201: CaseDetail } },
      },
      async (req, reply) => {
        const c = coordinator(req);
        // Before any byte is stored: the post must be one the coordinator may change.
        await loadStaffCase(c, req.params.reference);
        const upload = await readMultipartUpload(req, {
          blobs: deps.blobs,
          limits: deps.config,
          jsonField: "",
          checkJson: () => undefined,
          beforeFirstFile: () => scheduleBlobSweep(deps.db, deps.clock),
        });
        return reply
          .status(201)
          .send(await attachFiles(c, req.params.reference, req.params.postId, upload.attachments));
      },
    );
  });
}
