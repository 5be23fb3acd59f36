// The accounts feature's face to other features: what the members feature asks of users' accounts.
// Sign-in, sessions, tokens and the staff users' administration are accounts' own routes.

export { inviteExternalMemberAccount, inviteMemberAccount } from "./invite-user.js";
export { accountByEmail, endMemberAccess, listMemberAccounts, toMember } from "./member-accounts.js";
export type { LinkConfig } from "./account-links.js";
