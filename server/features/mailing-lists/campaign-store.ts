import { type Selectable, sql } from "kysely";
import type { Db } from "../../platform/db/connect.js";
import type {
  CampaignMessage,
  CampaignStatus,
  ListCampaignsTable,
  ListLanguage,
} from "../../platform/db/tables/mailing-lists.js";

// SQL of campaigns and their per-recipient deliveries (0067).

export type CampaignRow = Selectable<ListCampaignsTable>;

export async function insertCampaign(
  db: Db,
  c: {
    id: string;
    listId: string;
    sourceRef: string | null;
    messages: Partial<Record<ListLanguage, CampaignMessage>>;
    sign: boolean;
    priority: number;
    sendAfter: Date;
    createdBy: string;
    at: Date;
  },
): Promise<void> {
  await db
    .insertInto("list_campaigns")
    .values({
      id: c.id,
      list_id: c.listId,
      source_ref: c.sourceRef,
      messages: JSON.stringify(c.messages),
      sign: c.sign,
      priority: c.priority,
      send_after: c.sendAfter,
      created_by: c.createdBy,
      created_at: c.at,
    })
    .execute();
}

/** The list's confirmed subscribers become deliveries, in one statement (no row passes through Node). */
export async function insertMemberDeliveries(db: Db, campaignId: string, listId: string): Promise<void> {
  await sql`
    insert into list_deliveries (campaign_id, email, language)
    select ${campaignId}::uuid, s.email, s.language
      from list_memberships m join list_subscribers s on s.id = m.subscriber_id
     where m.list_id = ${listId}
    on conflict do nothing`.execute(db);
}

