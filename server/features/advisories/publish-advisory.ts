import type { Actor } from "../../platform/auth/actor.js";
import { inTransaction, type Db } from "../../platform/db/connect.js";
import { auditAdvisory } from "./audit.js";
import { contentOf, translationLags } from "./content.js";
import { languagesToPublish, produceDocuments, type ProviderOptions } from "./csaf/produce.js";
import { assertMayPublish } from "./policy.js";
import { upsertPublication } from "./publications-store.js";
import { advisoryNotFound } from "./save-text.js";
import { nextReleaseFacts } from "./release-facts.js";
import { type AdvisoryRow, insertRevision, selectAdvisory, selectTexts, updateAdvisory } from "./store.js";
import type { AdvisoryContext, AdvisorySeams, DocumentSigner } from "./types.js";
import { swedishMissing, wrongStatus } from "./workflow.js";
import type { Clock } from "../../platform/clock.js";

// Publishing: one transaction writes every output — the published text per language (the web pages and
// feeds), the CSAF documents with their hashes and signatures (the provider's folders, index.txt,
// changes.csv and ROLIE feeds are read from these rows), the revision history and the audit entry — and
// tells the publish listeners (the mailing lists) inside it. A document that fails validation stops it
// all before anything is written.

export interface PublishDeps {
  db: Db;
  clock: Clock;
  actor: Actor;
  ip?: string | null;
  seams: AdvisorySeams;
  signer: DocumentSigner;
  provider: ProviderOptions;
  /** Called after the commit: the rendered pages' cache forgets what it held. */
  published?: () => void;
}

const INITIAL_SUMMARY = "Första publicering / Initial release";

/** Publishes an approved (or due scheduled) advisory now, as revision + 1; `by` is the accountable user. */
export async function publishNow(deps: PublishDeps, id: string, by: string): Promise<AdvisoryRow> {
  const row = await inTransaction(deps.db, async (tx) => {
    const row = await selectAdvisory(tx, id, true);
    if (!row) throw advisoryNotFound();
    if (row.status !== "approved" && row.status !== "scheduled") throw wrongStatus(row, "approved");
    const texts = await selectTexts(tx, id);
    const content = contentOf(row, texts);
    if (!content.sv) throw swedishMissing();
    const now = deps.clock.now();
    const revision = row.revision + 1;
    const summary = row.revision_summary ?? INITIAL_SUMMARY;
    const facts = await nextReleaseFacts(tx, row, now, summary);
    const languages = languagesToPublish(content, translationLags(texts));
    const cves = await deps.seams.describeCves(tx, content.cves);
    const documents = await produceDocuments(content, facts, languages, deps.provider, cves, deps.signer);
    for (const d of documents) {
      await upsertPublication(tx, {
        advisory_id: id,
        language: d.language,
        tracking_id: row.tracking_id,
        kind: row.kind,
        tlp: row.tlp,
        revision,
        // The CVEs' CVSS, KEV and EPSS as published: the page shows them as of the publication.
        content: JSON.stringify({ ...content, cveFacts: cves }),
        folder: d.folder,
        path: d.path,
        csaf: d.json,
        sha256: d.sha256,
        sha512: d.sha512,
        signature: d.signature,
        initial_release_at: facts.initialReleaseAt,
        current_release_at: now,
      });
    }
    await insertRevision(tx, { advisory_id: id, number: revision, summary, published_at: now, published_by: by });
    const after = await updateAdvisory(tx, id, {
      status: "published",
      revision,
      published_version: row.version,
      revision_summary: null,
      publish_at: null,
      initial_release_at: facts.initialReleaseAt,
      current_release_at: now,
      updated_at: now,
    });
    await auditAdvisory(deps, tx, "published", row.tracking_id, {
      revision,
      languages,
      tlp: row.tlp,
      documents: documents.map((d) => d.path),
      signed: documents.every((d) => d.signature !== null),
    });
    const published = {
      advisoryId: id,
      trackingId: row.tracking_id,
      kind: row.kind,
      tlp: row.tlp,
      revision,
      languages,
      products: content.products,
      cves: content.cves,
      texts: Object.fromEntries(
        languages.flatMap((l) => {
          const text = content[l];
          return text ? [[l, { title: text.title, summary: text.summary }]] : [];
        }),
      ),
    };
    for (const listener of deps.seams.publishListeners) await listener(tx, published, deps.clock);
    return after;
  });
  deps.published?.();
  return row;
}

/** POST …/publish: now, or at a later time (the worker's pass publishes it then). */
export async function publishAdvisory(
  ctx: AdvisoryContext & { provider: ProviderOptions; published?: () => void },
  id: string,
  at: Date | undefined,
) {
  assertMayPublish(ctx.actor);
  const now = ctx.clock.now();
  if (at && at.getTime() > now.getTime()) {
    return inTransaction(ctx.db, async (tx) => {
      const row = await selectAdvisory(tx, id, true);
      if (!row) throw advisoryNotFound();
      if (row.status !== "approved" && row.status !== "scheduled") throw wrongStatus(row, "approved");
      if (!(await selectTexts(tx, id)).some((t) => t.language === "sv")) throw swedishMissing();
      const after = await updateAdvisory(tx, id, { status: "scheduled", publish_at: at, updated_at: now });
      await auditAdvisory(ctx, tx, "scheduled", row.tracking_id, { at: at.toISOString(), version: row.version });
      return after;
    });
  }
  return publishNow(ctx, id, ctx.actor.userId);
}
