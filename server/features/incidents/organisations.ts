import type { OwnerMatch } from "../../../contract/constituency.js";
import type {
  IncidentOrganisationLink,
  IncidentOrganisations,
  OrganisationSuggestion,
  SuggestionReason,
} from "../../../contract/incident-organisations.js";
import type { CaseObservable } from "../../../contract/observables.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction } from "../../platform/db/connect.js";
import { conflict, notFound } from "../../platform/errors.js";
import { worksCases } from "../../platform/tlp.js";
import { type OwnerQuery, matchOwnersBatch, mayReadRegistry } from "../constituency/index.js";
import { listCaseObservables } from "../observables/case-observables.js";
import { parseIpRange } from "../observables/ip-range.js";
import { type IncidentRow, loadIncidentForChange, loadVisibleIncident } from "./access.js";
import { selectUserRefs } from "./incident-store.js";
import {
  type IncidentOrganisationRow,
  deleteIncidentOrganisation,
  selectIncidentOrganisationForUpdate,
  selectIncidentOrganisations,
  selectOrganisationName,
  upsertIncidentOrganisation,
} from "./organisations-store.js";
import type { IncidentContext } from "./types.js";

// "Affected organisations" as registry entries (issue 14). Links are stored; suggestions are not: they
// are the owners (the constituency's matchOwnersBatch) of the values the reader sees in the incident, read
// now, so they follow the registry and the case, and through listCaseObservables (the observables' TLP
// reading) they never come from a linked report the reader may not see. The incident itself is read
// through loadVisibleIncident first: a hidden incident answers 404, suggestions and all.

const REASONS_SHOWN = 5;

/** The owner-match questions one value asks; a network is owned by who owns both its ends. */
function queriesOf(o: Pick<CaseObservable, "type" | "value">): OwnerQuery[] {
  switch (o.type) {
    case "ipv4":
    case "ipv6":
      return [{ ip: o.value }];
    case "cidr": {
      const range = parseIpRange(o.value);
      if (!range) return [];
      const width = range.family === 4 ? 32 : 128;
      const last = range.bits | ((1n << BigInt(width - range.prefix)) - 1n);
      return [{ ip: formatBits(range.family, range.bits) }, { ip: formatBits(range.family, last) }];
    }
    case "domain":
      return [{ domain: o.value }];
    case "url":
      return [{ url: o.value }];
    case "email": {
      const at = o.value.lastIndexOf("@");
      return at > 0 ? [{ domain: o.value.slice(at + 1) }] : [];
    }
    case "asn":
      return [{ asn: o.value.replace(/^AS/i, "") }];
    case "md5":
    case "sha1":
    case "sha256":
    case "sha512":
    case "ssdeep":
    case "tlsh":
    case "ja3":
    case "ja4":
    case "cve":
    case "btc":
    case "xmr":
    case "mac":
    case "regkey":
    case "filename":
    case "filepath":
      return []; // nobody owns these on the Internet
  }
}

function formatBits(family: 4 | 6, bits: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((bits >> s) & 0xffn)).join(".");
  const groups: string[] = [];
  for (let s = 112n; s >= 0n; s -= 16n) groups.push(((bits >> s) & 0xffffn).toString(16));
  return groups.join(":");
}

/** The most specific owners of a value: every match as specific as the first (two claims of one range). */
function topTier(matches: readonly OwnerMatch[]): OwnerMatch[] {
  const first = matches[0];
  if (!first) return [];
  return matches.filter((m) => m.matchedBy === first.matchedBy && m.match === first.match);
}

/** Owners per value: for a network, the owners of its first address who also own its last. */
function ownersPerValue(
  values: readonly CaseObservable[],
  spans: readonly number[],
  answers: readonly OwnerMatch[][],
): OwnerMatch[][] {
  let at = 0;
  return values.map((_, i) => {
    const span = spans[i] ?? 0;
    const mine = answers.slice(at, at + span);
    at += span;
    const [firstEnd = [], lastEnd] = mine;
    if (lastEnd === undefined) return topTier(firstEnd);
    const alsoLast = new Set(lastEnd.map((m) => m.organisation.id));
    return topTier(firstEnd.filter((m) => alsoLast.has(m.organisation.id)));
  });
}

/** Who owns the values the actor sees in the incident, but for the organisations already on it. */
async function computeSuggestions(
  ctx: IncidentContext,
  reference: string,
  taken: ReadonlySet<string>,
): Promise<{ suggestions: OrganisationSuggestion[]; truncated: boolean }> {
  if (!mayReadRegistry(ctx.actor)) return { suggestions: [], truncated: false };
  const observed = await listCaseObservables(ctx, "incident", reference);
  const values = observed.items.filter((o) => queriesOf(o).length > 0);
  const queries = values.map(queriesOf);
  if (queries.length === 0) return { suggestions: [], truncated: observed.truncated };
  const answers = await matchOwnersBatch(ctx, queries.flat());
  const owners = ownersPerValue(
    values,
    queries.map((q) => q.length),
    answers,
  );
  const byOrganisation = new Map<string, { organisation: OwnerMatch["organisation"]; because: SuggestionReason[] }>();
  owners.forEach((matches, i) => {
    const value = values[i];
    if (!value) return;
    for (const m of matches) {
      if (taken.has(m.organisation.id)) continue;
      let entry = byOrganisation.get(m.organisation.id);
      if (!entry) byOrganisation.set(m.organisation.id, (entry = { organisation: m.organisation, because: [] }));
      entry.because.push({ type: value.type, value: value.value, matchedBy: m.matchedBy, match: m.match });
    }
  });
  const suggestions = [...byOrganisation.values()]
    .map((e) => ({
      organisation: e.organisation,
      because: e.because.slice(0, REASONS_SHOWN),
      values: e.because.length,
    }))
    .sort((a, b) => b.values - a.values || a.organisation.name.localeCompare(b.organisation.name, "sv"));
  return { suggestions, truncated: observed.truncated };
}