/** Organisations' contacts become deliveries; an address already there (a subscriber) is not doubled. */
export async function insertContactDeliveries(
  db: Db,
  campaignId: string,
  contacts: { email: string; language: ListLanguage }[],
): Promise<void> {
  for (let i = 0; i < contacts.length; i += 1000) {
    const chunk = contacts.slice(i, i + 1000);
    await db
      .insertInto("list_deliveries")
      .values(chunk.map((c) => ({ campaign_id: campaignId, email: c.email, language: c.language })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

/**
 * Drops the addresses that opted out of the list, takes each remaining subscriber's own language, and
 * stores how many recipients are left.
 */
export async function settleDeliveries(db: Db, campaignId: string, listId: string): Promise<number> {
  await sql`
    delete from list_deliveries d using list_opt_outs o
     where d.campaign_id = ${campaignId}::uuid and o.list_id = ${listId} and o.email = d.email`.execute(db);
  await sql`
    update list_deliveries d set language = s.language from list_subscribers s
     where d.campaign_id = ${campaignId}::uuid and s.email = d.email and d.language <> s.language`.execute(db);
  const row = await db
    .updateTable("list_campaigns")
    .set({
      recipients: sql<number>`(select count(*) from list_deliveries where campaign_id = ${campaignId}::uuid)`,
    })
    .where("id", "=", campaignId)
    .returning("recipients")
    .executeTakeFirstOrThrow();
  return row.recipients;
}

export async function selectCampaign(db: Db, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom("list_campaigns").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The messages as signed: from now on they are sent as they are. */
export async function storeSignedMessages(
  db: Db,
  id: string,
  messages: Partial<Record<ListLanguage, CampaignMessage>>,
): Promise<void> {
  await db
    .updateTable("list_campaigns")
    .set({ messages: JSON.stringify(messages), signed: true })
    .where("id", "=", id)
    .execute();
}

export async function setCampaignDispatchJob(db: Db, id: string, jobId: number | null): Promise<void> {
  await db.updateTable("list_campaigns").set({ dispatch_job: jobId }).where("id", "=", id).execute();
}

/** Moves a campaign from one status to another; false when it was not in `from`. */
export async function moveCampaign(
  db: Db,
  id: string,
  from: CampaignStatus,
  to: CampaignStatus,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable("list_campaigns")
    .set({ status: to, ...(to === "done" ? { finished_at: now } : {}) })
    .where("id", "=", id)
    .where("status", "=", from)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Serialises the dispatchers of every campaign for the rest of the transaction: the send budget is
 * counted and spent by one at a time, across processes.
 */
export async function lockSendBudget(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('fyr.mailing-lists.dispatch'))`.execute(db);
}

/** Deliveries released into the outbox since `since` (any campaign): the spent part of the budget. */
export async function countReleasedSince(db: Db, since: Date): Promise<{ count: number; oldest: Date | null }> {
  const row = await db
    .selectFrom("list_deliveries")
    .where("released_at", ">", since)
    .select([sql<number>`count(*)::int`.as("count"), sql<Date | null>`min(released_at)`.as("oldest")])
    .executeTakeFirstOrThrow();
  return row;
}

export interface PendingDelivery {
  campaign_id: string;
  list_id: string;
  email: string;
  language: ListLanguage;
}

/**
 * The next deliveries to release, most urgent campaign first (flash alerts before the rest), then the
 * oldest campaign; locked for this transaction (SKIP LOCKED: a second dispatcher passes them over).
 */
export async function takePendingDeliveries(db: Db, now: Date, limit: number): Promise<PendingDelivery[]> {
  if (limit <= 0) return [];
  const rows = await sql<PendingDelivery>`
    select d.campaign_id, c.list_id, d.email, d.language
      from list_deliveries d join list_campaigns c on c.id = d.campaign_id
     where d.status = 'pending' and c.status = 'sending' and c.send_after <= ${now}
     order by c.priority, c.created_at, c.id, d.email
     limit ${limit}
       for update of d skip locked`.execute(db);
  return rows.rows;
}

/** Marks deliveries released with their outbox message, many in one statement. */
export async function markReleased(
  db: Db,
  rows: { campaignId: string; email: string; mailId: string }[],
  at: Date,
): Promise<void> {
  if (rows.length === 0) return;
  const values = sql.join(rows.map((r) => sql`(${r.campaignId}::uuid, ${r.email}, ${r.mailId}::uuid)`));
  await sql`
    update list_deliveries d set status = 'released', mail_id = v.mail_id, released_at = ${at}
      from (values ${values}) as v (campaign_id, email, mail_id)
     where d.campaign_id = v.campaign_id and d.email = v.email and d.status = 'pending'`.execute(db);
}

export async function hasPending(db: Db, campaignId: string): Promise<boolean> {
  const row = await db
    .selectFrom("list_deliveries")
    .select("email")
    .where("campaign_id", "=", campaignId)
    .where("status", "=", "pending")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Sent / failed / remaining per campaign: released deliveries are as far as their outbox message. */
export async function selectProgress(
  db: Db,
  ids: string[],
): Promise<Map<string, { sent: number; failed: number; remaining: number }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("list_deliveries as d")
    .leftJoin("mail_messages as m", "m.id", "d.mail_id")
    .where("d.campaign_id", "in", ids)
    .groupBy("d.campaign_id")
    .select([
      "d.campaign_id",
      sql<number>`count(*) filter (where m.status in ('sent', 'kept'))::int`.as("sent"),
      sql<number>`count(*) filter (where m.status = 'failed')::int`.as("failed"),
      sql<number>`count(*) filter (where m.status is null or m.status = 'queued')::int`.as("remaining"),
    ])
    .execute();
  return new Map(rows.map((r) => [r.campaign_id, { sent: r.sent, failed: r.failed, remaining: r.remaining }]));
}

/** One page of campaigns, newest first. */
export async function selectCampaignPage(
  db: Db,
  listId: string | undefined,
  after: { t: string; id: string } | undefined,
  limit: number,
): Promise<CampaignRow[]> {
  let q = db.selectFrom("list_campaigns").selectAll();
  if (listId) q = q.where("list_id", "=", listId);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb("created_at", "<", new Date(after.t)),
        eb.and([eb("created_at", "=", new Date(after.t)), eb("id", "<", after.id)]),
      ]),
    );
  return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
}
