const BASE_MS = 5_000;
const CAP_MS = 60 * 60_000;

/**
 * How long to wait before attempt `attempt + 1` after attempt `attempt` failed: exponential
 * (5 s, 10 s, 20 s … capped at 1 h) with "equal jitter" so retries of many jobs that failed
 * together (an SMTP outage) do not all return at the same instant.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
