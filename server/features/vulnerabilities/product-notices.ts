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
import { advisoryNoticeText, productNoticeText } from "./notice-mail.js";
import {
  type NamedProduct,
  insertProductNotice,
  selectAffectedOf,
  selectProductMatches,
  setProductNoticeMail,
} from "./products-store.js";
import { keysOf, parseCpe } from "./product-names.js";

/** A published advisory, as a notice about it needs it. */
export interface AdvisoryNoticeFacts {
  advisoryId: string;
  trackingId: string;
  revision: number;
  /** Each published language's title and summary; Swedish is always there. */
  texts: Partial<Record<OrganisationLanguage, { title: string; summary: string }>>;
}

/**
 * One notice: an organisation's contacts of one language, told about a new KEV entry or a published
 * advisory that names a product it declared.
 */
export type ProductNotice = {
  organisationId: string;
  organisationName: string;
  language: OrganisationLanguage;
  to: string[];
  matched: string[];
} & ({ kind: "kev"; entry: KevEntry } | { kind: "advisory"; advisory: AdvisoryNoticeFacts });

/**
 * How a notice reaches an organisation: one mechanism for KEV entries and advisories. Issue 15's
 * notification machinery (features/notifications) carries feed events as digests and offers no service
 * entry point for other notices, so `directMailNotices` mails the security contacts through the outbox.
 * Returns the outbox id.
 */
export interface ProductNoticeSender {
  send(db: Db, clock: Clock, notice: ProductNotice): Promise<string | null>;
}

function noticeText(config: Pick<Config, "cert" | "publicUrl">, notice: ProductNotice) {
  const certSignature = mailSignature(config.cert, notice.language);
  if (notice.kind === "advisory") {
    const a = notice.advisory;
    const text = a.texts[notice.language] ?? a.texts.sv ?? { title: a.trackingId, summary: "" };
    return advisoryNoticeText({
      language: notice.language,
      organisation: notice.organisationName,
      trackingId: a.trackingId,
      title: text.title,
      summary: text.summary,
      revision: a.revision,
      link: `${config.publicUrl.replace(/\/$/, "")}/advisories/${encodeURIComponent(a.trackingId)}?lang=${notice.language}`,
      matched: notice.matched,
      certSignature,
    });
  }
  const e = notice.entry;
  return productNoticeText({
    language: notice.language,
    organisation: notice.organisationName,
    cve: e.cveID,
    vulnerabilityName: e.vulnerabilityName,
    vendorProject: e.vendorProject,
    product: e.product,
    dateAdded: e.dateAdded,
    dueDate: e.dueDate,
    requiredAction: e.requiredAction,
    ransomware: e.knownRansomwareCampaignUse === "Known",
    matched: notice.matched,
    certSignature,
  });
}

/** The seam's implementation: a mail in the organisation's language, queued in the caller's transaction. */
export function directMailNotices(config: Pick<Config, "cert" | "publicUrl">): ProductNoticeSender {
  return {
    async send(db, clock, notice) {
      const { subject, text } = noticeText(config, notice);
      const header = notice.kind === "kev" ? "kev-product" : "advisory-product";
      return queueMail(db, clock, { to: notice.to, subject, text, headers: { "X-Fyr-Notice": header } });
    },
  };
}

/** The security contacts of an organisation, per language (none: nobody to tell). */
export async function securityContacts(ctx: ServiceContext, organisationId: string) {
  const organisation = await getOrganisation({ ...ctx, actor: systemActor("vulnerabilities") }, organisationId);
  const contacts = organisation.contacts.filter((c) => c.role === "security");
  const byLanguage = (["sv", "en"] as const)
    .map((language) => ({ language, to: contacts.filter((c) => c.language === language).map((c) => c.email) }))
    .filter((g) => g.to.length > 0);
  return { organisation, count: contacts.length, byLanguage };
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
    const { organisation, count, byLanguage } = await securityContacts(ctx, match.organisation_id);
    if (count === 0) {
      counts.withoutContact += 1;
      continue;
    }
    if (!(await insertProductNotice(ctx.db, organisation.id, entry.cveID, null))) continue;
    for (const { language, to } of byLanguage) {
      const mailId = await sender.send(ctx.db, ctx.clock, {
        kind: "kev",
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
        recipients: count,
      },
      ip: ctx.ip ?? null,
    });
  }
  return counts;
}
