import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { ExportAudience } from "../../../contract/exchange.js";
import { appendAudit } from "../../platform/audit.js";
import type { ServiceContext } from "../../platform/deps.js";
import { AppError, notFound } from "../../platform/errors.js";
import type { Download } from "../../platform/files/blobs.js";
import { loadVisibleIncident } from "../incidents/access.js";
import type { Audience } from "../sharing/index.js";
import { incidentMispEvent } from "./misp-event.js";
import { selectPartner } from "./partners-store.js";
import { type ShareableIncident, shareableIncident } from "./shareable-incident.js";
import { incidentStixBundle } from "./stix-bundle.js";

export type ExportFormat = "stix" | "misp";

/** The generic partner audience: any partner CERT, never named, at TLP:GREEN. */
const ANY_PARTNER: Audience = { kind: "partner", organisationId: "", maxTlp: "TLP:GREEN" };

/** The sharing audience an export names. */
export async function resolveAudience(ctx: Pick<ServiceContext, "db">, audience: ExportAudience): Promise<Audience> {
  if (audience === "partner") return ANY_PARTNER;
  if (audience === "public") return { kind: "public" };
  const [kind, id = ""] = audience.split(":");
  if (kind === "organisation") return { kind: "member-organisation", organisationId: id.toLowerCase() };
  const partner = await selectPartner(ctx.db, id.toLowerCase());
  if (!partner) throw notFound("partner_not_found", `No partner ${id}`);
  return { kind: "partner", organisationId: partner.organisation_id, maxTlp: partner.max_tlp };
}

/** The producer name STIX and MISP carry: the CERT's public host name. */
export const producerOf = (publicUrl: string) => new URL(publicUrl).hostname;

/** "values: no-consent=3; notes: …" for the Fyr-Withheld header and the audit entry. */
export function withheldHeader(shared: ShareableIncident): string {
  return JSON.stringify(shared.withheld);
}

/**
 * An incident as STIX 2.1 or a MISP event for one audience: staff must see the incident (TLP policy,
 * 404 otherwise), and then only what the sharing decision lets through goes; a whole incident withheld
 * on TLP answers 403 with the reason. Audited: what went to whom, and what was held back.
 */
export async function exportIncident(
  ctx: ServiceContext & { config: { publicUrl: string } },
  reference: string,
  format: ExportFormat,
  audienceName: ExportAudience,
): Promise<{ download: Download; withheld: string }> {
  const incident = await loadVisibleIncident(ctx.db, ctx.actor, reference);
  const audience = await resolveAudience(ctx, audienceName);
  const shared = await shareableIncident(ctx.db, incident.id, audience);
  if (!shared) throw notFound("incident_not_found", `No incident ${reference}`);
  if (shared.blocked !== null)
    throw new AppError(
      "share_withheld",
      "forbidden",
      `${incident.reference} is withheld from ${audienceName}: ${shared.blocked}`,
    );
  const producer = producerOf(ctx.config.publicUrl);
  const document =
    format === "stix" ? incidentStixBundle(shared, { producer }) : incidentMispEvent(shared, audience, { producer });
  const bytes = Buffer.from(JSON.stringify(document, null, 2), "utf8");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  await appendAudit(ctx.db, ctx.clock, {
    actor: ctx.actor,
    action: format === "stix" ? "exchange.stix_exported" : "exchange.misp_exported",
    target: { type: "incident", id: incident.reference },
    diff: {
      audience: audienceName,
      values: shared.values.length,
      notes: shared.notes.length,
      withheld: shared.withheld,
      sha256,
    },
    ip: ctx.ip ?? null,
  });
  return {
    download: {
      filename: `${incident.reference}.${format === "stix" ? "stix" : "misp"}.json`,
      size: bytes.length,
      sha256,
      stream: Readable.from([bytes]),
      contentType: format === "stix" ? "application/stix+json;version=2.1" : "application/json",
    },
    withheld: withheldHeader(shared),
  };
}
