import type { Selectable } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type { ExchangePartnersTable } from "../../platform/db/tables/exchange.js";

// SQL only: partner CERTs (organisations marked as partners, with their agreement's TLP).

export type PartnerRow = Selectable<ExchangePartnersTable>;

/** The partner record of an organisation, if it is one. */
export async function selectPartner(db: Db, organisationId: string): Promise<PartnerRow | undefined> {
  return db
    .selectFrom("exchange_partners")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}
