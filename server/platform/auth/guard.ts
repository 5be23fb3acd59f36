import type { FastifyRequest } from "fastify";
import type { StaffRole } from "../db/tables/accounts.js";
import { AppError } from "../errors.js";
import type { UserActor } from "./actor.js";

/** The signed-in caller, or 401. Routes call this before anything else. */
export function requireUser(req: FastifyRequest): UserActor {
  const actor = req.actor;
  if (actor.kind !== "user") throw new AppError("unauthenticated", "unauthenticated", "Sign in first");
  return actor;
}

/** The signed-in caller holding at least one of the roles (admin always qualifies), or 401/403. */
export function requireRole(req: FastifyRequest, ...roles: StaffRole[]): UserActor {
  const actor = requireUser(req);
  if (actor.roles.includes("admin") || actor.roles.some((r) => roles.includes(r))) return actor;
  throw new AppError("forbidden", "forbidden", "Your roles do not allow this");
}
