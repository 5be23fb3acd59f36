import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";

/** The configuration the lists' use cases read: links, sender, CERT signature, limits. */
export type ListsConfig = Pick<
  Config,
  "publicUrl" | "mailFrom" | "cert" | "listSendPerMinute" | "listSubscribePerHour"
>;

/** What a list use case receives. */
export type ListsContext = ServiceContext & { config: ListsConfig };

/** The validity of the links lists mail: opt-in 72 hours, unsubscribe and preferences a year. */
export const CONFIRM_LINK_MS = 72 * 3_600_000;
export const MANAGE_LINK_MS = 365 * 24 * 3_600_000;
