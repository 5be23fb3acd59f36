import { Ajv2020 } from "ajv/dist/2020.js";
import { issueToken } from "../accounts/tokens.js";
import { systemActor } from "../../platform/auth/actor.js";
import type { TestApp } from "../../../test/support/app.js";
import { makeMember, makeOrganisation } from "../members/test-fixtures.js";
import type { TlpLabel } from "../../../contract/intake.js";

// Shared by the MISP tests: partner CERTs with tokens, and MISP's event format as a schema.

/** A partner CERT (an organisation marked as one) and a member's API token; or a plain member's. */
export async function partnerToken(
  app: TestApp,
  opts: { partner?: boolean; maxTlp?: TlpLabel } = {},
): Promise<{ token: string; organisationId: string }> {
  const organisation = await makeOrganisation(app);
  if (opts.partner ?? true)
    await app.fyr.deps.db
      .insertInto("exchange_partners")
      .values({
        organisation_id: organisation.id,
        max_tlp: opts.maxTlp ?? "TLP:GREEN",
        created_by: null,
        created_at: new Date(),
      })
      .execute();
  const member = await makeMember(app, organisation);
  const ctx = { db: app.fyr.deps.db, clock: app.clock, actor: systemActor("test") };
  const { token } = await issueToken(ctx, member.id, "MISP feed");
  return { token, organisationId: organisation.id };
}

/**
 * What MISP requires of an event it fetches from a feed (MISP core format, misp-rfc §2.2; MISP's
 * Event::_add and Attribute validation): the event's uuid, info, date, threat level 1–4, analysis 0–2,
 * distribution 0–5; each attribute's uuid, type, category, value, to_ids, timestamp; tags by name.
 */
const MISP_EVENT_SCHEMA = {
  type: "object",
  required: ["Event"],
  properties: {
    Event: {
      type: "object",
      required: [
        "uuid",
        "info",
        "date",
        "threat_level_id",
        "analysis",
        "distribution",
        "timestamp",
        "Orgc",
        "Attribute",
        "Tag",
      ],
      properties: {
        uuid: { type: "string", format: "uuid" },
        info: { type: "string", minLength: 1 },
        date: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
        threat_level_id: { type: "string", enum: ["1", "2", "3", "4"] },
        analysis: { type: "string", enum: ["0", "1", "2"] },
        distribution: { type: "string", enum: ["0", "1", "2", "3", "4", "5"] },
        timestamp: { type: "string", pattern: "^\\d+$" },
        published: { type: "boolean" },
        Orgc: { type: "object", required: ["name", "uuid"] },
        Tag: {
          type: "array",
          items: { type: "object", required: ["name"], properties: { name: { type: "string", minLength: 1 } } },
        },
        Attribute: {
          type: "array",
          items: {
            type: "object",
            required: ["uuid", "type", "category", "value", "to_ids", "timestamp", "distribution"],
            properties: {
              uuid: { type: "string", format: "uuid" },
              type: { type: "string", minLength: 1 },
              category: {
                enum: [
                  "Internal reference",
                  "Targeting data",
                  "Antivirus detection",
                  "Payload delivery",
                  "Artifacts dropped",
                  "Payload installation",
                  "Persistence mechanism",
                  "Network activity",
                  "Payload type",
                  "Attribution",
                  "External analysis",
                  "Financial fraud",
                  "Support Tool",
                  "Social network",
                  "Person",
                  "Other",
                ],
              },
              value: { type: "string", minLength: 1 },
              to_ids: { type: "boolean" },
              timestamp: { type: "string", pattern: "^\\d+$" },
              distribution: { type: "string", enum: ["0", "1", "2", "3", "4", "5"] },
            },
          },
        },
      },
    },
  },
} as const;

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addFormat("uuid", /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
const validateEvent = ajv.compile(MISP_EVENT_SCHEMA);

/** What MISP would refuse in this event (empty: it takes it). */
export function mispEventProblems(event: unknown): string[] {
  return validateEvent(event) ? [] : (validateEvent.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
