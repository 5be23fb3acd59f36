import type { Config } from "../../platform/config.js";
import type { ServiceContext } from "../../platform/deps.js";

/** What the rota's and escalation's services need: the usual context and the configuration. */
export type OncallContext = ServiceContext & { config: Config };
