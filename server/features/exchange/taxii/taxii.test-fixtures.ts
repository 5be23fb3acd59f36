import type { TestApp } from "../../../../test/support/app.js";
import { systemActor } from "../../../platform/auth/actor.js";
import { issueToken } from "../../accounts/tokens.js";
import { makeMember, makeOrganisation } from "../../members/test-fixtures.js";

// Test data for TAXII: partner CERTs and member organisations whose members hold API tokens, and
// requests as a TAXII client sends them.

export const TAXII = "application/taxii+json;version=2.1";
export const ROOT = "/taxii2/fyr";

export interface Party {
  organisationId: string;
  email: string;
  token: string;
}

type Call = (
  token: string,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  payload?: object,
) => Promise<{ statusCode: number; body: string; json<T>(): T }>;

/** An organisation with one member and an API token of theirs; a partner CERT at `partnerTlp` if given. */
export async function party(
  app: TestApp,
  call: Call,
  admin: string,
  partnerTlp?: "TLP:CLEAR" | "TLP:GREEN" | "TLP:AMBER",
): Promise<Party> {
  const org = await makeOrganisation(app);
  const member = await makeMember(app, org);
  const { token } = await issueToken(
    { db: app.fyr.deps.db, clock: app.clock, actor: systemActor("test") },
    member.id,
    "taxii",
  );
  if (partnerTlp) {
    const res = await call(admin, "PUT", `/api/v1/exchange/partners/${org.id}`, { maxTlp: partnerTlp });
    if (res.statusCode !== 204) throw new Error(`partner: ${res.statusCode} ${res.body}`);
  }
  return { organisationId: org.id, email: member.email, token };
}

export async function makeCollection(
  call: Call,
  admin: string,
  body: { title?: string; audience?: string; organisationId?: string; audienceId?: string; maxTlp?: string } = {},
): Promise<string> {
  const res = await call(admin, "POST", "/api/v1/exchange/collections", {
    title: body.title ?? "Partners",
    audience: body.audience ?? "partner",
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(`collection: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

export async function grant(
  call: Call,
  admin: string,
  collectionId: string,
  organisationId: string,
  canRead: boolean,
  canWrite: boolean,
) {
  const res = await call(admin, "PUT", `/api/v1/exchange/collections/${collectionId}/access/${organisationId}`, {
    canRead,
    canWrite,
  });
  if (res.statusCode !== 200) throw new Error(`grant: ${res.statusCode} ${res.body}`);
}

export async function publish(call: Call, analyst: string, collectionId: string, reference: string) {
  const res = await call(analyst, "POST", `/api/v1/exchange/collections/${collectionId}/incidents`, { reference });
  if (res.statusCode !== 201) throw new Error(`publish: ${res.statusCode} ${res.body}`);
  return res.json<{ objects: number; stored: number }>();
}

/** A TAXII request as a client sends it (Accept set, a bearer token unless other headers are given). */
export async function taxii(
  app: TestApp,
  who: Party | null,
  method: "GET" | "POST" | "DELETE",
  url: string,
  opts: { headers?: Record<string, string>; body?: unknown; raw?: string } = {},
) {
  const headers: Record<string, string> = { accept: TAXII };
  if (who) headers.authorization = `Bearer ${who.token}`;
  if (opts.body !== undefined || opts.raw !== undefined) headers["content-type"] = TAXII;
  Object.assign(headers, opts.headers ?? {});
  for (const [k, v] of Object.entries(headers)) if (v === "") delete headers[k];
  return app.fyr.http.inject({
    method,
    url,
    headers,
    ...(opts.raw !== undefined
      ? { payload: opts.raw }
      : opts.body !== undefined
        ? { payload: JSON.stringify(opts.body) }
        : {}),
  });
}

export interface Envelope {
  more?: boolean;
  next?: string;
  objects?: (Record<string, unknown> & { id: string; type: string })[];
}
