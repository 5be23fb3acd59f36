import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  CaseFileList,
  CustodyRecordQuery,
  FileDetail,
  FileParams,
  FileVerification,
  MarkSampleInput,
} from "../../../contract/evidence.js";
import { IncidentReferenceParams } from "../../../contract/incidents.js";
import { CASE_READERS, CASE_WORKERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, sendDownload, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { listCaseFiles } from "./case-files.js";
import { custodyRecord } from "./custody-record.js";
import { RECORD_CSP } from "./custody-record-html.js";
import { getFileDetail } from "./file-detail.js";
import { markSample } from "./mark-sample.js";
import { openRawDownload } from "./raw-download.js";
import { downloadSampleZip } from "./sample-zip.js";
import { verifyFile } from "./verify-file.js";
import { filesWithContent } from "./files-with-content.js";

const tags = ["evidence"];
const security = STAFF_SECURITY;
const CASE_PATHS = { report: "/api/v1/reports", incident: "/api/v1/incidents" } as const;
const ContentQuery = z.object({ sha256: z.string().regex(/^[0-9a-fA-F]{64}$/) });

/**
 * Evidence: a case's files, a file's page (what it is, its custody), its bytes (refused for a sample),
 * the encrypted ZIP, the sample marking and the printable custody record. A file of a case hidden from
 * the caller answers 404 on every route, like one that does not exist (the services decide).
 */
export function registerEvidenceRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config" | "blobs">): void {
  const ctx = (req: FastifyRequest) => staffContext(req, deps, CASE_READERS);

  for (const [kind, base] of Object.entries(CASE_PATHS) as [keyof typeof CASE_PATHS, string][]) {
    app.get(
      `${base}/:reference/files`,
      {
        config: CASE_READERS,
        schema: { tags, security, params: IncidentReferenceParams, response: { 200: CaseFileList } },
      },
      async (req) => listCaseFiles(ctx(req), { kind, reference: req.params.reference }),
    );
  }

  app.get(
    "/api/v1/files",
    { config: CASE_READERS, schema: { tags, security, querystring: ContentQuery, response: { 200: CaseFileList } } },
    async (req) => filesWithContent(ctx(req), req.query.sha256),
  );

  app.get(
    "/api/v1/files/:id",
    { config: CASE_READERS, schema: { tags, security, params: FileParams, response: { 200: FileDetail } } },
    async (req) => getFileDetail(ctx(req), deps.blobs, req.params.id),
  );

  app.get(
    "/api/v1/files/:id/content",
    { config: CASE_READERS, schema: { tags, security, params: FileParams } },
    async (req, reply) => sendDownload(reply, await openRawDownload(ctx(req), deps.blobs, req.params.id, "file")),
  );

  app.get(
    "/api/v1/files/:id/sample.zip",
    { config: CASE_READERS, schema: { tags, security, params: FileParams } },
    async (req, reply) => sendDownload(reply, await downloadSampleZip(ctx(req), deps.blobs, req.params.id)),
  );

  app.post(
    "/api/v1/files/:id/sample",
    { config: CASE_WORKERS, schema: { tags, security, params: FileParams, body: MarkSampleInput } },
    async (req, reply) => {
      await markSample(ctx(req), req.params.id, req.body);
      return reply.status(204).send();
    },
  );

  app.post(
    "/api/v1/files/:id/verify",
    { config: CASE_WORKERS, schema: { tags, security, params: FileParams, response: { 200: FileVerification } } },
    async (req) => verifyFile(ctx(req), deps.blobs, req.params.id),
  );

  app.get(
    "/api/v1/files/:id/custody-record",
    { config: CASE_READERS, schema: { tags, security, params: FileParams, querystring: CustodyRecordQuery } },
    async (req, reply) => {
      const page = await custodyRecord(ctx(req), deps.blobs, req.params.id, req.query.language);
      // A page to read and print in the browser: its own CSP lets its one stylesheet apply, nothing else.
      return reply
        .type("text/html; charset=utf-8")
        .header("content-security-policy", RECORD_CSP)
        .header("content-disposition", "inline")
        .send(page);
    },
  );
}
