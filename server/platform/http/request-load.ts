import type { FyrApp } from "./types.js";

/**
 * How many requests this process is answering right now. Background work in the same process (the job
 * worker) reads it to step back while requests queue, before the event loop even runs late.
 */
export class RequestLoad {
  private active = 0;

  get inFlight(): number {
    return this.active;
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
