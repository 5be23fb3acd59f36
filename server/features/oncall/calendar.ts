import { createHash, randomBytes } from "node:crypto";
import { auditOncall } from "./audit.js";
import { assertMayDoDuty } from "./policy.js";
import { selectCalendarOwner, selectShifts, upsertCalendarToken } from "./rota-store.js";
import type { OncallContext } from "./types.js";

// A person's shifts as an iCalendar feed (RFC 5545) at a secret URL a calendar app subscribes to.
// Only the token's SHA-256 is stored; asking for a new URL retires the old one.

const sha256 = (token: string) => createHash("sha256").update(token).digest();
const PAST_MS = 31 * 86_400_000;
const AHEAD_MS = 400 * 86_400_000;

/** A new secret calendar URL for the caller (the previous one stops working). */
export async function issueCalendarUrl(ctx: OncallContext): Promise<{ url: string }> {
  assertMayDoDuty(ctx.actor);
  const actor = ctx.actor;
  if (actor.kind !== "user") throw new Error("unreachable: duty officers are users");
  const token = randomBytes(24).toString("base64url");
  await ctx.db.transaction().execute(async (tx) => {
    await upsertCalendarToken(tx, actor.userId, sha256(token));
    await auditOncall(ctx, tx, "oncall.calendar_issued", { type: "user", id: actor.userId }, {});
  });
  return { url: `${ctx.config.publicUrl.replace(/\/$/, "")}/oncall/calendar/${token}.ics` };
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
/** RFC 5545 §3.3.11: backslash, semicolon and comma escaped; lines folded at 75 octets (§3.1). */
const text = (s: string) => s.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");
function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 74;
    while (Buffer.byteLength(rest.slice(0, cut)) > 74) cut--;
    out.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  out.push(rest);
  return out.join("\r\n");
}

/** The feed for a token, or null when the token is unknown. */
export async function calendarFeed(ctx: Pick<OncallContext, "db" | "clock" | "config">, token: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const userId = await selectCalendarOwner(ctx.db, sha256(token));
  if (!userId) return null;
  const now = ctx.clock.now();
  const shifts = await selectShifts(
    ctx.db,
    new Date(now.getTime() - PAST_MS),
    new Date(now.getTime() + AHEAD_MS),
    userId,
  );
  const host = new URL(ctx.config.publicUrl).hostname;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Fyr//Duty rota//EN",
    "CALSCALE:GREGORIAN",
    `X-WR-CALNAME:${text(`${ctx.config.cert.name} – jour / duty`)}`,
    ...shifts.flatMap((s) => [
      "BEGIN:VEVENT",
      `UID:${s.id}@${host}`,
      `DTSTAMP:${stamp(now)}`,
      `DTSTART:${stamp(s.starts_at)}`,
      `DTEND:${stamp(s.ends_at)}`,
      `SUMMARY:${text(s.role === "primary" ? "Jour (primär) / Duty (primary)" : "Jour (reserv) / Duty (backup)")}`,
      "END:VEVENT",
    ]),
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
