import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config.js";
import { createHttpServer } from "./http/server.js";
import { type Logger, terminalLine } from "./log.js";
import { createMetrics } from "./metrics.js";

/** A logger whose lines the test reads (JSON, as production writes them). */
function capturedLogger(): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const logger = pino({ level: "info" }, { write: (line: string) => void out.push(line) });
  return { logger, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

async function serverLogging(env: Record<string, string>) {
  const { logger, lines } = capturedLogger();
  const app = await createHttpServer({ config: loadConfig(env), logger, metrics: createMetrics() });
  app.get("/hello", async () => ({ hello: "world" }));
  await app.ready();
  return { app, lines };
}

describe("request logs", () => {
  it("with FYR_LOG_REQUESTS=1 are one info line per request, without the query string", async () => {
    const { app, lines } = await serverLogging({ FYR_LOG_REQUESTS: "1" });
    await app.inject({ method: "GET", url: "/hello?q=secret-search" });
    await app.inject({ method: "GET", url: "/nowhere" });
    const requests = lines().filter((l) => l.msg === "request");
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({ level: 30, method: "GET", path: "/hello", status: 200 });
    expect(requests[1]).toMatchObject({ path: "/nowhere", status: 404 });
    expect(JSON.stringify(lines())).not.toContain("secret-search");
    // Fastify's own two lines per request ("incoming request", "request completed") stay off.
    expect(lines().filter((l) => l.msg !== "request")).toEqual([]);
    await app.close();
  });

  it("with FYR_LOG_REQUESTS=0 are not written at all", async () => {
    const { app, lines } = await serverLogging({ FYR_LOG_REQUESTS: "0" });
    await app.inject({ method: "GET", url: "/hello" });
    expect(lines()).toEqual([]);
    await app.close();
  });

  it("FYR_LOG_REQUESTS takes 0 or 1 only", () => {
    expect(() => loadConfig({ FYR_LOG_REQUESTS: "yes" })).toThrow(/FYR_LOG_REQUESTS/);
    expect(loadConfig({}).logRequests).toBeNull();
  });
});

describe("terminal lines", () => {
  it("read as time, level, message and fields", () => {
    const at = new Date(2026, 0, 2, 14, 2, 7).getTime();
    const line = terminalLine(
      JSON.stringify({
        level: 30,
        time: at,
        service: "fyr",
        msg: "Fyr is running",
        roles: ["public"],
        url: "http://x",
      }),
    );
    expect(line).toBe('14:02:07 info  Fyr is running roles=["public"] url=http://x\n');
    expect(terminalLine(JSON.stringify({ level: 40, time: at, msg: "slow", note: "two words" }))).toContain(
      'WARN  slow note="two words"',
    );
  });

  it("keep an error's stack on its own lines and pass anything else through", () => {
    const line = terminalLine(
      JSON.stringify({ level: 50, time: 0, msg: "failed", err: { stack: "Error: x\n  at y" } }),
    );
    expect(line).toContain("ERROR failed \nError: x\n  at y");
    expect(terminalLine("not json\n")).toBe("not json\n");
  });
});
