import type { FastifyRequest } from "fastify";
import { MessageInput, MessageReceipt, ThreadsView } from "../../../../contract/correspondence.js";
import { IncidentReferenceParams } from "../../../../contract/incidents.js";
import { CASE_READERS, CASE_WORKERS } from "../../../platform/auth/guard.js";
import type { AppDeps } from "../../../platform/deps.js";
import { STAFF_SECURITY, staffContext } from "../../../platform/http/context.js";
import type { FyrApp } from "../../../platform/http/types.js";
import { listThreads } from "./list-threads.js";
import { certKeySource } from "./seal.js";
import { sendIncidentMessage } from "./send-message.js";
import type { CorrespondenceContext } from "./types.js";

const tags = ["incidents"];
const security = STAFF_SECURITY;

/** An incident's correspondence (/api/v1/incidents/:reference/messages): the threads, and writing. */
export function registerCorrespondenceRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const certKey = certKeySource(deps.config);
  // Observers pass here to read; writing refuses them in the service, after the visibility check.
  const ctx = (req: FastifyRequest): CorrespondenceContext => ({ ...staffContext(req, deps, CASE_READERS), certKey });

  app.get(
    "/api/v1/incidents/:reference/messages",
    {
      config: CASE_READERS,
      schema: { tags, security, params: IncidentReferenceParams, response: { 200: ThreadsView } },
    },
    async (req) => listThreads(ctx(req), req.params.reference),
  );

  app.post(
    "/api/v1/incidents/:reference/messages",
    {
      config: CASE_WORKERS,
      schema: {
        tags,
        security,
        params: IncidentReferenceParams,
        body: MessageInput,
        response: { 201: MessageReceipt },
      },
    },
    async (req, reply) => reply.status(201).send(await sendIncidentMessage(ctx(req), req.params.reference, req.body)),
  );
}
