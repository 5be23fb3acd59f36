import type { ContactRole, NotificationInterval, OrganisationLanguage } from "../../../contract/constituency.js";
import type { ServiceContext } from "../../platform/deps.js";
import { selectNotificationTargets } from "./notification-targets-store.js";
import { assertMayReadRegistry } from "./policy.js";

// Whom the notifier writes to: each organisation's name, language and interval, with the contacts a
// digest goes to (abuse, else security) and their languages and OpenPGP keys.

export interface NotificationContact {
  email: string;
  role: Extract<ContactRole, "abuse" | "security">;
  language: OrganisationLanguage;
  pgpKey: string | null;
  pgpExpiresAt: Date | null;
}

export interface NotificationTarget {
  id: string;
  name: string;
  language: OrganisationLanguage;
  interval: NotificationInterval;
  /** Whether any inhibition (expired or not) is recorded: without one, no event needs the owner match. */
  hasInhibitions: boolean;
  contacts: NotificationContact[];
}

/** The targets of these organisations, by id (an organisation since removed is absent). */
export async function notificationTargets(
  ctx: ServiceContext,
  organisationIds: readonly string[],
): Promise<Map<string, NotificationTarget>> {
  assertMayReadRegistry(ctx.actor);
  const ids = [...new Set(organisationIds)];
  const out = new Map<string, NotificationTarget>();
  // In slices: an IN list of tens of thousands of ids is one parameter each.
  for (let i = 0; i < ids.length; i += 5_000) {
    const { organisations, contacts } = await selectNotificationTargets(ctx.db, ids.slice(i, i + 5_000));
    for (const o of organisations)
      out.set(o.id, {
        id: o.id,
        name: o.name,
        language: o.language,
        interval: o.notification_interval,
        hasInhibitions: Boolean(o.has_inhibitions),
        contacts: [],
      });
    for (const c of contacts) {
      if (c.role !== "abuse" && c.role !== "security") continue;
      out.get(c.organisation_id)?.contacts.push({
        email: c.email.toLowerCase(),
        role: c.role,
        language: c.language,
        pgpKey: c.pgp_key,
        pgpExpiresAt: c.pgp_expires_at,
      });
    }
  }
  return out;
}
