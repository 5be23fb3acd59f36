import type { Config } from "../../platform/config.js";
import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import { queueMail } from "../../platform/mail/index.js";
import type { CaseRow } from "./cases-store.js";
import { insertCaseMail } from "./posts-store.js";

// Mail to participants' contacts, in each contact's language. One message per address, each recorded
// with its case, participant and thread (coordination_mail): the reply token (our Message-ID in the
// reply's In-Reply-To/References) brings a reply back into that thread from that participant alone.

export type Language = "sv" | "en";

const WORDS = {
  sv: {
    invited: "Samordning",
    intro: (org: string) => `CERT:en samordnar ett ärende där ${org} deltar.`,
    post: "Nytt inlägg",
    tlp: "Märkning",
    embargo: "Embargo till",
    open: "Läs och svara i medlemsytan",
    reply: "Du kan också svara på detta brev; svaret hamnar i ärendets tråd och läses bara av samordnaren.",
    material: "Material ur en rapport",
    files: "Filer (hämtas i medlemsytan)",
  },
  en: {
    invited: "Coordination",
    intro: (org: string) => `The CERT is coordinating a case in which ${org} takes part.`,
    post: "New post",
    tlp: "Marking",
    embargo: "Embargo until",
    open: "Read and answer in the member area",
    reply: "You may also reply to this mail; the reply joins the case's thread and is read by the coordinator only.",
    material: "Material from a report",
    files: "Files (download them in the member area)",
  },
} as const;

export interface CaseMail {
  kind: "invitation" | "post";
  to: { email: string; language: Language };
  participantId: string;
  organisationName: string;
  threadId: string | null;
  body?: string;
  tlp: string;
  material?: string[];
  files?: string[];
}

/** Queues one case mail and records it for replies (in the caller's transaction). */
export async function queueCaseMail(
  deps: { db: Db; clock: Clock; config: Pick<Config, "publicUrl" | "timeZone"> },
  c: CaseRow,
  mail: CaseMail,
): Promise<string> {
  const w = WORDS[mail.to.language];
  const link = `${deps.config.publicUrl}/member/coordination/${c.reference}`;
  const embargo = c.embargo_until
    ? `${w.embargo}: ${c.embargo_until.toLocaleString(mail.to.language === "sv" ? "sv-SE" : "en-GB", { timeZone: deps.config.timeZone })}`
    : null;
  const lines = [
    mail.kind === "invitation" ? w.intro(mail.organisationName) : `${w.post}:`,
    "",
    ...(mail.body ? [mail.body, ""] : []),
    ...(mail.material && mail.material.length > 0 ? [`${w.material}:`, ...mail.material, ""] : []),
    ...(mail.files && mail.files.length > 0 ? [`${w.files}:`, ...mail.files.map((f) => `- ${f}`), ""] : []),
    `${w.tlp}: ${mail.tlp}`,
    ...(embargo ? [embargo] : []),
    "",
    `${w.open}: ${link}`,
    w.reply,
  ];
  const prefix = mail.kind === "invitation" ? `${w.invited}: ` : "";
  const outboxId = await queueMail(deps.db, deps.clock, {
    to: mail.to.email,
    subject: `[${c.reference}] ${mail.tlp} ${prefix}${c.title}`.slice(0, 998),
    text: lines.join("\n"),
  });
  await insertCaseMail(deps.db, {
    outbox_id: outboxId,
    case_id: c.id,
    participant_id: mail.participantId,
    thread_id: mail.threadId,
    email: mail.to.email,
  });
  return outboxId;
}

/** The embargo reminder to the coordinator, in both languages (staff read either). */
export async function queueEmbargoReminder(
  deps: { db: Db; clock: Clock; config: Pick<Config, "publicUrl" | "timeZone"> },
  c: CaseRow,
  to: string,
): Promise<void> {
  const when = (lang: Language) =>
    c.embargo_until?.toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { timeZone: deps.config.timeZone }) ?? "";
  await queueMail(deps.db, deps.clock, {
    to,
    subject: `[${c.reference}] Embargot upphör snart / The embargo ends soon`,
    text: [
      `Embargot för ${c.reference} "${c.title}" upphör ${when("sv")}.`,
      `The embargo of ${c.reference} "${c.title}" ends ${when("en")}.`,
      "",
      `${deps.config.publicUrl}/console/coordination/${c.reference}`,
    ].join("\n"),
  });
}
