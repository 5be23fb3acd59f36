import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";

/** What the incident workspace's services need: the usual context plus the configuration (prefix, SLA). */
export type IncidentContext = ServiceContext & { config: Config };
