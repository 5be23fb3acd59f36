import { randomBytes } from "node:crypto";
import type { Db } from "../../../platform/db/connect.js";
import type { TlpLabel } from "../../../platform/db/tables/intake.js";
import { allocateYearlyNumber } from "../../../platform/db/yearly-number.js";
import type { TestApp } from "../../../../test/support/app.js";

// Correspondence tests make incidents and links with plain SQL, so they do not depend on the incident
// workspace's own create/link endpoints.

/** An incident written straight into the table (reference FYR-INC-<year>-NNNN). */
export async function insertTestIncident(
  db: Db,
  opts: { tlp?: TlpLabel; assigneeId?: string | null; title?: string; prefix?: string; at?: Date } = {},
): Promise<{ id: string; reference: string }> {
  const at = opts.at ?? new Date();
  const year = at.getUTCFullYear();
  const n = await allocateYearlyNumber(db, "incident", year);
  const reference = `${opts.prefix ?? "FYR"}-INC-${year}-${String(n).padStart(4, "0")}`;
  const row = await db
    .insertInto("incidents")
    .values({
      reference,
      title: opts.title ?? `Intrång ${randomBytes(3).toString("hex")}`,
      severity: "high",
      tlp: opts.tlp ?? "TLP:AMBER",
      assignee_id: opts.assigneeId ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, reference };
}

/** Links a report (by reference) to an incident. */
export async function linkTestReport(db: Db, incidentId: string, reportReference: string): Promise<string> {
  const report = await db
    .selectFrom("reports")
    .select("id")
    .where("reference", "=", reportReference)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("incident_reports")
    .values({ incident_id: incidentId, report_id: report.id, linked_at: new Date(), linked_by: null })
    .execute();
  return report.id;
}

/** Makes a user an explicit member of an incident (sees it even under TLP:RED). */
export async function addTestMember(db: Db, incidentId: string, userId: string): Promise<void> {
  await db
    .insertInto("incident_members")
    .values({ incident_id: incidentId, user_id: userId, added_at: new Date(), added_by: null })
    .execute();
}

/** Files a report on the public API; answers its reference and follow-up token. */
export async function fileTestReport(
  app: TestApp,
  overrides: Record<string, unknown> = {},
): Promise<{ reference: string; followUpToken: string; email: string }> {
  const email = `anna.${randomBytes(4).toString("hex")}@exempel.se`;
  const res = await app.fyr.http.inject({
    method: "POST",
    url: "/api/public/v1/reports",
    payload: {
      whatHappened: "Filerna på filservern är krypterade.",
      reporter: { name: "Anna Andersson", email },
      organisation: { name: "Exempel AB" },
      ...overrides,
    },
  });
  if (res.statusCode !== 201) throw new Error(`report not filed: ${res.statusCode} ${res.body}`);
  return { ...res.json<{ reference: string; followUpToken: string }>(), email };
}

/** A raw RFC 5322 reply, as a mail client would send it. */
export function replyMail(opts: {
  from: string;
  subject: string;
  body: string;
  messageId?: string;
  inReplyTo?: string;
}): Buffer {
  const id = opts.messageId ?? `<${randomBytes(8).toString("hex")}@exempel.se>`;
  const lines = [
    `From: ${opts.from}`,
    "To: cert@cert.example",
    `Subject: ${opts.subject}`,
    `Message-ID: ${id}`,
    ...(opts.inReplyTo ? [`In-Reply-To: ${opts.inReplyTo}`, `References: ${opts.inReplyTo}`] : []),
    "Date: Fri, 20 Nov 2026 09:00:00 +0100",
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: 8bit",
    "",
    opts.body,
    "",
  ];
  return Buffer.from(lines.join("\r\n"), "utf8");
}
