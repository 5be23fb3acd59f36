import { monitorEventLoopDelay } from "node:perf_hooks";

/** How late this process's event loop runs, in ms: the p99 of the last window. */
export interface LagGauge {
  lagMs(): number;
  stop(): void;
}

/**
 * Samples event-loop delay in windows of `windowMs`. Jobs run in the same process as request
 * handling; a late loop means requests are queuing, and the worker uses this to step back.
 */
export function watchEventLoopLag(windowMs = 200): LagGauge {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let lag = 0;
  const timer = setInterval(() => {
    // The histogram counts the resolution itself as delay; only what lies beyond it is lateness.
    lag = Math.max(0, histogram.percentile(99) / 1e6 - 10);
    histogram.reset();
  }, windowMs);
  timer.unref();
  return {
    lagMs: () => lag,
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
