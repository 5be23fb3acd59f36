import { sql } from "kysely";
import type { Clock } from "../../platform/clock.js";
import type { Config } from "../../platform/config.js";
import type { Db } from "../../platform/db/connect.js";
import { queueMail } from "../../platform/mail/index.js";
import { wallClock } from "./local-time.js";

// Reminder mails before a shift: the day before (24 h ahead) and an hour before. Each is claimed by an
// UPDATE of its column in the transaction that queues the mail, so two nodes never both send it.

const HOUR = 3_600_000;

type Which = "day" | "hour";

async function claimAndMail(db: Db, clock: Clock, config: Config, which: Which): Promise<number> {
  const now = clock.now();
  const column = which === "day" ? "reminded_day_at" : "reminded_hour_at";
  return db.transaction().execute(async (tx) => {
    // The day reminder only for shifts more than an hour off: nearer ones get the hour's alone.
    const from = which === "day" ? new Date(now.getTime() + HOUR) : now;
    const to = new Date(now.getTime() + (which === "day" ? 24 * HOUR : HOUR));
    const claimed = await sql<{
      id: string;
      starts_at: Date;
      ends_at: Date;
      role: string;
      email: string;
      language: "sv" | "en";
    }>`
      update oncall_shifts s set ${
        which === "day"
          ? sql`reminded_day_at = ${now}`
          : sql`reminded_hour_at = ${now}, reminded_day_at = coalesce(s.reminded_day_at, ${now})`
      }
      from users u
      where u.id = s.user_id and u.disabled_at is null and s.${sql.ref(column)} is null
        and s.starts_at > ${from} and s.starts_at <= ${to}
      returning s.id, s.starts_at, s.ends_at, s.role, u.email, u.language`.execute(tx);
    for (const shift of claimed.rows) {
      const start = wallClock(shift.starts_at, config.timeZone);
      const end = wallClock(shift.ends_at, config.timeZone);
      const when = `${start.date} ${start.time} – ${end.date} ${end.time} (${config.timeZone})`;
      const sv = shift.language === "sv";
      const role = sv ? (shift.role === "primary" ? "primär" : "reserv") : shift.role;
      await queueMail(tx, clock, {
        to: shift.email,
        subject: sv
          ? `Påminnelse: jourpass (${role}) ${which === "day" ? "i morgon" : "om en timme"}`
          : `Reminder: duty shift (${role}) ${which === "day" ? "tomorrow" : "in an hour"}`,
        text: sv ? `Ditt jourpass: ${when}.` : `Your duty shift: ${when}.`,
      });
    }
    return claimed.rows.length;
  });
}

/** One reminder pass: due day-before and hour-before reminders, each mailed once. */
export async function sendShiftReminders(deps: { db: Db; clock: Clock; config: Config }): Promise<number> {
  const hour = await claimAndMail(deps.db, deps.clock, deps.config, "hour");
  const day = await claimAndMail(deps.db, deps.clock, deps.config, "day");
  return hour + day;
}
