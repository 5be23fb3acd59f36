import type {
  KnownProductList,
  OrganisationProduct,
  OrganisationProductCreate,
  OrganisationProducts,
} from "../../../contract/vulnerabilities.js";
import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { getOrganisation } from "../constituency/index.js";
import { assertMayReadVulnerabilities, assertMayWorkVulnerabilities } from "./policy.js";
import { keysOf, parseCpe, productKey } from "./product-names.js";
import {
  type OrganisationProductRow,
  deleteOrganisationProduct,
  insertOrganisationProduct,
  searchKnownProducts,
  selectNoticesOf,
  selectOrganisationProducts,
} from "./products-store.js";

const present = (r: OrganisationProductRow): OrganisationProduct => ({
  id: r.id,
  vendor: r.vendor,
  product: r.product,
  cpe: r.cpe,
  createdAt: r.created_at.toISOString(),
});

/** The organisation (404 when there is none), read through the constituency's service. */
const organisationOf = (ctx: ServiceContext, id: string) => getOrganisation(ctx, id);

/** What an organisation declares it runs, and the notices it was sent about them. */
export async function listOrganisationProducts(
  ctx: ServiceContext,
  organisationId: string,
): Promise<OrganisationProducts> {
  assertMayReadVulnerabilities(ctx.actor);
  await organisationOf(ctx, organisationId);
  const [items, notices] = await Promise.all([
    selectOrganisationProducts(ctx.db, organisationId),
    selectNoticesOf(ctx.db, organisationId),
  ]);
  return { items: items.map(present), notices: notices.map((n) => ({ cve: n.cve, sentAt: n.sent_at.toISOString() })) };
}

/** Declares a product an organisation runs (names, or a CPE 2.3 name they are read from); audited. */
export async function addOrganisationProduct(
  ctx: ServiceContext,
  organisationId: string,
  input: OrganisationProductCreate,
): Promise<OrganisationProduct> {
  assertMayWorkVulnerabilities(ctx.actor);
  const cpe = input.cpe === undefined ? null : parseCpe(input.cpe);
  if (input.cpe !== undefined && cpe === null)
    throw invalid("validation_failed", "Some fields are invalid", [
      { path: "body.cpe", message: "a CPE 2.3 name with a vendor and a product", code: "invalid_format" },
    ]);
  const vendor = input.vendor ?? cpe?.vendor ?? "";
  const product = input.product ?? cpe?.product ?? "";
  const keys = product.trim() === "*" ? { vendorKey: productKey(vendor), productKey: "*" } : keysOf(vendor, product);
  if (keys.vendorKey === "" || keys.productKey === "")
    throw invalid("validation_failed", "Some fields are invalid", [
      {
        path: keys.vendorKey === "" ? "body.vendor" : "body.product",
        message: "letters or digits needed",
        code: "invalid_format",
      },
    ]);
  return ctx.db.transaction().execute(async (tx) => {
    const organisation = await organisationOf({ ...ctx, db: tx }, organisationId);
    const row = await insertOrganisationProduct(tx, {
      organisationId,
      vendor,
      product,
      cpe: input.cpe ?? null,
      ...keys,
      createdBy: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    });
    if (!row) throw conflict("organisation_product_exists", `${organisation.name} already runs ${vendor} ${product}`);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "vulnerability.product_declared",
      target: { type: "organisation", id: organisationId },
      diff: { organisation: organisation.name, vendor, product, cpe: input.cpe ?? null },
      ip: ctx.ip ?? null,
    });
    return present(row);
  });
}

/** Takes a declaration back; audited. */
export async function removeOrganisationProduct(
  ctx: ServiceContext,
  organisationId: string,
  id: string,
): Promise<void> {
  assertMayWorkVulnerabilities(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    const organisation = await organisationOf({ ...ctx, db: tx }, organisationId);
    const row = await deleteOrganisationProduct(tx, organisationId, id);
    if (!row) throw notFound("organisation_product_not_found", "The organisation has declared no such product");
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "vulnerability.product_removed",
      target: { type: "organisation", id: organisationId },
      diff: { organisation: organisation.name, vendor: row.vendor, product: row.product },
      ip: ctx.ip ?? null,
    });
  });
}

/** The picker: products the imported CVE records and KEV entries name, matching every word typed. */
export async function searchProducts(ctx: ServiceContext, q: string): Promise<KnownProductList> {
  assertMayReadVulnerabilities(ctx.actor);
  const words = q
    .split(/\s+/)
    .map(productKey)
    .filter((w) => w !== "")
    .slice(0, 5);
  if (words.length === 0) return { items: [] };
  return { items: await searchKnownProducts(ctx.db, words, 20) };
}