async function present(ctx: IncidentContext, incident: IncidentRow): Promise<IncidentOrganisations> {
  const rows = await selectIncidentOrganisations(ctx.db, incident.id);
  const users = await selectUserRefs(
    ctx.db,
    rows.flatMap((r) => (r.added_by ? [r.added_by] : [])),
  );
  const link = (r: IncidentOrganisationRow): IncidentOrganisationLink => ({
    organisation: { id: r.organisation_id, name: r.organisation_name },
    source: r.source,
    addedBy: (r.added_by && users.get(r.added_by)) || null,
    addedAt: r.added_at.toISOString(),
  });
  const taken = new Set(rows.map((r) => r.organisation_id));
  const { suggestions, truncated } = await computeSuggestions(ctx, incident.reference, taken);
  return {
    items: rows.filter((r) => r.accepted).map(link),
    suggestions,
    dismissed: rows.filter((r) => !r.accepted).map(link),
    truncated,
    canEdit: worksCases(ctx.actor),
  };
}

/** The incident's organisations, suggestions and dismissals as the actor may see them (404 when hidden). */
export async function getIncidentOrganisations(
  ctx: IncidentContext,
  reference: string,
): Promise<IncidentOrganisations> {
  return present(ctx, await loadVisibleIncident(ctx.db, ctx.actor, reference));
}

/** The audit actions of these changes (worded in attention.{sv,en}.json under auditWords.actions.incident). */
type Action =
  | "incident.organisation_added"
  | "incident.organisation_accepted"
  | "incident.organisation_dismissed"
  | "incident.organisation_removed";

/** One change in a transaction: the incident locked, the row written, the audit entry beside it. */
async function change(
  ctx: IncidentContext,
  reference: string,
  organisationId: string,
  action: Action,
  write: (tx: IncidentContext["db"], incident: IncidentRow, by: string | null, at: Date) => Promise<void>,
): Promise<IncidentOrganisations> {
  const incident = await inTransaction(ctx.db, async (tx) => {
    const row = await loadIncidentForChange(tx, ctx.actor, reference);
    const name = await selectOrganisationName(tx, organisationId);
    if (name === undefined) throw notFound("organisation_not_found", "No organisation with this id");
    const at = ctx.clock.now();
    await write(tx, row, ctx.actor.kind === "user" ? ctx.actor.userId : null, at);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action,
      target: { type: "incident", id: row.reference },
      // Words, not ids, in the audit trail's details (the audit screen shows them as they are).
      diff: { organisation: name },
      ip: ctx.ip ?? null,
    });
    return row;
  });
  return present(ctx, incident);
}

/** Whether the organisation is among the actor's suggestions for the incident now. */
async function isSuggested(ctx: IncidentContext, reference: string, organisationId: string): Promise<boolean> {
  const { suggestions } = await computeSuggestions(ctx, reference, new Set());
  return suggestions.some((s) => s.organisation.id === organisationId);
}

/** Links an organisation picked by hand (a dismissed suggestion picked so becomes a link). */
export function addIncidentOrganisation(
  ctx: IncidentContext,
  reference: string,
  organisationId: string,
): Promise<IncidentOrganisations> {
  return change(ctx, reference, organisationId, "incident.organisation_added", async (tx, incident, by, at) => {
    const existing = await selectIncidentOrganisationForUpdate(tx, incident.id, organisationId);
    if (existing?.accepted) throw conflict("incident_organisation_exists", "The organisation is already linked");
    await upsertIncidentOrganisation(tx, {
      incidentId: incident.id,
      organisationId,
      source: "manual",
      accepted: true,
      by,
      at,
    });
  });
}

/** Accepts (or sets aside) a suggestion: only an organisation suggested to the actor now. */
function decide(
  ctx: IncidentContext,
  reference: string,
  organisationId: string,
  accepted: boolean,
): Promise<IncidentOrganisations> {
  return change(
    ctx,
    reference,
    organisationId,
    accepted ? "incident.organisation_accepted" : "incident.organisation_dismissed",
    async (tx, incident, by, at) => {
      const existing = await selectIncidentOrganisationForUpdate(tx, incident.id, organisationId);
      if (existing?.accepted) throw conflict("incident_organisation_exists", "The organisation is already linked");
      if (existing === undefined && !(await isSuggested({ ...ctx, db: tx }, incident.reference, organisationId)))
        throw conflict("organisation_not_suggested", "The organisation is not suggested for this incident");
      await upsertIncidentOrganisation(tx, {
        incidentId: incident.id,
        organisationId,
        source: "suggested",
        accepted,
        by,
        at,
      });
    },
  );
}

export function acceptOrganisationSuggestion(ctx: IncidentContext, reference: string, organisationId: string) {
  return decide(ctx, reference, organisationId, true);
}

export function dismissOrganisationSuggestion(ctx: IncidentContext, reference: string, organisationId: string) {
  return decide(ctx, reference, organisationId, false);
}

/** Unlinks an organisation, or takes back a dismissal (the organisation may be suggested again). */
export function removeIncidentOrganisation(
  ctx: IncidentContext,
  reference: string,
  organisationId: string,
): Promise<IncidentOrganisations> {
  return change(ctx, reference, organisationId, "incident.organisation_removed", async (tx, incident) => {
    if (!(await deleteIncidentOrganisation(tx, incident.id, organisationId)))
      throw notFound("incident_organisation_not_found", "The organisation is not on this incident");
  });
}
