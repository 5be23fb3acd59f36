import type { Organisation } from "../../../contract/constituency.js";
import type { MyOrganisation, MyOrganisationTree } from "../../../contract/members.js";
import { systemActor } from "../../platform/auth/actor.js";
import { getOrganisation } from "../constituency/index.js";
import { type MemberContext, type MemberScope, assertInScope, memberScope } from "./policy.js";

// What a member reads of an organisation in their scope: its profile, holdings and contacts, never what is
// the CERT's own (notes, tags, inhibitions, which other organisations claim the same network).

/** The organisation as its member sees it; the parent only when it is in the member's scope too. */
export function toMyOrganisation(org: Organisation, scope: MemberScope): MyOrganisation {
  return {
    id: org.id,
    name: org.name,
    orgNumber: org.orgNumber,
    sector: org.sector,
    nis2Entity: org.nis2Entity,
    language: org.language,
    parent: org.parent && scope.organisations.includes(org.parent.id) ? org.parent : null,
    children: org.children.filter((c) => scope.organisations.includes(c.id)),
    notification: org.notification,
    networks: org.networks.map((n) => ({
      id: n.id,
      label: n.label,
      first: n.first,
      last: n.last,
      family: n.family,
      cidrs: n.cidrs,
      createdAt: n.createdAt,
    })),
    asns: org.asns.map((a) => ({ id: a.id, asn: a.asn })),
    domains: org.domains.map((d) => ({ id: d.id, domain: d.domain, unicode: d.unicode })),
    urlPrefixes: org.urlPrefixes.map((u) => ({ id: u.id, prefix: u.prefix })),
    contacts: org.contacts.map((c) => ({
      id: c.id,
      email: c.email,
      name: c.name,
      phone: c.phone,
      role: c.role,
      language: c.language,
      pgpFingerprint: c.pgpFingerprint,
      pgpExpiresAt: c.pgpExpiresAt,
      pgpExpired: c.pgpExpired,
      lastVerifiedAt: c.lastVerifiedAt,
    })),
    updatedAt: org.updatedAt,
  };
}

/**
 * The registry's full record of an organisation the policy has admitted. Read as Fyr itself: the registry
 * admits only staff (constituency/policy.ts), and the member's right to this one was just checked.
 */
export async function readAdmittedOrganisation(
  ctx: MemberContext,
  scope: MemberScope,
  id: string,
): Promise<Organisation> {
  assertInScope(scope, id);
  return getOrganisation({ ...ctx, actor: systemActor("member-area") }, id);
}

/** One organisation of the member's scope (404 for any other, as for one that does not exist). */
export async function getMyOrganisation(ctx: MemberContext, id: string): Promise<MyOrganisation> {
  const scope = await memberScope(ctx);
  return toMyOrganisation(await readAdmittedOrganisation(ctx, scope, id), scope);
}

/** The member's own organisation and, in full, every one below it. */
export async function getMyOrganisationTree(ctx: MemberContext): Promise<MyOrganisationTree> {
  const scope = await memberScope(ctx);
  const orgs = await Promise.all(scope.organisations.map((id) => readAdmittedOrganisation(ctx, scope, id)));
  const [own, ...descendants] = orgs.map((o) => toMyOrganisation(o, scope));
  if (!own) throw new Error("a member's scope starts with their own organisation");
  return { ...own, descendants };
}
