import type { FastifyRequest } from "fastify";
import { ExportQuery } from "../../../contract/exchange.js";
import { IncidentReferenceParams } from "../../../contract/incidents.js";
import { CASE_WORKERS } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, sendDownload, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { exportIncident } from "./export-incident.js";

const tags = ["exchange"];

/**
 * Exports of an incident for partners and the public: a STIX 2.1 bundle and a MISP event. Case workers
 * only (an export hands material outside Fyr); `?audience=` names who it is for, and the sharing
 * decision cuts it down; the `Fyr-Withheld` header counts what was left out, by reason.
 */
export function registerExchangeRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  const ctx = (req: FastifyRequest) => staffContext(req, deps, CASE_WORKERS);
  for (const format of ["stix", "misp"] as const) {
    app.get(
      `/api/v1/incidents/:reference/export.${format}.json`,
      {
        config: CASE_WORKERS,
        schema: { tags, security: STAFF_SECURITY, params: IncidentReferenceParams, querystring: ExportQuery },
      },
      async (req, reply) => {
        const { download, withheld } = await exportIncident(ctx(req), req.params.reference, format, req.query.audience);
        reply.header("fyr-withheld", withheld);
        return sendDownload(reply, download);
      },
    );
  }
}
