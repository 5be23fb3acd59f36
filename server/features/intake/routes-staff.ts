import type { FastifyRequest } from "fastify";
import {
  AcknowledgeInput,
  CertMessageInput,
  CertMessageReceipt,
  RejectInput,
  ReportAttachmentParams,
  ReportDetail,
  ReportReferenceParams,
  ReportsPage,
  ReportsQuery,
} from "../../../contract/intake-staff.js";
import { ReportReceipt, ReportSubmission } from "../../../contract/intake.js";
import { CASE_READERS, CASE_WORKERS, REPORT_ACKNOWLEDGERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, staffContext, sendDownload } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { acknowledgeReport, rejectReport } from "./acknowledge-report.js";
import { downloadAttachment, downloadOriginalMessage, downloadReplyOriginal } from "./download.js";
import { listReports } from "./list-reports.js";
import { getReport } from "./report-detail.js";
import { sendCertMessage } from "./send-cert-message.js";
import { submitReport } from "./submit-report.js";

const tags = ["reports"];
const security = STAFF_SECURITY;

type StaffDeps = Pick<AppDeps, "db" | "clock" | "config" | "blobs">;

/** The staff's Reports routes (/api/v1/reports): inbox, one report, files, acknowledge, reject, write, phone. */
export function registerIntakeStaffRoutes(app: FyrApp, deps: StaffDeps): void {
  const ctx = (req: FastifyRequest, write: boolean) => staffContext(req, deps, write ? CASE_WORKERS : CASE_READERS);

  app.get(
    "/api/v1/reports",
    { config: CASE_READERS, schema: { tags, security, querystring: ReportsQuery, response: { 200: ReportsPage } } },
    async (req) => listReports(ctx(req, false), req.query),
  );

  app.post(
    "/api/v1/reports",
    { config: CASE_WORKERS, schema: { tags, security, body: ReportSubmission, response: { 201: ReportReceipt } } },
    async (req, reply) => {
      const receipt = await submitReport(ctx(req, true), req.body, [], { kind: "phone" });
      return reply.status(201).send({
        reference: receipt.reference,
        followUpToken: receipt.followUpToken,
        followUpUrl: `${deps.config.publicUrl}/follow-up#${receipt.followUpToken}`,
        receivedAt: receipt.receivedAt.toISOString(),
      });
    },
  );

  app.get(
    "/api/v1/reports/:reference",
    {
      config: CASE_READERS,
      schema: { tags, security, params: ReportReferenceParams, response: { 200: ReportDetail } },
    },
    async (req) => getReport(ctx(req, false), req.params.reference),
  );

  app.get(
    "/api/v1/reports/:reference/attachments/:id",
    { config: CASE_READERS, schema: { tags, security, params: ReportAttachmentParams } },
    async (req, reply) =>
      sendDownload(reply, await downloadAttachment(ctx(req, false), deps.blobs, req.params.reference, req.params.id)),
  );

  app.get(
    "/api/v1/reports/:reference/original",
    { config: CASE_READERS, schema: { tags, security, params: ReportReferenceParams } },
    async (req, reply) =>
      sendDownload(reply, await downloadOriginalMessage(ctx(req, false), deps.blobs, req.params.reference)),
  );

  app.get(
    "/api/v1/reports/:reference/messages/:id/original",
    { config: CASE_READERS, schema: { tags, security, params: ReportAttachmentParams } },
    async (req, reply) =>
      sendDownload(
        reply,
        await downloadReplyOriginal(ctx(req, false), deps.blobs, req.params.reference, req.params.id),
      ),
  );

  app.post(
    "/api/v1/reports/:reference/acknowledge",
    {
      config: REPORT_ACKNOWLEDGERS,
      schema: {
        tags,
        security,
        params: ReportReferenceParams,
        body: AcknowledgeInput.nullish(),
        response: { 200: ReportDetail },
      },
    },
    async (req) => {
      const c = ctx(req, true);
      await acknowledgeReport(c, req.params.reference, req.body ?? { notifyReporter: false });
      return getReport(c, req.params.reference);
    },
  );

  app.post(
    "/api/v1/reports/:reference/reject",
    {
      config: CASE_WORKERS,
      schema: { tags, security, params: ReportReferenceParams, body: RejectInput, response: { 200: ReportDetail } },
    },
    async (req) => {
      const c = ctx(req, true);
      await rejectReport(c, req.params.reference, req.body);
      return getReport(c, req.params.reference);
    },
  );

  app.post(
    "/api/v1/reports/:reference/messages",
    {
      config: CASE_WORKERS,
      schema: {
        tags,
        security,
        params: ReportReferenceParams,
        body: CertMessageInput,
        response: { 201: CertMessageReceipt },
      },
    },
    async (req, reply) => reply.status(201).send(await sendCertMessage(ctx(req, true), req.params.reference, req.body)),
  );
}
