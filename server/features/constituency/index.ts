// The constituency registry's service (issue 14): what other features (members, feeds, incidents,
// advisories) and the registry's own import and screens call. Other features use only what is here.

export { createOrganisation } from "./create-organisation.js";
export { getOrganisation, listOrganisations, organisationAndChildren } from "./read-organisations.js";
export { updateOrganisation } from "./update-organisation.js";
export {
  addAsn,
  addDomain,
  addNetwork,
  addUrlPrefix,
  removeAsn,
  removeDomain,
  removeHolding,
  removeNetwork,
  removeUrlPrefix,
} from "./holdings.js";
export { addContact, removeContact, updateContact } from "./contacts.js";
export { addInhibition, removeInhibition } from "./inhibitions.js";
export { listDoubleClaims, listUnverifiedContacts } from "./review-lists.js";
export { type MatchOptions, matchOwners, matchOwnersBatch } from "./match-owners.js";
export { type NotificationContact, type NotificationTarget, notificationTargets } from "./notification-targets.js";
export type { OwnerQuery } from "./owner-index.js";
export { followRegistry } from "./owner-index-state.js";
export { mayEditRegistry, mayReadRegistry } from "./policy.js";
