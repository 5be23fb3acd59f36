import { type FeedColumnMapping, parseColumnMappingText } from "../../../contract/feed-events.js";
import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import type { FeedFormat } from "../../platform/db/tables/feeds.js";
import { AppError } from "../../platform/errors.js";
import { type FeedSourceRow, insertSource, selectSourceByName, updateSourceMapping } from "./sources-store.js";

const mismatch = (found: FeedSourceRow, format: FeedFormat) =>
  new AppError("feed_format_mismatch", "invalid", `The source ${found.name} reads ${found.format}, not ${format}`, {
    errors: [{ path: "body.format", message: `the source reads ${found.format}`, code: "feed_format_mismatch" }],
  });

/** The mapping written as `column=field, …`, or a 400 naming body.mapping and what is wrong. */
export function mappingFromText(text: string): FeedColumnMapping {
  const parsed = parseColumnMappingText(text);
  if (parsed.success) return parsed.data;
  const message = parsed.error.issues.map((i) => [i.path.join("."), i.message].filter(Boolean).join(": ")).join("; ");
  throw new AppError("validation_failed", "invalid", "Some fields are invalid", {
    errors: [{ path: "body.mapping", message, code: "feed_mapping_invalid" }],
  });
}

/** Generic formats, read through a saved column mapping. */
export const isMappedFormat = (format: FeedFormat): boolean => format === "csv" || format === "json";

/**
 * The source of this name, made (and audited) with the format when it does not exist yet. A mapping
 * given for an existing CSV source replaces its saved one (audited); a CSV source needs one.
 */
export async function ensureSource(
  ctx: ServiceContext,
  input: { name: string; format: FeedFormat; reportType?: string | null; mapping?: FeedColumnMapping },
): Promise<FeedSourceRow> {
  const found = await selectSourceByName(ctx.db, input.name);
  if (found && found.format !== input.format) throw mismatch(found, input.format);
  const mapped = isMappedFormat(input.format);
  if (found && (input.mapping === undefined || !mapped)) return found;
  if (!found && mapped && input.mapping === undefined) {
    const format = input.format.toUpperCase();
    throw new AppError(
      "feed_mapping_required",
      "invalid",
      `The new ${format} source ${input.name} needs a column mapping`,
      {
        errors: [{ path: "body.mapping", message: `required for a new ${format} source`, code: "required" }],
      },
    );
  }
  return ctx.db.transaction().execute(async (tx) => {
    if (found) {
      await updateSourceMapping(tx, found.id, input.mapping);
      await appendAudit(tx, ctx.clock, {
        actor: ctx.actor,
        action: "feed.source_mapping",
        target: { type: "feed_source", id: found.id },
        diff: { name: found.name, mapping: input.mapping },
        ip: ctx.ip ?? null,
      });
      return { ...found, column_mapping: input.mapping ?? null };
    }
    const row = await insertSource(tx, {
      name: input.name,
      format: input.format,
      report_type: input.reportType ?? null,
      column_mapping: mapped ? input.mapping : undefined,
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "feed.source_create",
      target: { type: "feed_source", id: row.id },
      diff: { name: row.name, format: row.format, reportType: row.report_type },
      ip: ctx.ip ?? null,
    });
    return row;
  });
}
