import type { Config } from "../../platform/config.js";
import { createDocumentSigner } from "./csaf/sign.js";
import type { ProviderOptions } from "./csaf/produce.js";
import { PublicationCache } from "./public/publication-cache.js";
import { type AdvisorySeams, type DocumentSigner, NO_SEAMS } from "./types.js";

/** What every part of the advisories feature in one process shares: seams, signer, the rendered-page cache. */
export interface AdvisoryRuntime {
  seams: AdvisorySeams;
  signer: DocumentSigner;
  provider: ProviderOptions;
  cache: PublicationCache;
  /** After a publication commits in this process: the cache forgets at once (others within a second). */
  published: () => void;
}

export function createAdvisoryRuntime(config: Config, seams: AdvisorySeams = NO_SEAMS): AdvisoryRuntime {
  const cache = new PublicationCache();
  return {
    seams,
    signer: createDocumentSigner(config),
    provider: { publicUrl: config.publicUrl, certName: config.cert.name, certWeb: config.cert.web },
    cache,
    published: () => cache.clear(),
  };
}
