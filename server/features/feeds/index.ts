// What other features use of feeds (their service; never its stores).
export { countFeedSecretsUnder, resealFeedSecrets } from "./feed-secrets.js";
