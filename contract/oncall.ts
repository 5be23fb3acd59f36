import { z } from "zod";

// The duty rota and escalation (issue 18; "Operations" in api-v1.md). Times are ISO 8601 with offset;
// weekly patterns are wall-clock times in the CERT's time zone (Europe/Stockholm unless configured).

export const OncallRole = z.enum(["primary", "backup"]);
export type OncallRole = z.infer<typeof OncallRole>;
export const OncallChannel = z.enum(["email", "sms", "webhook"]);
export type OncallChannel = z.infer<typeof OncallChannel>;
export const OncallTrigger = z.enum(["report-overdue", "nis2-deadline", "critical-feed", "operations-alarm"]);
export type OncallTrigger = z.infer<typeof OncallTrigger>;
export const NotifyWhom = z.enum(["primary", "backup", "all-duty", "person"]);
export type NotifyWhom = z.infer<typeof NotifyWhom>;

const isoTime = z.iso.datetime({ offset: true });
const localDate = z.iso.date();
const localTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "HH:MM");

export const ShiftCreate = z
  .object({ userId: z.uuid(), startsAt: isoTime, endsAt: isoTime, role: OncallRole.default("primary") })
  .refine((s) => Date.parse(s.endsAt) > Date.parse(s.startsAt), { path: ["endsAt"], message: "after startsAt" })
  .refine((s) => Date.parse(s.endsAt) - Date.parse(s.startsAt) <= 14 * 86_400_000, {
    path: ["endsAt"],
    message: "a shift lasts at most 14 days",
  });
export type ShiftCreate = z.infer<typeof ShiftCreate>;

export const Shift = z.object({
  id: z.uuid(),
  user: z.object({ id: z.uuid(), name: z.string() }),
  role: OncallRole,
  startsAt: z.string(),
  endsAt: z.string(),
  patternId: z.uuid().nullable(),
  /** An open swap request on this shift, if any. */
  swap: z.object({ id: z.uuid(), toUser: z.object({ id: z.uuid(), name: z.string() }) }).nullable(),
});
export type Shift = z.infer<typeof Shift>;

export const ShiftQuery = z.object({
  from: isoTime,
  to: isoTime,
  userId: z.uuid().optional(),
});
export type ShiftQuery = z.infer<typeof ShiftQuery>;
export const ShiftList = z.object({ items: z.array(Shift) });
export type ShiftList = z.infer<typeof ShiftList>;

export const OnDutyNow = z.object({
  at: z.string(),
  primary: z.array(Shift),
  backup: z.array(Shift),
});
export type OnDutyNow = z.infer<typeof OnDutyNow>;

export const PatternCreate = z
  .object({
    userId: z.uuid(),
    role: OncallRole.default("primary"),
    weekday: z.number().int().min(1).max(7),
    startTime: localTime,
    endTime: localTime,
    validFrom: localDate,
    validUntil: localDate,
    exceptions: z.array(localDate).max(366).default([]),
  })
  .refine((p) => p.validUntil >= p.validFrom, { path: ["validUntil"], message: "on or after validFrom" })
  .refine((p) => Date.parse(p.validUntil) - Date.parse(p.validFrom) <= 400 * 86_400_000, {
    path: ["validUntil"],
    message: "a pattern spans at most 400 days",
  });
export type PatternCreate = z.infer<typeof PatternCreate>;
export const PatternCreated = z.object({ id: z.uuid(), shifts: z.number().int() });
export const PatternException = z.object({ date: localDate });

export const SwapRequest = z.object({ toUserId: z.uuid() });
export const Swap = z.object({
  id: z.uuid(),
  shiftId: z.uuid(),
  from: z.object({ id: z.uuid(), name: z.string() }),
  to: z.object({ id: z.uuid(), name: z.string() }),
  status: z.enum(["requested", "accepted", "declined", "cancelled"]),
  startsAt: z.string(),
  endsAt: z.string(),
  role: OncallRole,
});
export type Swap = z.infer<typeof Swap>;
export const SwapList = z.object({ items: z.array(Swap) });
export const SwapDecision = z.object({ accept: z.boolean() });

export const PersonContact = z.object({
  phone: z
    .string()
    .regex(/^\+[0-9]{6,16}$/, "international format, e.g. +46701234567")
    .nullable(),
});

export const EscalationStep = z
  .object({
    afterMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
    notify: NotifyWhom,
    userId: z.uuid().optional(),
    channels: z.array(OncallChannel).min(1).max(3).default(["email"]),
  })
  .refine((s) => s.notify !== "person" || s.userId !== undefined, { path: ["userId"], message: "name the person" });
export type EscalationStep = z.infer<typeof EscalationStep>;

export const EscalationPolicyInput = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,59}$/)
    .default("default"),
  trigger: OncallTrigger.default("report-overdue"),
  sectors: z.array(z.string().min(1).max(60)).max(40).default([]),
  steps: z.array(EscalationStep).min(1).max(20),
  loops: z.number().int().min(1).max(10).default(1),
});
export type EscalationPolicyInput = z.infer<typeof EscalationPolicyInput>;
export const EscalationPolicy = z.object({
  id: z.string(),
  trigger: OncallTrigger,
  sectors: z.array(z.string()),
  steps: z.array(EscalationStep),
  loops: z.number().int(),
  updatedAt: z.string(),
});
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;
export const EscalationPolicyList = z.object({ items: z.array(EscalationPolicy) });

export const Escalation = z.object({
  id: z.uuid(),
  trigger: OncallTrigger,
  subject: z.string(),
  title: z.string(),
  policyId: z.string(),
  startedAt: z.string(),
  acknowledged: z
    .object({ at: z.string(), by: z.object({ id: z.uuid(), name: z.string() }).nullable(), method: z.string() })
    .nullable(),
  deliveries: z.array(
    z.object({ step: z.number(), loop: z.number(), channel: OncallChannel, status: z.string(), userName: z.string() }),
  ),
});
export type Escalation = z.infer<typeof Escalation>;
export const EscalationList = z.object({ items: z.array(Escalation) });
/** `subject`: only the escalations of this report reference (or alarm subject), e.g. for the report's page. */
export const EscalationQuery = z.object({ subject: z.string().min(1).max(200).optional() });
export type EscalationList = z.infer<typeof EscalationList>;

export const AckRequest = z.object({ token: z.string().min(20).max(200) });
export const AckDone = z.object({ subject: z.string(), acknowledgedAt: z.string(), already: z.boolean() });
export type AckDone = z.infer<typeof AckDone>;

export const HandoverCreate = z.object({ toUserId: z.uuid(), note: z.string().min(1).max(20_000) });
export const HandoverPrefill = z.object({
  openReports: z.array(z.object({ reference: z.string(), summary: z.string(), overdue: z.boolean() })),
  incidents: z.array(z.object({ reference: z.string(), title: z.string(), severity: z.string().nullable() })),
  nis2Deadlines: z.array(z.object({ reference: z.string(), kind: z.string(), party: z.string(), dueAt: z.string() })),
});
export type HandoverPrefill = z.infer<typeof HandoverPrefill>;
export const Handover = z.object({
  id: z.uuid(),
  from: z.object({ id: z.uuid(), name: z.string() }),
  to: z.object({ id: z.uuid(), name: z.string() }),
  note: z.string(),
  prefill: HandoverPrefill,
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
});
export type Handover = z.infer<typeof Handover>;
export const HandoverList = z.object({ items: z.array(Handover) });
export type HandoverList = z.infer<typeof HandoverList>;
export const CalendarLink = z.object({ url: z.string() });
export const IdParams = z.object({ id: z.uuid() });
