import type {
  CaseKind,
  CaseObservable,
  CaseObservableList,
  ObservableAdd,
  TypedValue,
} from "../../../contract/observables.js";
import { appendAudit } from "../../platform/audit.js";
import { conflict, invalid, notFound } from "../../platform/errors.js";
import { type CaseScope, resolveCase } from "./case-scope.js";
import { parseObservable } from "./extract/index.js";
import { assertMayJudgeObservables } from "./policy.js";
import { recordSightings } from "./record-sightings.js";
import { MAX_CASE_VALUES, type ObservablesContext } from "./related.js";
import { type CaseValueRow, selectCaseValues } from "./related-store.js";
import { deleteManualSighting } from "./sightings-store.js";
import { selectTagNames } from "./tags-store.js";
import { loadWarningMatcher } from "./warning-lists.js";
import type { WarningListHit } from "./warning-match.js";

type ValueHead = Pick<CaseObservable, "id" | "type" | "value" | "tag" | "doNotCorrelate" | "warningLists">;

/** What every view of a value starts with: the value, the analysts' verdict, the warning lists it is on. */
export function presentValueHead(
  row: Pick<CaseValueRow, "id" | "type" | "value" | "tag" | "do_not_correlate">,
  listed: (value: TypedValue) => WarningListHit[],
): ValueHead {
  return {
    id: String(row.id),
    type: row.type,
    value: row.value,
    tag: row.tag,
    doNotCorrelate: row.do_not_correlate,
    warningLists: listed(row),
  };
}

function present(
  row: CaseValueRow,
  listed: (value: TypedValue) => WarningListHit[],
  tags: Map<number, string[]>,
): CaseObservable {
  return {
    ...presentValueHead(row, listed),
    tags: tags.get(row.id) ?? [],
    origins: row.origins,
    firstSeen: row.first_seen.toISOString(),
    lastSeen: row.last_seen.toISOString(),
  };
}

async function listOf(ctx: ObservablesContext, scope: CaseScope): Promise<CaseObservableList> {
  const all = await selectCaseValues(ctx.db, ctx.actor, scope.ownIds, MAX_CASE_VALUES + 1);
  const rows = all.slice(0, MAX_CASE_VALUES);
  const [listed, tags] = await Promise.all([
    loadWarningMatcher(ctx.db, ctx.config),
    selectTagNames(
      ctx.db,
      ctx.actor,
      rows.map((r) => r.id),
    ),
  ]);
  return {
    items: rows.map((r) => present(r, listed, tags)),
    truncated: all.length > MAX_CASE_VALUES,
  };
}

/** The values seen in a case (an incident: also in the linked reports the actor may see), by type and value. */
export async function listCaseObservables(
  ctx: ObservablesContext,
  kind: CaseKind,
  reference: string,
): Promise<CaseObservableList> {
  return listOf(ctx, await resolveCase(ctx, kind, reference));
}

/** The value as typed (refanged, recognised, normalised), or a 400 naming the field. */
export function readTypedValue(input: { value: string; type?: TypedValue["type"] }, path: string): TypedValue {
  const parsed = parseObservable(input.value, input.type);
  if (parsed === null)
    throw invalid("observable_invalid", "Not a value Fyr recognises", [
      {
        path,
        message: input.type
          ? `Not a valid ${input.type}`
          : "Not an address, network, domain, URL, e-mail address, hash, CVE id or AS number",
        code: "invalid",
      },
    ]);
  return parsed;
}

/** An analyst adds a value to a case by hand (seen now); adding it again changes nothing. */
export async function addCaseObservable(
  ctx: ObservablesContext,
  kind: CaseKind,
  reference: string,
  input: ObservableAdd,
): Promise<CaseObservable> {
  const scope = await resolveCase(ctx, kind, reference);
  assertMayJudgeObservables(ctx.actor);
  const value = readTypedValue(input, "body.value");
  const by = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  await ctx.db.transaction().execute(async (tx) => {
    const at = ctx.clock.now();
    await recordSightings(
      tx,
      [{ value, caseKind: kind, caseId: scope.id, origin: "manual", originId: scope.id, seenAt: at, createdBy: by }],
      { ifAbsent: true },
    );
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "observable.added",
      target: { type: kind, id: scope.id },
      diff: { reference: scope.reference, type: value.type, value: value.value },
      ip: ctx.ip ?? null,
    });
  });
  const [row] = await selectCaseValues(ctx.db, ctx.actor, scope.ownIds, 1, value);
  if (row === undefined) throw new Error("the value just added is not in its case");
  const [listed, tags] = await Promise.all([
    loadWarningMatcher(ctx.db, ctx.config),
    selectTagNames(ctx.db, ctx.actor, [row.id]),
  ]);
  return present(row, listed, tags);
}

/** An analyst removes a value they (or a colleague) added by hand; extracted values stay, as the text says them. */
export async function removeCaseObservable(
  ctx: ObservablesContext,
  kind: CaseKind,
  reference: string,
  observableId: number,
): Promise<void> {
  const scope = await resolveCase(ctx, kind, reference);
  assertMayJudgeObservables(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await deleteManualSighting(tx, scope.id, observableId))) {
      const held = (await selectCaseValues(tx, ctx.actor, scope.ownIds, 1, { id: observableId })).length > 0;
      if (held) throw conflict("observable_not_manual", "This value comes from the case's text and cannot be removed");
      throw notFound("observable_not_found", "This case has no such value");
    }
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "observable.removed",
      target: { type: kind, id: scope.id },
      diff: { reference: scope.reference, observableId },
      ip: ctx.ip ?? null,
    });
  });
}
