import type {
  CaseDetail,
  NotifyInput,
  ParticipantCreate,
  ParticipantUpdate,
  StatusChange,
} from "../../../contract/coordination.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, conflict, invalid, notFound } from "../../platform/errors.js";
import { systemActor } from "../../platform/auth/actor.js";
import { getOrganisation } from "../constituency/index.js";
import { auditCoordination } from "./audit.js";
import { type CoordinationContext, getCase, loadCaseForChange } from "./cases.js";
import {
  type ParticipantRow,
  insertHistory,
  insertParticipant,
  selectParticipant,
  selectParticipantOfOrganisation,
  updateCaseRow,
  updateParticipantRow,
} from "./cases-store.js";
import { type Language, queueCaseMail } from "./mail.js";

const participantNotFound = (id: string) =>
  notFound("coordination_participant_not_found", `No participant ${id} in this case`);

/** Adds an organisation of the registry to the case with its role; it starts as "notified" once mailed. */
export async function addParticipant(
  ctx: CoordinationContext,
  reference: string,
  input: ParticipantCreate,
): Promise<CaseDetail> {
  await inTransaction(ctx.db, async (tx) => {
    const c = await loadCaseForChange(ctx, tx, reference);
    // The registry's own read (404 organisation_not_found for an unknown id).
    const org = await getOrganisation({ ...ctx, db: tx }, input.organisationId).catch((err: unknown) => {
      if (err instanceof AppError && err.kind === "not_found")
        throw invalid("validation_failed", "Some fields are invalid", [
          { path: "body.organisationId", message: "no such organisation", code: "unknown_value" },
        ]);
      throw err;
    });
    if (await selectParticipantOfOrganisation(tx, c.id, org.id))
      throw conflict("coordination_participant_exists", "The organisation already takes part");
    const now = ctx.clock.now();
    const p = await insertParticipant(tx, {
      case_id: c.id,
      organisation_id: org.id,
      role: input.role,
      sees_participants: input.seesParticipants,
      notified_at: null,
      first_viewed_at: null,
      first_viewed_by: null,
    });
    await updateCaseRow(tx, c.id, { updated_at: now });
    await auditCoordination(ctx, tx, "coordination.participant_added", c.reference, {
      participant: p.id,
      organisation: org.name,
      role: input.role,
    });
  });
  return getCase(ctx, reference);
}

/** Changes a participant's role, or whether it sees who else takes part. */
export async function updateParticipant(
  ctx: CoordinationContext,
  reference: string,
  participantId: string,
  input: ParticipantUpdate,
): Promise<CaseDetail> {
  await inTransaction(ctx.db, async (tx) => {
    const c = await loadCaseForChange(ctx, tx, reference);
    const p = await selectParticipant(tx, c.id, participantId);
    if (!p) throw participantNotFound(participantId);
    await updateParticipantRow(tx, p.id, {
      ...(input.role !== undefined ? { role: input.role } : {}),
      ...(input.seesParticipants !== undefined ? { sees_participants: input.seesParticipants } : {}),
    });
    await auditCoordination(ctx, tx, "coordination.participant_updated", c.reference, { participant: p.id, ...input });
  });
  return getCase(ctx, reference);
}

/** Writes a participant's new status and its history line (whoever changes it: coordinator, member, mail). */
export async function recordStatus(
  ctx: ServiceContext,
  tx: Db,
  c: { id: string; reference: string },
  p: ParticipantRow,
  change: StatusChange,
  via: "coordinator" | "member" | "mail",
): Promise<void> {
  const now = ctx.clock.now();
  await updateParticipantRow(tx, p.id, { status: change.status, statement: change.statement });
  await insertHistory(tx, {
    participant_id: p.id,
    status: change.status,
    statement: change.statement,
    changed_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
    changed_via: via,
    changed_at: now,
  });
  await updateCaseRow(tx, c.id, { updated_at: now });
  await auditCoordination(ctx, tx, "coordination.status_changed", c.reference, {
    participant: p.id,
    organisation: p.organisation_name,
    from: p.status,
    to: change.status,
    via,
  });
}

/** The coordinator sets a participant's status (for a party that answered by phone, say). */
export async function setParticipantStatus(
  ctx: CoordinationContext,
  reference: string,
  participantId: string,
  change: StatusChange,
): Promise<CaseDetail> {
  await inTransaction(ctx.db, async (tx) => {
    const c = await loadCaseForChange(ctx, tx, reference);
    const p = await selectParticipant(tx, c.id, participantId);
    if (!p) throw participantNotFound(participantId);
    await recordStatus(ctx, tx, c, p, change, "coordinator");
  });
  return getCase(ctx, reference);
}

/** A contact address of the organisation with its language (the organisation's when the contact has none). */
export async function contactLanguages(ctx: ServiceContext, organisationId: string): Promise<Map<string, Language>> {
  const org = await getOrganisation({ ...ctx, actor: systemActor("coordination") }, organisationId);
  return new Map(org.contacts.map((k) => [k.email.toLowerCase(), k.language ?? org.language]));
}

/**
 * Mails the participant's contacts (all, or those chosen) an invitation in each one's language, and
 * records when and to which addresses. Posts are later mailed to the addresses notified.
 */
export async function notifyParticipant(
  ctx: CoordinationContext,
  reference: string,
  participantId: string,
  input: NotifyInput,
): Promise<CaseDetail> {
  await inTransaction(ctx.db, async (tx) => {
    const c = await loadCaseForChange(ctx, tx, reference);
    const p = await selectParticipant(tx, c.id, participantId);
    if (!p) throw participantNotFound(participantId);
    const contacts = await contactLanguages({ ...ctx, db: tx }, p.organisation_id);
    const chosen = input.addresses ? input.addresses.map((a) => a.toLowerCase()) : [...contacts.keys()];
    const addresses = chosen.filter((a) => contacts.has(a));
    if (addresses.length === 0 || addresses.length !== chosen.length)
      throw new AppError("coordination_no_addresses", "invalid", "Not the organisation's contact addresses", {
        errors: chosen
          .map((a, i) => ({ a, i }))
          .filter(({ a }) => !contacts.has(a))
          .map(({ i }) => ({
            path: `body.addresses.${i}`,
            message: "not a contact of the organisation",
            code: "unknown_value" as const,
          })),
      });
    for (const email of addresses)
      await queueCaseMail({ db: tx, clock: ctx.clock, config: ctx.config }, c, {
        kind: "invitation",
        to: { email, language: contacts.get(email) ?? "sv" },
        participantId: p.id,
        organisationName: p.organisation_name,
        threadId: null,
        tlp: c.tlp,
      });
    const now = ctx.clock.now();
    const all = [...new Set([...p.notified_addresses, ...addresses])];
    await updateParticipantRow(tx, p.id, { notified_at: p.notified_at ?? now, notified_addresses: all });
    await updateCaseRow(tx, c.id, { updated_at: now });
    await auditCoordination(ctx, tx, "coordination.participant_notified", c.reference, {
      participant: p.id,
      organisation: p.organisation_name,
      addresses: addresses.length,
    });
  });
  return getCase(ctx, reference);
}
