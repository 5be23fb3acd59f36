import fastifyMultipart from "@fastify/multipart";
import type { FastifyContextConfig, FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { ReportSubmission } from "../../../contract/intake.js";
import { anonymous } from "../../platform/auth/actor.js";
import type { AppDeps } from "../../platform/deps.js";
import { AppError } from "../../platform/errors.js";
import { handleError, statusOfKind } from "../../platform/http/problem.js";
import type { FyrApp } from "../../platform/http/types.js";
import { portalStylesheets } from "../../platform/http/web.js";
import { scheduleBlobSweep } from "./blob-sweep.js";
import { readMultipartUpload } from "./multipart-intake.js";
import { parseInput } from "./parse-input.js";
import { type PlainValues, plainProblems, plainSubmission, plainValues } from "./plain-form.js";
import type { PlainFormState } from "./portal-html-form.js";
import {
  type PlainPageContext,
  plainContext,
  plainDocument,
  plainFollowUpPage,
  plainFormPage,
  plainReceiptPage,
} from "./portal-html.js";
import { requestLanguage } from "./portal-words.js";
import { submitReport } from "./submit-report.js";
import type { StoredAttachment } from "./types.js";
import { uploadQuota } from "./upload-quota.js";

type PlainDeps = Pick<AppDeps, "db" | "clock" | "config" | "blobs" | "counter">;

const HTML = "text/html; charset=utf-8";
// The plain form has a dozen fields; some room for browsers that add their own.
const MAX_FIELDS = 40;

/**
 * The portal without JavaScript: `POST /report` takes the plain form (urlencoded or multipart with
 * files) through the same validation and submitReport as the API, within the same rate limit and
 * upload quota, and answers with a page — the receipt, or the form again with what to fix.
 * Returns what the portal's pages show inside <noscript> (platform/http/web.ts serves them).
 */
export function registerPlainReportForm(app: FyrApp, deps: PlainDeps): { noscript: (req: FastifyRequest) => string } {
  const { config } = deps;
  const rateLimit: FastifyContextConfig =
    config.publicRateLimit > 0 ? { rateLimit: { max: config.publicRateLimit, timeWindow: 60_000 } } : {};
  const limits = { maxAttachmentBytes: config.maxAttachmentBytes, maxReportBytes: config.maxReportBytes };
  const blank = (language: PlainValues["language"]): PlainFormState => ({
    values: { ...plainValues({}), language, tlp: "TLP:AMBER" },
    problems: {},
    failure: null,
  });
  const page = (reply: FastifyReply, c: PlainPageContext, status: number, title: string, body: { html: string }) =>
    reply
      .status(status)
      .type(HTML)
      .header("cache-control", "no-store")
      .send(plainDocument(c, title, body, portalStylesheets()));

  void app.register(async (scope: FyrApp) => {
    await scope.register(fastifyMultipart, {
      limits: {
        fileSize: config.maxAttachmentBytes + 1,
        files: 100,
        fields: MAX_FIELDS,
        fieldSize: config.bodyLimitBytes,
        parts: 100 + MAX_FIELDS,
      },
    });
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: config.bodyLimitBytes },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    // Too many tries (the rate limit answers before the handler): a page, not problem+json.
    scope.setErrorHandler((err: FastifyError, req, reply) => {
      if (err.statusCode !== 429) return handleError(err, req, reply);
      const c = plainContext(requestLanguage(req.query, req.headers["accept-language"]), config.cert, "/report");
      const state = { ...blank(c.language), failure: c.words("errors.rate_limited") };
      return page(reply, c, 429, c.words("report.title"), plainFormPage(c, state, limits));
    });

    scope.post("/report", { config: rateLimit, schema: { hide: true } }, async (req, reply) => {
      const fields: Record<string, string> = {};
      let attachments: StoredAttachment[] = [];
      let sentFiles = false;
      // Checked before the first file is stored, and again once every field is in.
      const check = () => parseInput(ReportSubmission, plainSubmission(plainValues(fields)), "body");
      try {
        if (req.isMultipart()) {
          const upload = await readMultipartUpload(req, {
            blobs: deps.blobs,
            limits: config,
            jsonField: "",
            checkJson: () => undefined,
            onField: (name, value, truncated) => {
              if (truncated) throw new AppError("body_too_large", "too_large", "A field of the form is too long");
              fields[name] = value;
            },
            beforeFirstFile: async () => {
              sentFiles = true;
              check();
              await scheduleBlobSweep(deps.db, deps.clock);
            },
            quota: uploadQuota(deps.counter, config.publicUploadBytesPerHour, req.ip),
          });
          attachments = upload.attachments;
        } else if (typeof req.body === "object" && req.body !== null) {
          Object.assign(fields, req.body);
        }
        const input = check();
        const ctx = { db: deps.db, clock: deps.clock, config, actor: anonymous, ip: req.ip };
        const receipt = await submitReport(ctx, input, attachments, { kind: "web" });
        const c = plainContext(input.language, config.cert, "/report");
        const followUpUrl = `${config.publicUrl}/follow-up#${receipt.followUpToken}`;
        const emailed = input.reporter.email !== null;
        return page(reply, c, 200, c.words("receipt.title"), plainReceiptPage(c, { ...receipt, followUpUrl, emailed }));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const values = plainValues(fields);
        const c = plainContext(values.language, config.cert, "/report");
        const found = plainProblems(err.details.errors ?? [], values);
        const failure = [
          err.code === "validation_failed" && !found.other ? c.words("plain.fixFields") : wordError(c, err.code),
          sentFiles || err.kind === "too_large" ? c.words("plain.filesAgain") : "",
        ]
          .filter(Boolean)
          .join(" ");
        const state: PlainFormState = { values, problems: found.fields, failure };
        return page(reply, c, statusOfKind(err.kind), c.words("report.title"), plainFormPage(c, state, limits));
      }
    });
  });

  return {
    noscript: (req) => {
      const path = req.url.split("?")[0] ?? "/";
      const c = plainContext(requestLanguage(req.query, req.headers["accept-language"]), config.cert, path);
      return (path.startsWith("/follow-up") ? plainFollowUpPage(c) : plainFormPage(c, blank(c.language), limits)).html;
    },
  };
}

// A refusal in the reader's words: the web's wording of the code, else a general one.
function wordError(c: PlainPageContext, code: string): string {
  const worded = c.words(`errors.${code}`);
  return worded === `errors.${code}` ? c.words("plain.sendFailed") : worded;
}
