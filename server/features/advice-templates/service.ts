import type {
  AdviceRenderInput,
  AdviceRendered,
  AdviceTemplate,
  AdviceTemplateCreate,
  AdviceTemplatePatch,
} from "../../../contract/advice-templates.js";
import { appendAudit } from "../../platform/audit.js";
import { hasRole } from "../../platform/auth/actor.js";
import { inTransaction } from "../../platform/db/connect.js";
import { conflict, forbidden, notFound } from "../../platform/errors.js";
import { worksCases } from "../../platform/tlp.js";
import { loadVisibleIncident } from "../incidents/access.js";
import { selectLinkedReports } from "../incidents/correspondence/reporter-store.js";
import type { IncidentContext } from "../incidents/types.js";
import { certPlaceholders, fillPlaceholders } from "./render.js";
import {
  type TemplateRow,
  deleteTemplate,
  insertTemplate,
  selectTemplateByKey,
  selectTemplates,
  updateTemplate,
} from "./store.js";

const present = (row: TemplateRow): AdviceTemplate => ({
  id: row.id,
  key: row.key,
  language: row.language,
  name: row.name,
  subject: row.subject,
  body: row.body,
  updatedAt: row.updated_at.toISOString(),
});

function assertWorker(ctx: IncidentContext): void {
  if (!worksCases(ctx.actor)) throw forbidden("forbidden", "Your roles do not allow writing to incidents");
}
function assertAdmin(ctx: IncidentContext): void {
  if (!hasRole(ctx.actor, "admin")) throw forbidden("forbidden", "Only administrators edit advice templates");
}

/** The advice templates, optionally in one language. */
export async function listTemplates(ctx: IncidentContext, language?: "sv" | "en"): Promise<AdviceTemplate[]> {
  assertWorker(ctx);
  return (await selectTemplates(ctx.db, language)).map(present);
}

/** A template filled from an incident the reader may see (TLP: an invisible one is 404). */
export async function renderTemplate(ctx: IncidentContext, input: AdviceRenderInput): Promise<AdviceRendered> {
  assertWorker(ctx);
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, input.incident);
  const template = await selectTemplateByKey(ctx.db, input.key, input.language);
  if (!template) throw notFound("advice_template_not_found", `No template ${input.key} in ${input.language}`);
  const reports = await selectLinkedReports(ctx.db, incident.id, ctx.actor);
  return fillPlaceholders(template, {
    reference: incident.reference,
    title: incident.title,
    reporterName: reports.find((r) => r.reporter_name)?.reporter_name ?? null,
    organisation:
      incident.affected_organisations[0] ?? reports.find((r) => r.organisation_name)?.organisation_name ?? null,
    ...certPlaceholders(ctx.config.cert, input.language),
  });
}

/** Adds a template (admin); the key may exist once per language. */
export async function createTemplate(ctx: IncidentContext, input: AdviceTemplateCreate): Promise<AdviceTemplate> {
  assertAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const row = await insertTemplate(tx, { ...input, updated_at: ctx.clock.now() });
    if (!row) throw conflict("advice_template_exists", `A template ${input.key} in ${input.language} exists`);
    await audit(ctx, tx, "advice_template.created", row, input);
    return present(row);
  });
}

/** Changes a template's name, subject or body (admin). */
export async function patchTemplate(
  ctx: IncidentContext,
  id: string,
  patch: AdviceTemplatePatch,
): Promise<AdviceTemplate> {
  assertAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const row = await updateTemplate(tx, id, { ...patch, updated_at: ctx.clock.now() });
    if (!row) throw notFound("advice_template_not_found", "No such template");
    await audit(ctx, tx, "advice_template.updated", row, patch);
    return present(row);
  });
}

/** Deletes a template (admin). Messages written from it keep their text. */
export async function removeTemplate(ctx: IncidentContext, id: string): Promise<void> {
  assertAdmin(ctx);
  await inTransaction(ctx.db, async (tx) => {
    const row = await deleteTemplate(tx, id);
    if (!row) throw notFound("advice_template_not_found", "No such template");
    await audit(ctx, tx, "advice_template.deleted", row, {});
  });
}

async function audit(ctx: IncidentContext, tx: IncidentContext["db"], action: string, row: TemplateRow, diff: object) {
  await appendAudit(tx, ctx.clock, {
    actor: ctx.actor,
    action,
    target: { type: "advice_template", id: `${row.key}/${row.language}` },
    diff: { ...diff },
    ip: ctx.ip ?? null,
  });
}
