import { z } from "zod";

// What the scanner (scanner.ts) and its child process (scan-process.ts) say to each other over the
// IPC channel, checked on both sides: the child runs a native engine over untrusted files, so its
// answers are data to check like any other input.

/** At most this many bytes of each matched string are kept (hex), and this many strings per rule. */
export const MATCH_BYTES = 32;
export const STRINGS_PER_RULE = 100;

export const ToScanner = z.discriminatedUnion("type", [
  /** Compile the ruleset (all active rules' sources, in one text) as `version`. */
  z.object({ type: z.literal("load"), version: z.number().int(), source: z.string() }),
  z.object({ type: z.literal("scan"), id: z.number().int(), path: z.string() }),
]);
export type ToScanner = z.infer<typeof ToScanner>;

export const FoundString = z.object({
  identifier: z.string(),
  offset: z.number().int().min(0),
  length: z.number().int().min(0),
  hex: z.string().regex(/^[0-9a-f]*$/),
});

export const FoundRule = z.object({ rule: z.string(), strings: z.array(FoundString), truncated: z.boolean() });
export type FoundRule = z.infer<typeof FoundRule>;

export const FromScanner = z.discriminatedUnion("type", [
  z.object({ type: z.literal("loaded"), version: z.number().int() }),
  z.object({ type: z.literal("load_failed"), version: z.number().int(), message: z.string() }),
  z.object({ type: z.literal("result"), id: z.number().int(), rules: z.array(FoundRule), rss: z.number() }),
  z.object({ type: z.literal("scan_failed"), id: z.number().int(), message: z.string() }),
]);
export type FromScanner = z.infer<typeof FromScanner>;
