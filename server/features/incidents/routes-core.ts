import fastifyMultipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import {
  CaseStaff,
  IncidentAttachmentList,
  IncidentAttachmentParams,
  IncidentCreate,
  IncidentDetail,
  IncidentMemberInput,
  IncidentMemberParams,
  IncidentPatch,
  IncidentReferenceParams,
  IncidentReportParams,
  LinkReportInput,
  NoteInput,
  TimelineEntry,
  TimelinePage,
  TimelineQuery,
} from "../../../contract/incidents.js";
import { CASE_READERS, CASE_WORKERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext, sendDownload } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { readMultipartUpload, scheduleBlobSweep } from "../intake/service.js";
import { addAttachments, assertMayAttach, downloadIncidentAttachment, listAttachments } from "./attachments.js";
import { listCaseStaff } from "./case-staff.js";
import { createIncident } from "./create-incident.js";
import { getChangedIncident, getIncident } from "./incident-detail.js";
import { linkReport, unlinkReport } from "./link-report.js";
import { addMember, removeMember } from "./members.js";
import { addNote } from "./notes.js";
import { getTimeline } from "./timeline.js";
import { updateIncidentFields } from "./update-incident.js";

const tags = ["incidents"];
const security = STAFF_SECURITY;
const MAX_FILES = 100;

type CoreDeps = Pick<AppDeps, "db" | "clock" | "config" | "blobs">;

/**
 * The incident itself (/api/v1/incidents/{reference}): open, read, edit, link reports, members, notes,
 * the timeline and files. Each route names who may call it (`config`), checked before the body is
 * validated: an observer's write answers 403 whatever the incident, so it tells them nothing either.
 * Visibility (404 for a hidden incident) is the services' to decide, after that.
 */
export function registerIncidentCoreRoutes(app: FyrApp, deps: CoreDeps): void {
  const ctx = (req: FastifyRequest) => staffContext(req, deps, CASE_READERS);
  const detail = { response: { 200: IncidentDetail } };

  app.post(
    "/api/v1/incidents",
    { config: CASE_WORKERS, schema: { tags, security, body: IncidentCreate, response: { 201: IncidentDetail } } },
    async (req, reply) => {
      const c = ctx(req);
      const { id } = await createIncident(c, req.body);
      return reply.status(201).send(await getChangedIncident(c, id));
    },
  );

  app.get(
    "/api/v1/incidents/people",
    { config: CASE_READERS, schema: { tags, security, response: { 200: CaseStaff } } },
    async (req) => listCaseStaff(ctx(req)),
  );

  app.get(
    "/api/v1/incidents/:reference",
    { config: CASE_READERS, schema: { tags, security, params: IncidentReferenceParams, ...detail } },
    async (req) => getIncident(ctx(req), req.params.reference),
  );

  app.patch(
    "/api/v1/incidents/:reference",
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: IncidentReferenceParams, body: IncidentPatch, ...detail },
    },
    async (req) => {
      const c = ctx(req);
      return getChangedIncident(c, await updateIncidentFields(c, req.params.reference, req.body));
    },
  );

  app.post(
    "/api/v1/incidents/:reference/reports",
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: IncidentReferenceParams, body: LinkReportInput, ...detail },
    },
    async (req) => {
      const c = ctx(req);
      return getChangedIncident(c, await linkReport(c, req.params.reference, req.body.reference));
    },
  );

  app.delete(
    "/api/v1/incidents/:reference/reports/:report",
    { config: CASE_WORKERS, schema: { tags, security, params: IncidentReportParams, ...detail } },
    async (req) => {
      const c = ctx(req);
      return getChangedIncident(c, await unlinkReport(c, req.params.reference, req.params.report));
    },
  );

  app.post(
    "/api/v1/incidents/:reference/members",
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: IncidentReferenceParams, body: IncidentMemberInput, ...detail },
    },
    async (req) => {
      const c = ctx(req);
      return getChangedIncident(c, await addMember(c, req.params.reference, req.body.userId));
    },
  );

  app.delete(
    "/api/v1/incidents/:reference/members/:userId",
    { config: CASE_WORKERS, schema: { tags, security, params: IncidentMemberParams, ...detail } },
    async (req) => {
      const c = ctx(req);
      return getChangedIncident(c, await removeMember(c, req.params.reference, req.params.userId));
    },
  );

  app.post(
    "/api/v1/incidents/:reference/notes",
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: IncidentReferenceParams, body: NoteInput, response: { 201: TimelineEntry } },
    },
    async (req, reply) => reply.status(201).send(await addNote(ctx(req), req.params.reference, req.body)),
  );

  app.get(
    "/api/v1/incidents/:reference/timeline",
    {
      config: CASE_READERS,
      schema: {
        tags,
        security,
        params: IncidentReferenceParams,
        querystring: TimelineQuery,
        response: { 200: TimelinePage },
      },
    },
    async (req) => getTimeline(ctx(req), req.params.reference, req.query),
  );

  app.get(
    "/api/v1/incidents/:reference/attachments",
    {
      config: CASE_READERS,
      schema: { tags, security, params: IncidentReferenceParams, response: { 200: IncidentAttachmentList } },
    },
    async (req) => listAttachments(ctx(req), req.params.reference),
  );

  app.get(
    "/api/v1/incidents/:reference/attachments/:id",
    { config: CASE_READERS, schema: { tags, security, params: IncidentAttachmentParams } },
    async (req, reply) =>
      sendDownload(reply, await downloadIncidentAttachment(ctx(req), deps.blobs, req.params.reference, req.params.id)),
  );

  // Uploads: multipart in a scope of its own; every file streamed into the blob store, never buffered.
  void app.register(async (scope: FyrApp) => {
    await scope.register(fastifyMultipart, {
      limits: {
        // One byte over the limit lets the blob store notice and answer with the limit.
        fileSize: deps.config.maxAttachmentBytes + 1,
        files: MAX_FILES,
        fields: 10,
        fieldSize: 1024,
        parts: MAX_FILES + 10,
      },
    });
    scope.post(
      "/api/v1/incidents/:reference/attachments",
      {
        config: CASE_WORKERS,
        schema: { tags, security, params: IncidentReferenceParams, response: { 201: IncidentAttachmentList } },
      },
      async (req, reply) => {
        const c = ctx(req);
        await assertMayAttach(c, req.params.reference);
        const upload = await readMultipartUpload(req, {
          blobs: deps.blobs,
          limits: deps.config,
          // Files only: a text field has nothing to say here and is ignored.
          jsonField: "",
          checkJson: () => undefined,
          beforeFirstFile: () => scheduleBlobSweep(deps.db, deps.clock),
        });
        return reply.status(201).send(await addAttachments(c, req.params.reference, upload.attachments));
      },
    );
  });
}
