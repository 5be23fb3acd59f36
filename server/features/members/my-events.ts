import type { EventDayCounts, FeedEventPage, MyEventCountQuery, MyEventQuery } from "../../../contract/feeds.js";
import {
  type OrganisationEventQuery,
  countOrganisationEventsByDay,
  listOrganisationEvents,
  organisationEventsCsv,
} from "../feeds/index.js";
import { type MemberContext, assertInScope, memberScope } from "./policy.js";

// A member's security events (n6's "report/inside"): those the feeds matched to their organisation or one
// below it, nothing else. The scope comes from the member policy; an organisation asked for outside it
// answers as an unknown one (404), so the filter tells a member of B nothing about A.

type EventsContext = MemberContext & { timeZone: string; exportMax: number };

async function scoped(ctx: EventsContext, q: MyEventCountQuery): Promise<OrganisationEventQuery> {
  const scope = await memberScope(ctx);
  if (q.organisation !== undefined) assertInScope(scope, q.organisation);
  return {
    organisations: q.organisation === undefined ? scope.organisations : [q.organisation],
    from: q.from,
    to: q.to,
    type: q.type,
  };
}

/** A page of the member's events, newest first. */
export async function listMyEvents(ctx: EventsContext, q: MyEventQuery): Promise<FeedEventPage> {
  return listOrganisationEvents(ctx, { ...(await scoped(ctx, q)), limit: q.limit, cursor: q.cursor });
}

/** The member's events as CSV over a window (whole or refused, see feeds' bound). */
export async function myEventsCsv(ctx: EventsContext, q: MyEventQuery): Promise<AsyncIterable<string>> {
  return organisationEventsCsv(ctx, await scoped(ctx, q));
}

/** The member's events per day and classification type, for the chart. */
export async function countMyEvents(ctx: EventsContext, q: MyEventCountQuery): Promise<EventDayCounts> {
  return countOrganisationEventsByDay(ctx, await scoped(ctx, q));
}
