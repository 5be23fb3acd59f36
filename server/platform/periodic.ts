import type { Logger } from "./log.js";

/** A background pass run every so often (worker role): the audit sealer, the search indexer. */
export interface Periodic {
  /** Stops the loop, waits for a running pass, then runs `finalPass` once if given. */
  stop(): Promise<void>;
}

export interface PeriodicOptions {
  /** Names the loop in the log when a pass fails. */
  what: string;
  logger: Logger;
  intervalMs: number;
  pass: () => Promise<void>;
  /** Run on stop, so a clean shutdown leaves nothing for the next process. */
  finalPass?: () => Promise<void>;
}

/**
 * Runs `pass` now and then `intervalMs` after each one ends (never two at once); a failing pass is
 * logged and tried again next time. The timers do not hold the process open.
 */
export function startPeriodic(options: PeriodicOptions): Periodic {
  const { logger, what, intervalMs } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = (async () => {
      try {
        await options.pass();
      } catch (err) {
        logger.error({ err }, `${what} failed; will retry`);
      }
      if (!stopped) {
        timer = setTimeout(tick, intervalMs);
        timer.unref();
      }
    })();
  };
  timer = setTimeout(tick, 0);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
      await options.finalPass?.().catch((err: unknown) => logger.warn({ err }, `last ${what} failed`));
    },
  };
}
