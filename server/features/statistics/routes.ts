import { Readable } from "node:stream";
import { STATISTICS_READER_ROLES } from "../../../contract/roles.js";
import { Statistics, StatisticsQuery } from "../../../contract/statistics.js";
import { allow } from "../../platform/auth/guard.js";
import type { AppDeps } from "../../platform/deps.js";
import { STAFF_SECURITY, sendDownload, staffContext } from "../../platform/http/context.js";
import type { FyrApp } from "../../platform/http/types.js";
import { statisticsCsv } from "./csv.js";
import { readStatistics } from "./statistics.js";

const STATISTICS_READERS = allow(...STATISTICS_READER_ROLES);

/** GET /api/v1/statistics (api-v1.md "Operations"): JSON, or `format=csv` as a download. */
export function registerStatisticsRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock" | "config">): void {
  app.get(
    "/api/v1/statistics",
    {
      config: STATISTICS_READERS,
      schema: {
        tags: ["statistics"],
        security: STAFF_SECURITY,
        description:
          "The CERT's figures for a period from the history of its cases: counts, KPI percentiles (seconds) per group, NIS2 deadlines, notifications, feed events by type; `compare=previous` adds the period before; `format=csv` downloads them. Counted over what the caller may see (TLP).",
        querystring: StatisticsQuery,
        response: { 200: Statistics },
      },
    },
    async (req, reply) => {
      const stats = await readStatistics(staffContext(req, deps, STATISTICS_READERS), req.query);
      if (req.query.format === "json") return stats;
      return sendDownload(reply, {
        filename: `statistics-${stats.from.slice(0, 10)}-${stats.to.slice(0, 10)}.csv`,
        size: null,
        sha256: null,
        contentType: "text/csv; charset=utf-8",
        stream: Readable.from(statisticsCsv(stats)),
      });
    },
  );
}
