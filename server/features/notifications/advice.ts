import type { AdviceInput, AdviceText } from "../../../contract/notifications.js";
import { appendAudit } from "../../platform/audit.js";
import { hasRole } from "../../platform/auth/actor.js";
import { type Db, inTransaction } from "../../platform/db/connect.js";
import type { ServiceContext } from "../../platform/deps.js";
import { conflict, forbidden, notFound } from "../../platform/errors.js";
import { type AdviceRow, deleteAdvice, selectAdvice, upsertAdvice } from "./advice-store.js";
import type { AdviceEntry } from "./compose-digest.js";

// The advice a digest gives per kind of finding (what it means, the minimum measures), in Swedish and
// English: data admins edit, with shipped defaults (migration 0049). Keys are a classification
// identifier (`accessible-rdp`), an RSIT type (`vulnerable-system`) or `*`, the text when neither has one.

function present(row: AdviceRow): AdviceText {
  return {
    key: row.key,
    title: { sv: row.title_sv, en: row.title_en },
    body: { sv: row.body_sv, en: row.body_en },
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Every advice text by key, as the digest composer reads them. */
export async function loadAdvice(db: Db): Promise<Map<string, AdviceEntry>> {
  return new Map(
    (await selectAdvice(db)).map((r) => [
      r.key,
      { title: { sv: r.title_sv, en: r.title_en }, body: { sv: r.body_sv, en: r.body_en } },
    ]),
  );
}

/** Every advice text. */
export async function listAdvice(ctx: ServiceContext): Promise<{ items: AdviceText[] }> {
  return { items: (await selectAdvice(ctx.db)).map(present) };
}

function assertAdmin(ctx: ServiceContext): void {
  if (!hasRole(ctx.actor, "admin")) throw forbidden("forbidden", "Only administrators edit advice texts");
}

/** Writes the advice for a key (new or changed), audited. */
export async function putAdvice(ctx: ServiceContext, key: string, input: AdviceInput): Promise<AdviceText> {
  assertAdmin(ctx);
  return inTransaction(ctx.db, async (tx) => {
    const { before, after } = await upsertAdvice(tx, {
      key,
      title_sv: input.title.sv,
      title_en: input.title.en,
      body_sv: input.body.sv,
      body_en: input.body.en,
      updated_by: ctx.actor.kind === "user" ? ctx.actor.userId : null,
      updated_at: ctx.clock.now(),
    });
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: before ? "notification_advice.changed" : "notification_advice.added",
      target: { type: "notification_advice", id: key },
      diff: { key, title: input.title, ...(before ? { before: { sv: before.title_sv, en: before.title_en } } : {}) },
      ip: ctx.ip ?? null,
    });
    return present(after);
  });
}

/** Removes the advice for a key (the general text `*` stays: every digest needs one). */
export async function removeAdvice(ctx: ServiceContext, key: string): Promise<void> {
  assertAdmin(ctx);
  if (key === "*") throw conflict("notification_advice_required", "The general advice (*) can be changed, not removed");
  await inTransaction(ctx.db, async (tx) => {
    if (!(await deleteAdvice(tx, key))) throw notFound("notification_advice_not_found", `No advice for ${key}`);
    await appendAudit(tx, ctx.clock, {
      actor: ctx.actor,
      action: "notification_advice.removed",
      target: { type: "notification_advice", id: key },
      diff: { key },
      ip: ctx.ip ?? null,
    });
  });
}
