import { sql } from "kysely";
import { appendAudit } from "./audit.js";
import type { SignedHead } from "./audit-anchor.js";
import { readSealedHead, signedHeadOf } from "./audit-sealer.js";
import { systemActor } from "./auth/actor.js";
import type { Clock } from "./clock.js";
import type { Db } from "./db/connect.js";
import { queueMail } from "./mail/index.js";

// The daily anchor: the signed head mailed to an address outside Fyr (FYR_AUDIT_ANCHOR_MAIL_TO), so
// a copy exists that nobody with only database access can change. `fyr audit verify --anchor` checks
// a copy against the chain.

const LAST_MAILED = "audit.anchor_mailed_at";
const DAY_MS = 24 * 3_600_000;
// Taken so two worker nodes do not both mail the same day's anchor.
const MAIL_LOCK = 7_146_353_021;

/** The signed head as one line of JSON: what is exported, mailed and given back to `verify --anchor`. */
export function anchorText(head: SignedHead): string {
  return JSON.stringify(head);
}

function anchorMailText(head: SignedHead): string {
  return [
    "Fyr: granskningsloggens förseglade huvud / the audit trail's sealed head",
    "",
    `Poster / entries: ${head.seq}`,
    `Signerat / signed: ${head.signedAt}`,
    "",
    "Spara det här brevet. Med raden nedan visar `fyr audit verify --anchor <fil>` om loggen har",
    "skrivits om efter i dag.",
    "Keep this message. With the line below, `fyr audit verify --anchor <file>` shows whether the",
    "trail has been rewritten after today.",
    "",
    anchorText(head),
  ].join("\n");
}

/** Mails the signed head when the last mail is a day old (or none was sent); returns whether it did. */
export async function mailAnchorIfDue(db: Db, clock: Clock, to: string): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const lock = await sql<{ got: boolean }>`select pg_try_advisory_xact_lock(${MAIL_LOCK}) as got`.execute(tx);
    if (!lock.rows[0]?.got) return false;
    const now = clock.now();
    const last = await tx.selectFrom("app_settings").select("value").where("key", "=", LAST_MAILED).executeTakeFirst();
    const lastAt = typeof last?.value === "string" ? Date.parse(last.value) : Number.NaN;
    if (Number.isFinite(lastAt) && now.getTime() - lastAt < DAY_MS) return false;
    const row = await readSealedHead(tx);
    const head = row ? signedHeadOf(row) : null;
    if (!head) return false;
    await queueMail(tx, clock, {
      to,
      subject: `Fyr: granskningsloggens ankare / audit trail anchor ${head.signedAt.slice(0, 10)}`,
      text: anchorMailText(head),
    });
    const json = JSON.stringify(now.toISOString());
    await tx
      .insertInto("app_settings")
      .values({ key: LAST_MAILED, value: json, updated_at: now })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: json, updated_at: now }))
      .execute();
    await appendAudit(tx, clock, {
      actor: systemActor("audit-anchor"),
      action: "audit.anchor_mailed",
      diff: { to, seq: head.seq, hash: head.hash },
    });
    return true;
  });
}
