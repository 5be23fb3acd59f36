import type { FastifyRequest } from "fastify";
import type { Actor } from "../../platform/auth/actor.js";
import { findTokenPrincipal } from "../../platform/auth/lookup.js";
import { looksLikeApiToken, sha256Hex } from "../../platform/auth/secrets.js";
import type { Db } from "../../platform/db/connect.js";
import { AppError } from "../../platform/errors.js";
import type { Audience } from "../sharing/index.js";
import { selectPartner } from "./partners-store.js";

/** A partner CERT calling with its API token: who acts, and the audience the sharing decision judges. */
export interface PartnerCaller {
  actor: Actor;
  organisationId: string;
  audience: Extract<Audience, { kind: "partner" }>;
}

/**
 * The partner behind `Authorization: Bearer <token>` on the MISP feed (outside /api/v1, so the
 * platform's hook does not run there; MISP sends the header its feed is configured with). A member of
 * an organisation marked as a partner CERT, nobody else: no token → 401, anyone else's → 403.
 */
export async function authenticatePartner(db: Db, req: FastifyRequest): Promise<PartnerCaller> {
  const match = /^Bearer ([^\s]+)$/i.exec((req.headers.authorization ?? "").trim());
  const token = match?.[1];
  if (!token || !looksLikeApiToken(token))
    throw new AppError("unauthenticated", "unauthenticated", "Send a partner's API token as a Bearer token");
  const principal = await findTokenPrincipal(db, sha256Hex(token));
  if (!principal) throw new AppError("unauthenticated", "unauthenticated", "Unknown or revoked token");
  const organisationId = principal.kind === "member" ? principal.organisationId : null;
  const partner = organisationId === null ? undefined : await selectPartner(db, organisationId);
  if (!partner || organisationId === null) throw new AppError("partner_only", "forbidden", "Partners only");
  return {
    actor: {
      kind: "user",
      userId: principal.userId,
      email: principal.email,
      name: principal.name,
      userKind: principal.kind,
      organisationId,
      roles: principal.roles,
      via: "token",
      tokenId: principal.tokenId,
    },
    organisationId,
    audience: { kind: "partner", organisationId, maxTlp: partner.max_tlp },
  };
}
