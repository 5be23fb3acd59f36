import type { FastifyRequest } from "fastify";
import { describe, expect, it } from "vitest";
import type { Actor } from "../auth/actor.js";
import { anonymous } from "../auth/actor.js";
import { ADMINS, CASE_READERS, CASE_WORKERS, SIGNED_IN } from "../auth/guard.js";
import { fixedClock } from "../clock.js";
import type { Config } from "../config.js";
import type { Db } from "../db/connect.js";
import type { StaffRole } from "../db/tables/accounts.js";
import { AppError } from "../errors.js";
import { staffContext } from "./context.js";

// The one way a staff route builds its service context: the caller must hold one of the route's
// roles (admin always does), and the services get the configuration with it.

const deps = { db: {} as Db, clock: fixedClock(new Date("2026-01-01T00:00:00Z")), config: {} as Config };

function user(...roles: StaffRole[]): Actor {
  return {
    kind: "user",
    userId: "u1",
    email: "a@cert.example",
    name: "A",
    userKind: "staff",
    organisationId: null,
    roles,
    via: "session",
    tokenId: null,
  };
}

const request = (actor: Actor) => ({ actor, ip: "192.0.2.7" }) as unknown as FastifyRequest;

function refusal(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err.kind;
    throw err;
  }
  return undefined;
}

describe("staffContext", () => {
  it("hands the caller, their address and the configuration to the service", () => {
    const ctx = staffContext(request(user("observer")), deps, CASE_READERS);
    expect(ctx.actor.email).toBe("a@cert.example");
    expect(ctx.ip).toBe("192.0.2.7");
    expect(ctx.config).toBe(deps.config);
    expect(ctx.db).toBe(deps.db);
  });

  it("refuses a caller without one of the route's roles, and admits an admin anywhere", () => {
    expect(refusal(() => staffContext(request(user("observer")), deps, CASE_WORKERS))).toBe("forbidden");
    expect(refusal(() => staffContext(request(user("duty")), deps, ADMINS))).toBe("forbidden");
    expect(refusal(() => staffContext(request(user("admin")), deps, CASE_WORKERS))).toBeUndefined();
    expect(refusal(() => staffContext(request(user("publisher")), deps, ["publisher"]))).toBeUndefined();
  });

  it("asks an anonymous caller to sign in, even on a route for anyone signed in", () => {
    expect(refusal(() => staffContext(request(anonymous), deps, SIGNED_IN))).toBe("unauthenticated");
    expect(refusal(() => staffContext(request(user("publisher")), deps, SIGNED_IN))).toBeUndefined();
  });
});
