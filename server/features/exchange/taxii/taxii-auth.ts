import type { FastifyRequest } from "fastify";
import type { MemberActor } from "../../../platform/auth/actor.js";
import { findTokenPrincipal, touchToken } from "../../../platform/auth/lookup.js";
import { looksLikeApiToken, sha256Hex } from "../../../platform/auth/secrets.js";
import type { Clock } from "../../../platform/clock.js";
import type { Db } from "../../../platform/db/connect.js";
import { TaxiiError } from "./taxii-http.js";

// Who calls a TAXII path: a member of a partner CERT or constituent organisation, by one of its API
// tokens (stored hashed, as every API token: accounts/tokens.ts). TAXII 2.1 §1.6.8.1 asks servers for
// HTTP Basic, so a token is taken either as `Authorization: Bearer <token>` (the contract) or as the
// Basic password with the member's e-mail address as user name.

const unauthenticated = () =>
  new TaxiiError(
    401,
    "Unauthorized",
    "Send an API token (Bearer, or Basic with your e-mail address)",
    "unauthenticated",
  );

const TOUCH_INTERVAL_MS = 60_000;

function credentials(header: string): { token: string; email: string | null } | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (bearer?.[1]) return { token: bearer[1], email: null };
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (!basic?.[1]) return null;
  const decoded = Buffer.from(basic[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  return { email: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

/** The calling member (bound to an organisation), or 401; a staff token is refused (403). */
export async function taxiiCaller(req: FastifyRequest, deps: { db: Db; clock: Clock }): Promise<MemberActor> {
  const header = req.headers.authorization;
  if (header === undefined) throw unauthenticated();
  const given = credentials(header);
  if (!given || !looksLikeApiToken(given.token)) throw unauthenticated();
  const principal = await findTokenPrincipal(deps.db, sha256Hex(given.token));
  if (!principal) throw unauthenticated();
  if (given.email !== null && given.email.toLowerCase() !== principal.email.toLowerCase()) throw unauthenticated();
  if (principal.kind !== "member" || principal.organisationId === null)
    throw new TaxiiError(403, "Forbidden", "TAXII is for partner and member organisations' tokens", "forbidden");
  const now = deps.clock.now();
  if (!principal.lastUsedAt || now.getTime() - principal.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS)
    await touchToken(deps.db, principal.tokenId, now);
  return {
    kind: "user",
    userId: principal.userId,
    email: principal.email,
    name: principal.name,
    userKind: "member",
    organisationId: principal.organisationId,
    roles: principal.roles,
    via: "token",
    tokenId: principal.tokenId,
  };
}
