import type { WarningList, WarningListCreate, WarningListUpdate } from "../../../contract/observables.js";
import { appendAudit } from "../../platform/audit.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { type FieldError, conflict, invalid, notFound } from "../../platform/errors.js";
import { parseObservable } from "./extract/index.js";
import { assertMayEditWarningLists, assertMayReadObservables } from "./policy.js";
import {
  type NewWarningEntry,
  type WarningListRow,
  deleteWarningListRow,
  insertWarningList,
  replaceEntries,
  selectEnabledBuiltin,
  selectEnabledEntries,
  selectEntryTexts,
  selectWarningList,
  selectWarningLists,
  updateWarningListRow,
} from "./warning-lists-store.js";
import { type WarningEntry, type WarningListHit, warningMatcher } from "./warning-match.js";
import type { TypedValue } from "../../../contract/observables.js";

const present = (row: WarningListRow, entries: string[]): WarningList => ({
  id: row.id,
  name: row.name,
  description: row.description,
  enabled: row.enabled,
  matchUrlsAndEmails: row.match_urls_and_emails,
  builtinKey: row.builtin_key,
  entries,
  version: row.version,
  updatedAt: row.updated_at.toISOString(),
});

/** Every warning list with its entries. */
export async function listWarningLists(ctx: ServiceContext): Promise<{ items: WarningList[] }> {
  assertMayReadObservables(ctx.actor);
  const rows = await selectWarningLists(ctx.db);
  const entries = await selectEntryTexts(
    ctx.db,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => present(r, entries.get(r.id) ?? [])) };
}

/** Reads the admin's entries: a network or address, a domain, or any other observable value. */
function parseEntries(texts: string[]): NewWarningEntry[] {
  const errors: FieldError[] = [];
  const entries: NewWarningEntry[] = [];
  texts.forEach((entry, i) => {
    const parsed = parseObservable(entry);
    if (parsed === null) {
      errors.push({
        path: `body.entries.${i}`,
        message: `"${entry.slice(0, 80)}" is no address, network, domain or other value`,
        code: "invalid",
      });
    } else if (parsed.type === "ipv4" || parsed.type === "ipv6" || parsed.type === "cidr") {
      entries.push({ entry, kind: "network", network: parsed.value, value_type: null, value: null });
    } else if (parsed.type === "domain") {
      entries.push({ entry, kind: "domain", network: null, value_type: "domain", value: parsed.value });
    } else {
      entries.push({ entry, kind: "value", network: null, value_type: parsed.type, value: parsed.value });
    }
  });
  if (errors.length > 0) throw invalid("validation_failed", "Some entries are not values Fyr recognises", errors);
  return entries;
}

/** An admin adds a list. */
export async function createWarningList(ctx: ServiceContext, input: WarningListCreate): Promise<WarningList> {
  assertMayEditWarningLists(ctx.actor);
  const entries = parseEntries(input.entries);
  return ctx.db.transaction().execute(async (tx) => {
    const row = await insertWarningList(tx, {
      name: input.name,
      description: input.description,
      enabled: input.enabled,
      match_urls_and_emails: input.matchUrlsAndEmails,
      updated_at: ctx.clock.now(),
      updated_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    });
    await replaceEntries(tx, row.id, entries);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "warning_list.created",
      target: { type: "warning_list", id: row.id },
      diff: { name: input.name, enabled: input.enabled, entries: entries.length },
      ip: ctx.ip ?? null,
    });
    return present(row, input.entries);
  });
}

/** An admin changes a list (entries are replaced whole); a stale version is a 409. */
export async function updateWarningList(
  ctx: ServiceContext,
  id: string,
  patch: WarningListUpdate,
): Promise<WarningList> {
  assertMayEditWarningLists(ctx.actor);
  const entries = patch.entries === undefined ? undefined : parseEntries(patch.entries);
  return ctx.db.transaction().execute(async (tx) => {
    const current = await selectWarningList(tx, id, { forUpdate: true });
    if (current === undefined) throw notFound("warning_list_not_found", "No such warning list");
    if (current.version !== patch.version)
      throw conflict("version_conflict", "The list was changed by someone else; reload it");
    const row = await updateWarningListRow(tx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.matchUrlsAndEmails !== undefined ? { match_urls_and_emails: patch.matchUrlsAndEmails } : {}),
      updated_at: ctx.clock.now(),
      updated_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    });
    if (entries !== undefined) await replaceEntries(tx, id, entries);
    const { version: _version, entries: _entries, ...changed } = patch;
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "warning_list.updated",
      target: { type: "warning_list", id },
      diff: { ...changed, entries: entries?.length, version: row.version },
      ip: ctx.ip ?? null,
    });
    const texts = await selectEntryTexts(tx, [id]);
    return present(row, texts.get(id) ?? []);
  });
}

/** An admin deletes a list of their own; the shipped ones can only be switched off. */
export async function deleteWarningList(ctx: ServiceContext, id: string): Promise<void> {
  assertMayEditWarningLists(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    const current = await selectWarningList(tx, id, { forUpdate: true });
    if (current === undefined) throw notFound("warning_list_not_found", "No such warning list");
    if (current.builtin_key !== null)
      throw conflict("warning_list_builtin", "A list Fyr ships cannot be deleted; switch it off instead");
    await deleteWarningListRow(tx, id);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "warning_list.deleted",
      target: { type: "warning_list", id },
      diff: { name: current.name },
      ip: ctx.ip ?? null,
    });
  });
}

/** Our own names from the configuration: the host people reach us at and the domain we mail from. */
function configuredOwnDomains(config: Pick<Config, "publicUrl" | "mailFrom">): TypedValue[] {
  const hosts = [new URL(config.publicUrl).hostname, config.mailFrom.slice(config.mailFrom.lastIndexOf("@") + 1)];
  return hosts.map((h) => parseObservable(h, "domain")).filter((v): v is TypedValue => v !== null);
}

/** The test "which enabled warning lists hold this value", as it stands now (lists are read each time). */
export async function loadWarningMatcher(
  db: Db,
  config: Pick<Config, "publicUrl" | "mailFrom">,
): Promise<(value: TypedValue) => WarningListHit[]> {
  const [entries, own]: [WarningEntry[], WarningListRow | undefined] = await Promise.all([
    selectEnabledEntries(db),
    selectEnabledBuiltin(db, "own-domains"),
  ]);
  if (own !== undefined)
    for (const d of configuredOwnDomains(config))
      entries.push({
        listId: own.id,
        listName: own.name,
        matchUrlsAndEmails: own.match_urls_and_emails,
        kind: "domain",
        network: null,
        valueType: "domain",
        value: d.value,
      });
  return warningMatcher(entries);
}
