import fastifyMultipart from "@fastify/multipart";
import type { FastifyContextConfig, FastifyRequest } from "fastify";
import type { z } from "zod";
import {
  FollowUpMessageInput,
  FollowUpMessageReceipt,
  FollowUpView,
  IntakeLimits,
  ReportReceipt,
  ReportSubmission,
} from "../../../contract/intake.js";
import { anonymous } from "../../platform/auth/actor.js";
import type { AppDeps } from "../../platform/deps.js";
import { AppError } from "../../platform/errors.js";
import { serviceContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { addReporterMessage } from "./add-reporter-message.js";
import { scheduleBlobSweep } from "./blob-sweep.js";
import { reportForFollowUp, viewFollowUp } from "./follow-up.js";
import { readMultipartUpload } from "./multipart-intake.js";
import { parseInput, parseJsonField } from "./parse-input.js";
import { submitReport } from "./submit-report.js";
import type { IntakeContext, StoredAttachment } from "./types.js";
import { uploadQuota } from "./upload-quota.js";

const tags = ["intake"];
const MAX_FILES = 100;

type PublicDeps = Pick<AppDeps, "db" | "clock" | "config" | "blobs" | "counter"> &
  Pick<IntakeContext, "reporterAnswered">;

/**
 * The public intake surface (/api/public/v1): the size limits, submit a report (JSON or multipart
 * with files) and follow it up with the token from the receipt. Rate-limited per client address.
 */
export function registerIntakePublicRoutes(app: FyrApp, deps: PublicDeps): void {
  const { config } = deps;
  // Per client address; 0 turns it off (benchmarks, a trusted proxy that limits already).
  const rateLimit: FastifyContextConfig =
    config.publicRateLimit > 0 ? { rateLimit: { max: config.publicRateLimit, timeWindow: 60_000 } } : {};
  const ctx = (req: FastifyRequest): IntakeContext => ({
    ...serviceContext(req, deps, anonymous),
    config,
    reporterAnswered: deps.reporterAnswered,
  });

  // Reads a JSON body, or a multipart one: JSON in `jsonField`, files streamed to the blob store.
  async function readBody<T extends z.ZodType>(
    req: FastifyRequest,
    schema: T,
    jsonField: string,
  ): Promise<{ input: z.output<T>; attachments: StoredAttachment[] }> {
    if (!req.isMultipart()) return { input: parseInput(schema, req.body, "body"), attachments: [] };
    const upload = await readMultipartUpload(req, {
      blobs: deps.blobs,
      limits: config,
      jsonField,
      checkJson: (text) => parseInput(schema, parseJsonField(text, `body.${jsonField}`), `body.${jsonField}`),
      beforeFirstFile: () => scheduleBlobSweep(deps.db, deps.clock),
      quota: uploadQuota(deps.counter, config.publicUploadBytesPerHour, req.ip),
    });
    if (upload.json === null)
      throw new AppError("validation_failed", "invalid", "Some fields are invalid", {
        errors: [{ path: `body.${jsonField}`, message: "required", code: "required" }],
      });
    const input = parseInput(schema, parseJsonField(upload.json, `body.${jsonField}`), `body.${jsonField}`);
    return { input, attachments: upload.attachments };
  }

  // The configured limits, so the web form states them and refuses a too-large file before upload.
  const limits: IntakeLimits = {
    maxAttachmentBytes: config.maxAttachmentBytes,
    maxReportBytes: config.maxReportBytes,
    maxBodyBytes: config.bodyLimitBytes,
  };
  app.get(
    "/api/public/v1/limits",
    { config: rateLimit, schema: { tags, response: { 200: IntakeLimits } } },
    async () => limits,
  );

  void app.register(async (scope: FyrApp) => {
    await scope.register(fastifyMultipart, {
      limits: {
        // One byte over the limit lets the blob store notice and answer with the limit.
        fileSize: config.maxAttachmentBytes + 1,
        files: MAX_FILES,
        fields: 10,
        fieldSize: config.bodyLimitBytes,
        parts: MAX_FILES + 10,
      },
    });

    scope.post(
      "/api/public/v1/reports",
      { config: rateLimit, schema: { tags, response: { 201: ReportReceipt } } },
      async (req, reply) => {
        const { input, attachments } = await readBody(req, ReportSubmission, "report");
        // The web form says so; everything else came through the API.
        const channel = req.headers["x-fyr-channel"] === "web" ? "web" : "api";
        const receipt = await submitReport(ctx(req), input, attachments, { kind: channel });
        return reply.status(201).send({
          reference: receipt.reference,
          followUpToken: receipt.followUpToken,
          followUpUrl: `${config.publicUrl}/follow-up#${receipt.followUpToken}`,
          receivedAt: receipt.receivedAt.toISOString(),
        });
      },
    );

    scope.get(
      "/api/public/v1/follow-up",
      { config: rateLimit, schema: { tags, security: [{ bearer: [] }], response: { 200: FollowUpView } } },
      async (req) => viewFollowUp(ctx(req), req.headers.authorization),
    );

    scope.post(
      "/api/public/v1/follow-up/messages",
      { config: rateLimit, schema: { tags, security: [{ bearer: [] }], response: { 201: FollowUpMessageReceipt } } },
      async (req, reply) => {
        // The token first: nothing of an unauthenticated upload reaches the blob store.
        const report = await reportForFollowUp(ctx(req), req.headers.authorization);
        const { input, attachments } = await readBody(req, FollowUpMessageInput, "message");
        const { sentAt } = await addReporterMessage(ctx(req), report.id, {
          body: input.body,
          attachments,
          via: "web",
          nis2: input.nis2,
        });
        return reply.status(201).send({ sentAt: sentAt.toISOString() });
      },
    );
  });
}
