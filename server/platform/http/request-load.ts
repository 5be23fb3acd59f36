import type { FyrApp } from "./types.js";

/** In flight at once, the load at which the worker and the search indexer step back. */
export const BUSY_IN_FLIGHT = 8;

/**
 * How many requests this process is answering right now. Background work in the same process (the job
 * worker) reads it to step back while requests queue, before the event loop even runs late.
 */
export class RequestLoad {
  private active = 0;

  /** Requests are queuing (BUSY_IN_FLIGHT or more at once): background work should step back. */
  busy(): boolean {
    return this.active >= BUSY_IN_FLIGHT;
  }

  /** Counts every request from its first hook until its response is done or its connection gone. */
  install(app: FyrApp): void {
    app.addHook("onRequest", async (_req, reply) => {
      this.active++;
      reply.raw.once("close", () => {
        this.active--;
      });
    });
  }
}
