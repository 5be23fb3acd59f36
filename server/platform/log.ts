import { pino, type Logger } from "pino";

export type { Logger };

/** JSON logs on stdout; secrets never reach them (redacted paths). */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: "fyr" },
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'res.headers["set-cookie"]',
        "*.password",
        "*.totp",
        "*.token",
      ],
      censor: "[redacted]",
    },
  });
}
