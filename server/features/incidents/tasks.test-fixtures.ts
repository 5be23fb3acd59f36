import { randomBytes } from "node:crypto";
import type { TlpLabel } from "../../platform/db/tables/intake.js";
import type { Db } from "../../platform/db/connect.js";

// Incidents for the tasks and playbooks tests, written straight into the table so these tests do not
// depend on incident creation (built beside them). Only the columns tasks care about are set.

/** Inserts an incident (default TLP:AMBER, nobody assigned) with these members; returns its id and reference. */
export async function insertTestIncident(
  db: Db,
  opts: { tlp?: TlpLabel; assigneeId?: string | null; memberIds?: string[]; title?: string } = {},
): Promise<{ id: string; reference: string }> {
  const now = new Date();
  const reference = `TST-INC-${randomBytes(5).toString("hex").toUpperCase()}`;
  const row = await db
    .insertInto("incidents")
    .values({
      reference,
      title: opts.title ?? "Krypterade filer på filserver",
      severity: "high",
      tlp: opts.tlp ?? "TLP:AMBER",
      assignee_id: opts.assigneeId ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const userId of opts.memberIds ?? [])
    await db.insertInto("incident_members").values({ incident_id: row.id, user_id: userId, added_at: now }).execute();
  return { id: row.id, reference };
}

/** A playbook body an admin could POST: two tasks, checklists in both languages. */
export function examplePlaybook(rsitClass: string | null = "malicious-code") {
  return {
    rsitClass,
    name: { sv: `Testplaybook ${randomBytes(3).toString("hex")}`, en: "Test playbook" },
    description: { sv: "För prov", en: "For testing" },
    tasks: [
      {
        title: { sv: "Isolera systemen", en: "Isolate the systems" },
        checklist: [
          { sv: "Koppla från nätet", en: "Disconnect from the network" },
          { sv: "Stäng inte av", en: "Do not power off" },
        ],
      },
      { title: { sv: "Polisanmälan", en: "Police report" }, checklist: [] },
    ],
  };
}
