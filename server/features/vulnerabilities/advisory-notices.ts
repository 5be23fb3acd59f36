import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import {
  type AdvisoryNoticeFacts,
  type NoticeCounts,
  type ProductNoticeSender,
  securityContacts,
} from "./product-notices.js";
import {
  insertAdvisoryNotice,
  selectAdvisoryMatches,
  selectAffectedOf,
  setAdvisoryNoticeMail,
} from "./products-store.js";
import { type ProductKeys, keysOf, parseCpe } from "./product-names.js";

// A published advisory naming a product an organisation declared tells its security contacts, through
// the same sender as a new KEV entry (product-notices.ts): once per (organisation, advisory revision),
// in the publication's transaction, audited. The advisory's mailing lists are public, so is this: only
// TLP:CLEAR and TLP:GREEN advisories are told (the contract says nothing of AMBER to security contacts;
// AMBER and RED stay behind the members' sign-in).

const TOLD_TLP = new Set(["TLP:CLEAR", "TLP:GREEN"]);

export interface PublishedAdvisoryFacts extends AdvisoryNoticeFacts {
  tlp: string;
  products: readonly { vendor: string; product: string }[];
  cves: readonly string[];
}

/** The products an advisory names: its own list, and the affected products of its CVEs' records. */
async function namedByAdvisory(ctx: ServiceContext, advisory: PublishedAdvisoryFacts): Promise<ProductKeys[]> {
  const named = advisory.products.map((p) => keysOf(p.vendor, p.product));
  for (const a of await selectAffectedOf(ctx.db, advisory.cves)) {
    named.push(keysOf(a.vendor, a.product));
    for (const cpe of a.cpes) {
      const parsed = parseCpe(cpe);
      if (parsed) named.push(keysOf(parsed.vendor, parsed.product));
    }
  }
  return named.filter((n) => n.vendorKey !== "" && n.productKey !== "");
}

/** Tells the organisations running a product this published advisory names (see above). */
export async function noticePublishedAdvisory(
  ctx: ServiceContext,
  advisory: PublishedAdvisoryFacts,
  sender: ProductNoticeSender,
): Promise<NoticeCounts> {
  const counts: NoticeCounts = { sent: 0, withoutContact: 0 };
  if (!TOLD_TLP.has(advisory.tlp)) return counts;
  const facts: AdvisoryNoticeFacts = {
    advisoryId: advisory.advisoryId,
    trackingId: advisory.trackingId,
    revision: advisory.revision,
    texts: advisory.texts,
  };
  for (const match of await selectAdvisoryMatches(ctx.db, await namedByAdvisory(ctx, advisory))) {
    const { organisation, count, byLanguage } = await securityContacts(ctx, match.organisation_id);
    if (count === 0) {
      counts.withoutContact += 1;
      continue;
    }
    const key = { organisationId: organisation.id, advisoryId: advisory.advisoryId, revision: advisory.revision };
    if (!(await insertAdvisoryNotice(ctx.db, key))) continue;
    for (const { language, to } of byLanguage) {
      const mailId = await sender.send(ctx.db, ctx.clock, {
        kind: "advisory",
        organisationId: organisation.id,
        organisationName: organisation.name,
        language,
        to,
        advisory: facts,
        matched: match.declared,
      });
      if (mailId !== null) await setAdvisoryNoticeMail(ctx.db, key, mailId);
    }
    counts.sent += 1;
    await appendAudit(ctx.db, ctx.clock, {
      actor: ctx.actor,
      action: "vulnerability.advisory_notice_sent",
      target: { type: "organisation", id: organisation.id },
      diff: {
        organisation: organisation.name,
        advisory: advisory.trackingId,
        revision: advisory.revision,
        products: match.declared,
        recipients: count,
      },
      ip: ctx.ip ?? null,
    });
  }
  return counts;
}
