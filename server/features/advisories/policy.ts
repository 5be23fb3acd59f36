import { ADVISORY_PUBLISHER_ROLES, ADVISORY_WRITER_ROLES } from "../../../contract/roles.js";
import { type Actor, actorHolds } from "../../platform/auth/actor.js";
import { AppError, forbidden } from "../../platform/errors.js";

// Who may do what with advisories (contract/roles.ts). Writers (duty, analysts, publishers) draft,
// translate, comment, submit and open revisions, and read every advisory in the console whatever its
// TLP (they write for the constituency; the TLP governs who receives the published document). Publishers
// approve — never what they wrote themselves — and publish.

export function assertMayWrite(actor: Actor): void {
  if (!actorHolds(actor, ADVISORY_WRITER_ROLES))
    throw forbidden("forbidden", "Your roles do not allow writing advisories");
}

export function assertMayPublish(actor: Actor): void {
  if (!actorHolds(actor, ADVISORY_PUBLISHER_ROLES))
    throw forbidden("forbidden", "Only publishers approve and publish advisories");
}

/**
 * Four eyes: the approver wrote none of it — not the author, and no one who saved a version since the
 * last publication (a revision's editors too).
 */
export function assertNotAnEditor(actor: Actor, authorId: string, editors: readonly string[]): void {
  const id = actor.kind === "user" ? actor.userId : null;
  if (id === null || id === authorId || editors.includes(id)) {
    throw new AppError(
      "advisory_own_approval",
      "forbidden",
      "A publisher who did not write the advisory must approve it",
    );
  }
}

/**
 * Which advisories naming a CVE a vulnerability page shows: writers see every one (drafts too, so two
 * people do not start the same advisory); other staff see those published at least once.
 */
export function seesUnpublishedAdvisories(actor: Actor): boolean {
  return actorHolds(actor, ADVISORY_WRITER_ROLES);
}
