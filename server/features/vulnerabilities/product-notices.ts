import type { OrganisationLanguage } from "../../../contract/constituency.js";
import { appendAudit } from "../../platform/audit.js";
import { systemActor } from "../../platform/auth/actor.js";
import { mailSignature } from "../../platform/cert-contact.js";
import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { queueMail } from "../../platform/mail/index.js";
import { getOrganisation } from "../constituency/index.js";
import type { KevEntry } from "./import/kev.js";
import { productNoticeText } from "./notice-mail.js";
import {
  type NamedProduct,
  insertProductNotice,
  selectAffectedOf,
  selectProductMatches,
  setProductNoticeMail,
} from "./products-store.js";
import { keysOf, parseCpe } from "./product-names.js";

/** One notice: an organisation's contacts of one language, told about one KEV entry. */
export interface ProductNotice {
  organisationId: string;
  organisationName: string;
  language: OrganisationLanguage;
  to: string[];
  entry: KevEntry;
  matched: string[];
}

/**
 * How a notice reaches an organisation. Issue 15's notification machinery (helper h1's, built beside
 * this) is to carry these in the end — one mechanism for feeds' and vulnerabilities' notices; until it
 * is merged, `directMailNotices` mails the security contacts through the outbox. Returns the outbox id.
 */
export interface ProductNoticeSender {
  send(db: Db, clock: Clock, notice: ProductNotice): Promise<string | null>;
}

/** The seam's first implementation: a mail in the organisation's language, queued in the caller's transaction. */
export function directMailNotices(config: Pick<Config, "cert">): ProductNoticeSender {
  return {
    async send(db, clock, notice) {
      const { subject, text } = productNoticeText({
        language: notice.language,
        organisation: notice.organisationName,
        cve: notice.entry.cveID,
        vulnerabilityName: notice.entry.vulnerabilityName,
        vendorProject: notice.entry.vendorProject,
        product: notice.entry.product,
        dateAdded: notice.entry.dateAdded,
        dueDate: notice.entry.dueDate,
        requiredAction: notice.entry.requiredAction,
        ransomware: notice.entry.knownRansomwareCampaignUse === "Known",
        matched: notice.matched,
        certSignature: mailSignature(config.cert, notice.language),
      });
      return queueMail(db, clock, { to: notice.to, subject, text, headers: { "X-Fyr-Notice": "kev-product" } });
    },
  };
}

/** Every product a KEV entry names: its own vendor/product, and its CVE record's affected products and CPEs. */
async function namedProducts(db: Db, entries: readonly KevEntry[]): Promise<NamedProduct[]> {
  const named: NamedProduct[] = entries.map((e) => ({ cve: e.cveID, ...keysOf(e.vendorProject, e.product) }));
  for (const a of await selectAffectedOf(
    db,
    entries.map((e) => e.cveID),
  )) {
    named.push({ cve: a.cve, ...keysOf(a.vendor, a.product) });
    for (const cpe of a.cpes) {
      const parsed = parseCpe(cpe);
      if (parsed) named.push({ cve: a.cve, ...keysOf(parsed.vendor, parsed.product) });
    }
  }
  return named.filter((n) => n.vendorKey !== "" && n.productKey !== "");
}

export interface NoticeCounts {
  sent: number;
  /** Organisations matched that have no security contact: nobody to tell (listed on the daily diff). */
  withoutContact: number;
}

/**
 * Tells each organisation running a product these new KEV entries name, once per (organisation, CVE),
 * in `ctx`'s transaction: the notice row, the mail and the audit entry commit with the import.
 */
export async function noticeNewKevEntries(
  ctx: ServiceContext,
  entries: readonly KevEntry[],
  sender: ProductNoticeSender,
): Promise<NoticeCounts> {
  const counts: NoticeCounts = { sent: 0, withoutContact: 0 };
  if (entries.length === 0) return counts;
  const byCve = new Map(entries.map((e) => [e.cveID, e]));
  const matches = await selectProductMatches(ctx.db, await namedProducts(ctx.db, entries));
  for (const match of matches) {
    const entry = byCve.get(match.cve);
    if (!entry) continue;
    const organisation = await getOrganisation(
      { ...ctx, actor: systemActor("vulnerabilities") },
      match.organisation_id,
    );
    const contacts = organisation.contacts.filter((c) => c.role === "security");
    if (contacts.length === 0) {
      counts.withoutContact += 1;
      continue;
    }
    if (!(await insertProductNotice(ctx.db, organisation.id, entry.cveID, null))) continue;
    for (const language of ["sv", "en"] as const) {
      const to = contacts.filter((c) => c.language === language).map((c) => c.email);
      if (to.length === 0) continue;
      const mailId = await sender.send(ctx.db, ctx.clock, {
        organisationId: organisation.id,
        organisationName: organisation.name,
        language,
        to,
        entry,
        matched: match.declared,
      });
      if (mailId !== null) await setProductNoticeMail(ctx.db, organisation.id, entry.cveID, mailId);
    }
    counts.sent += 1;
    await appendAudit(ctx.db, ctx.clock, {
      actor: ctx.actor,
      action: "vulnerability.product_notice_sent",
      target: { type: "organisation", id: organisation.id },
      diff: {
        organisation: organisation.name,
        cve: entry.cveID,
        products: match.declared,
        recipients: contacts.length,
      },
      ip: ctx.ip ?? null,
    });
  }
  return counts;
}
