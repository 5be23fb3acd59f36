import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** One registry per process; features add their own metrics to it. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "fyr_" });
  const httpDuration = new Histogram({
    name: "fyr_http_request_duration_seconds",
    help: "HTTP request durations by route",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: "fyr_job_failures_total",
    help: "Job attempts that threw, by job name",
    labelNames: ["name"] as const,
    registers: [registry],
  });
  const jobQueueDepth = new Gauge({
    name: "fyr_job_queue_depth",
    help: "Jobs by status (read at scrape time)",
    labelNames: ["status"] as const,
    registers: [registry],
  });
  return { registry, httpDuration, jobFailures, jobQueueDepth };
}

export type Metrics = ReturnType<typeof createMetrics>;
