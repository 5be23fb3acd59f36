import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Role } from "../../../contract/accounts.js";
import type { TestApp } from "../../../test/support/app.js";
import { createStaffUser, createTokenFor } from "../../../test/support/auth.js";
import { minimalReport } from "../intake/test-fixtures.js";

// Shared by the oncall tests: people with tokens, a report submitted through the public API, and a
// local HTTP server standing in for an SMS gateway or a webhook receiver.

export interface Person {
  id: string;
  email: string;
  token: string;
  auth: { authorization: string };
}

/** A staff user with these roles and an API token. */
export async function person(app: TestApp, roles: Role[] = ["duty"]): Promise<Person> {
  const t = await createTokenFor(app, { roles });
  const user = await app.fyr.deps.db
    .selectFrom("users")
    .select("email")
    .where("id", "=", t.userId)
    .executeTakeFirstOrThrow();
  return { id: t.userId, email: user.email, token: t.token, auth: { authorization: `Bearer ${t.token}` } };
}

/** A duty officer without a token (a name on the rota). */
export async function officer(app: TestApp): Promise<string> {
  return (await createStaffUser(app, { roles: ["duty"] })).id;
}

/** Submits a report through the public form; returns its reference. */
export async function submitReport(app: TestApp, nis2 = false, summary = "Ransomware på filserver"): Promise<string> {
  const res = await app.fyr.http.inject({
    method: "POST",
    url: "/api/public/v1/reports",
    payload: { ...minimalReport(), summary, ...(nis2 ? { nis2: { applies: true, stage: "early-warning" } } : {}) },
  });
  if (res.statusCode !== 201) throw new Error(`report not taken: ${res.statusCode} ${res.body}`);
  return res.json<{ reference: string }>().reference;
}

export interface Received {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** A local HTTP server that records every request and answers `status()` (200 unless changed), after `delayMs`. */
export async function startRecorder(delayMs = 0): Promise<{
  url: string;
  received: Received[];
  status: { code: number };
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const status = { code: 200 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.statusCode = status.code;
      setTimeout(() => res.end("ok"), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    status,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
