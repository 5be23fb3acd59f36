import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import type { Organisation, OrganisationCreateInput } from "../../../contract/constituency.js";
import type { TestApp } from "../../../test/support/app.js";
import { systemActor } from "../../platform/auth/actor.js";
import { createLogger } from "../../platform/log.js";
import { constituencyClient } from "../constituency/constituency.test-fixtures.js";
import { registryOwners } from "../feeds/registry-owners.js";
import { runFeedFile } from "../feeds/run-feed-file.js";
import { insertSource, selectSourceByName } from "../feeds/sources-store.js";
import { emptyKeyring } from "../intake/mail/pgp-keyring.js";
import { ingestMail } from "../intake/mail/ingest.js";
import { takeNotificationMail } from "./take-notification-mail.js";

// Shared by the notifications tests: an organisation with a network nobody else in the run holds, a
// feed file of its events read in (owners matched as the job does), mail arriving as intake takes it.

/** A random private /24 as three octets ("10.12.34"), so tests' events do not meet. */
export const uniquePrefix = () => `10.${randomBytes(1)[0] ?? 0}.${randomBytes(1)[0] ?? 0}`;

export function notificationsClient(app: () => TestApp) {
  const { call, createOrganisation } = constituencyClient(app);

  /** An organisation holding `${prefix}.0/24` with the contacts given. */
  const organisationWith = async (
    token: string,
    prefix: string,
    body: Partial<OrganisationCreateInput> = {},
  ): Promise<Organisation> => createOrganisation(token, { networks: [`${prefix}.0/24`], ...body });

  /**
   * Reads a Shadowserver file of `report` type with one event per address (time.source `at`), from a new
   * source or from `source` (made on first use).
   */
  const importEvents = async (report: string, addresses: string[], at = "2026-12-01 10:00:00", source?: string) => {
    const db = app().fyr.deps.db;
    const name = source ?? `ss-${randomBytes(4).toString("hex")}`;
    if (!source || !(await selectSourceByName(db, name)))
      await insertSource(db, { name, format: "shadowserver", report_type: report });
    const header = '"timestamp","ip","port","hostname","tag","asn","geo"';
    const rows = addresses.map((ip) => `"${at}","${ip}",3389,,"${report}",64500,"SE"`);
    const ctx = { db, actor: systemActor("test"), clock: app().clock };
    return runFeedFile(
      { ...ctx, blobs: app().fyr.deps.blobs, owners: registryOwners(ctx) },
      {
        source: name,
        fileName: `${report}.csv`,
        via: "cli",
        body: Readable.from([[header, ...rows].join("\n") + "\n"]),
      },
    );
  };

  /** Takes a raw message as inbound mail, the notifier's hook wired as the composition root does. */
  const receiveMail = (raw: string) =>
    ingestMail(
      {
        ...app().fyr.deps,
        logger: createLogger("silent"),
        keyring: emptyKeyring,
        notificationMail: takeNotificationMail,
      },
      Buffer.from(raw),
      "import",
    );

  return { call, organisationWith, importEvents, receiveMail };
}
