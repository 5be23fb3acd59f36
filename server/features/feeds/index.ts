// What other features use of the feeds (never its stores): the events of organisations the caller has
// admitted the reader to (the member area), the sightings of values in events (correlation), and the
// sources' sealed secrets (key rotation).
export { countFeedSecretsUnder, resealFeedSecrets } from "./feed-secrets.js";

export {
  DEFAULT_WINDOW_DAYS,
  MAX_COUNT_DAYS,
  type OrganisationEventQuery,
  countOrganisationEventsByDay,
  listOrganisationEvents,
  organisationEventsCsv,
} from "./organisation-events.js";
export { FEED_EVENT_TLP, type FeedSighting, feedSightingsOf } from "./feed-sightings.js";
/** The duty loop's missed-feed alarm (features/oncall). */
export { type LateFeedSource, lateFeedSources } from "./late-sources.js";
/** The duty loop's critical-feed trigger: compromised systems at essential entities (features/oncall). */
export { type CriticalFinding, criticalFeedFindings } from "./critical-findings.js";
