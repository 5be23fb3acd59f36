import type { ChangeRequestChange } from "../../../contract/members.js";
import type { ServiceContext } from "../../platform/deps.js";
import {
  addAsn,
  addContact,
  addDomain,
  addNetwork,
  removeAsn,
  removeContact,
  removeDomain,
  removeNetwork,
  updateContact,
} from "../constituency/index.js";

/**
 * Applies an approved change through the registry's service, as the approver (`ctx`): the registry checks
 * the approver's edit rights and the values themselves (a bad CIDR is its 400), writes, and audits the
 * change under its own action. Answers what was written, for the approval's audit entry.
 */
export async function applyChange(
  ctx: ServiceContext,
  organisationId: string,
  change: ChangeRequestChange,
): Promise<Record<string, unknown>> {
  switch (change.kind) {
    case "add_network":
      return { networkId: (await addNetwork(ctx, organisationId, change.payload.network)).id };
    case "remove_network":
      await removeNetwork(ctx, organisationId, change.payload.networkId);
      return { networkId: change.payload.networkId };
    case "add_domain":
      return { domainId: (await addDomain(ctx, organisationId, change.payload.domain)).id };
    case "remove_domain":
      await removeDomain(ctx, organisationId, change.payload.domainId);
      return { domainId: change.payload.domainId };
    case "add_asn":
      return { asnId: (await addAsn(ctx, organisationId, change.payload.asn)).id };
    case "remove_asn":
      await removeAsn(ctx, organisationId, change.payload.asnId);
      return { asnId: change.payload.asnId };
    case "add_contact":
      return { contactId: (await addContact(ctx, organisationId, change.payload)).id };
    case "update_contact": {
      const { contactId, ...patch } = change.payload;
      await updateContact(ctx, organisationId, contactId, patch);
      return { contactId };
    }
    case "remove_contact":
      await removeContact(ctx, organisationId, change.payload.contactId);
      return { contactId: change.payload.contactId };
    case "change_key":
      await updateContact(ctx, organisationId, change.payload.contactId, { pgpKey: change.payload.pgpKey });
      return { contactId: change.payload.contactId };
  }
}

/** The registry item a change names (removals, contact changes), to check it is on the organisation. */
export function itemNamed(
  change: ChangeRequestChange,
): { kind: "network" | "domain" | "asn" | "contact"; id: string } | null {
  switch (change.kind) {
    case "remove_network":
      return { kind: "network", id: change.payload.networkId };
    case "remove_domain":
      return { kind: "domain", id: change.payload.domainId };
    case "remove_asn":
      return { kind: "asn", id: change.payload.asnId };
    case "update_contact":
    case "remove_contact":
    case "change_key":
      return { kind: "contact", id: change.payload.contactId };
    case "add_network":
    case "add_domain":
    case "add_asn":
    case "add_contact":
      return null;
  }
}
