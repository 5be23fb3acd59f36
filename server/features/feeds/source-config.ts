import type { FieldProblemCode } from "../../../contract/errors.js";
import { type FeedFetchInput, type FeedSource, type FeedSourceInput } from "../../../contract/feeds.js";
import { appendAudit } from "../../platform/audit.js";
import type { SecretBox } from "../../platform/auth/secret-box.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { findShadowserverReportType } from "./shadowserver/report-types.js";
import { sourceHealth } from "./read-feeds.js";
import { selectRecentRuns } from "./read-store.js";
import {
  type FeedSourceRow,
  type SourceValues,
  insertSource,
  selectSourceById,
  updateSource,
} from "./sources-store.js";
import { isMappedFormat, mappingFromText } from "./sources.js";

// Sources as an admin sets them up (console, API): the format and mapping, how often a file is
// expected, and how the source fetches its own files. A secret (IMAP password, the Reports API's
// secret) is sealed with the row's id as context, so a sealed value copied to another row never opens;
// it is never shown again, and an update that leaves it out keeps it.

export interface SourceConfigContext extends ServiceContext {
  secrets: SecretBox;
}

/** The sealing context of a source's secret. */
export const fetchSecretContext = (sourceId: string) => `feed-source:${sourceId}`;

export async function createFeedSource(ctx: SourceConfigContext, input: FeedSourceInput): Promise<FeedSource> {
  const values = checkedValues(input);
  const row = await ctx.db.transaction().execute(async (tx) => {
    let made: FeedSourceRow;
    try {
      made = await insertSource(tx, values);
    } catch (err) {
      throw uniqueViolation(err, input);
    }
    const secret = secretOf(input.fetch);
    if (secret !== undefined) {
      made = await updateSource(tx, made.id, { fetch_secret: ctx.secrets.seal(secret, fetchSecretContext(made.id)) });
    }
    await audit(ctx, tx, "feed.source_create", made, input);
    return made;
  });
  return sourceHealth(row, [], ctx.clock.now());
}

export async function updateFeedSource(
  ctx: SourceConfigContext,
  id: string,
  input: FeedSourceInput,
): Promise<FeedSource> {
  const found = await selectSourceById(ctx.db, id);
  if (!found) throw notFound("feed_source_not_found", "No feed source with this id");
  const values = checkedValues(input);
  const secret = secretOf(input.fetch);
  const sealed =
    input.fetch === null || input.fetch === undefined
      ? { fetch_secret: null }
      : secret !== undefined
        ? { fetch_secret: ctx.secrets.seal(secret, fetchSecretContext(id)) }
        : // The same kind of fetch without a new secret keeps the stored one; another kind has none.
          { fetch_secret: found.fetch_kind === input.fetch.kind ? found.fetch_secret : null };
  const row = await ctx.db.transaction().execute(async (tx) => {
    let changed: FeedSourceRow;
    try {
      changed = await updateSource(tx, id, {
        ...values,
        ...sealed,
        // A changed URL starts over: what the old one answered says nothing about the new one.
        ...(found.fetch_config.url !== values.fetch_config?.url ? { http_etag: null, http_last_modified: null } : {}),
        last_fetch_error: null,
      });
    } catch (err) {
      throw uniqueViolation(err, input);
    }
    await audit(ctx, tx, "feed.source_update", changed, input);
    return changed;
  });
  const runs = (await selectRecentRuns(ctx.db, 31)).filter((r) => r.source_id === id);
  return sourceHealth(row, runs, ctx.clock.now());
}

/** The row's values from the input, every bad field named. */
function checkedValues(input: FeedSourceInput): SourceValues {
  const errors: { path: string; message: string; code: FieldProblemCode }[] = [];
  let mapping: unknown = null;
  if (isMappedFormat(input.format)) {
    if (input.mapping === undefined)
      errors.push({ path: "body.mapping", message: "required for this format", code: "required" });
    else mapping = mappingFromText(input.mapping);
  }
  let reportType: string | null = null;
  if (input.format === "shadowserver" && input.reportType) {
    try {
      reportType = findShadowserverReportType(input.reportType).reportType;
    } catch (err) {
      errors.push({
        path: "body.reportType",
        message: err instanceof Error ? err.message : "unknown",
        code: "unknown_value",
      });
    }
  }
  if (errors.length > 0) throw new AppError("validation_failed", "invalid", "Some fields are invalid", { errors });
  const fetch = input.fetch ?? null;
  return {
    name: input.name,
    format: input.format,
    report_type: reportType,
    column_mapping: mapping,
    expected_every_hours: input.expectedEveryHours ?? null,
    fetch_kind: fetch?.kind ?? null,
    fetch_config: fetch === null ? {} : configOf(fetch),
    fetch_every_minutes: fetch === null || fetch.kind === "mail" ? null : fetch.everyMinutes,
  };
}

/** What of the fetch is kept readable (never the secret). */
function configOf(fetch: FeedFetchInput): Record<string, unknown> {
  switch (fetch.kind) {
    case "url":
      return { url: fetch.url };
    case "imap":
      return { url: withoutPassword(fetch.url) };
    case "mail":
      return { address: fetch.address };
    case "shadowserver-api":
      return {
        apiUrl: fetch.apiUrl,
        apiKey: fetch.apiKey,
        reports: fetch.reports,
        types: fetch.types,
        days: fetch.days,
      };
  }
}

/** A password written into an IMAP URL goes to the sealed secret, never into the readable config. */
function withoutPassword(text: string): string {
  const url = new URL(text);
  url.password = "";
  return url.toString();
}

function secretOf(fetch: FeedFetchInput | null | undefined): string | undefined {
  if (fetch?.kind === "imap") {
    const inUrl = decodeURIComponent(new URL(fetch.url).password);
    return fetch.password ?? (inUrl === "" ? undefined : inUrl);
  }
  if (fetch?.kind === "shadowserver-api") return fetch.secret;
  return undefined;
}

async function audit(
  ctx: ServiceContext,
  tx: ServiceContext["db"],
  action: string,
  row: FeedSourceRow,
  input: FeedSourceInput,
): Promise<void> {
  await appendAudit(tx, ctx.clock, {
    actor: ctx.actor,
    action,
    target: { type: "feed_source", id: row.id },
    diff: {
      name: row.name,
      format: row.format,
      reportType: row.report_type,
      expectedEveryHours: row.expected_every_hours,
      fetch:
        row.fetch_kind === null
          ? null
          : { kind: row.fetch_kind, ...row.fetch_config, everyMinutes: row.fetch_every_minutes },
      // Whether a secret was given, never the secret.
      secretChanged: secretOf(input.fetch) !== undefined,
    },
    ip: ctx.ip ?? null,
  });
}

function uniqueViolation(err: unknown, input: FeedSourceInput): unknown {
  if (typeof err !== "object" || err === null || !("code" in err) || err.code !== "23505") return err;
  const constraint = "constraint" in err ? String(err.constraint) : "";
  if (constraint.includes("mail_address")) {
    return conflict("feed_mail_address_taken", "Another source already receives mail at this address");
  }
  return conflict("feed_source_name_taken", `Another source is named ${input.name}`);
}
