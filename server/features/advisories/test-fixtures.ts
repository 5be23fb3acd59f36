import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LightMyRequestResponse } from "fastify";
import * as openpgp from "openpgp";
import type { AdvisoryCreate } from "../../../contract/advisories.js";
import type { TestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";

// Test data for advisories: the CERT key in a file (FYR_PGP_KEY_FILE), tokens per role, and an advisory
// taken through the workflow by an author and a second publisher.

/** A fresh CERT key pair written to `dir`; set the returned file as FYR_PGP_KEY_FILE. */
export async function writeCertKey(dir: string): Promise<{ file: string; publicKey: openpgp.PublicKey }> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    userIDs: [{ name: "CERT-SE", email: "cert@cert.example" }],
    format: "object",
  });
  const file = join(dir, "cert-key.asc");
  writeFileSync(file, privateKey.armor());
  return { file, publicKey };
}

export type Call = (
  method: "GET" | "POST" | "PUT",
  url: string,
  token: string | null,
  payload?: object,
  headers?: Record<string, string>,
) => Promise<LightMyRequestResponse>;

export function caller(app: () => TestApp): Call {
  return (method, url, token, payload, headers = {}) =>
    app().fyr.http.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(payload ? { payload } : {}),
    });
}

export interface Team {
  author: string;
  reviewer: string;
  analyst: string;
  observer: string;
}

/** An author (a publisher), a second publisher, an analyst and an observer. */
export async function makeTeam(app: TestApp): Promise<Team> {
  const [author, reviewer, analyst, observer] = await Promise.all([
    createTokenFor(app, { roles: ["publisher"] }),
    createTokenFor(app, { roles: ["publisher"] }),
    createTokenFor(app, { roles: ["analyst"] }),
    createTokenFor(app, { roles: ["observer"] }),
  ]);
  return { author: author.token, reviewer: reviewer.token, analyst: analyst.token, observer: observer.token };
}

export const SWEDISH: AdvisoryCreate = {
  language: "sv",
  kind: "advisory",
  title: "Kritisk sårbarhet i Exempel VPN",
  summary: "Exempel AB har åtgärdat en sårbarhet som utnyttjas aktivt.",
  body: "## Beskrivning\n\nEn angripare kan köra kod utan inloggning.",
  measures: "Uppdatera till version 10.2.9 eller senare.",
  tlp: "TLP:CLEAR",
  cves: ["CVE-2024-3400"],
  products: [{ vendor: "Exempel AB", product: "Exempel VPN", versions: ["10.2.8", "< 10.2.8"] }],
  exploitation: "active",
  references: ["https://exempel.example/advisory/2024-1"],
};

export const ENGLISH = {
  title: "Critical vulnerability in Example VPN",
  summary: "Example AB has fixed an actively exploited vulnerability.",
  body: "## Description\n\nAn attacker can run code without signing in.",
  measures: "Update to version 10.2.9 or later.",
};

/** Creates, translates, submits, approves and publishes an advisory; its id and tracking id. */
export async function publishedAdvisory(
  call: Call,
  team: Team,
  input: Partial<AdvisoryCreate> = {},
  english: object | null = ENGLISH,
): Promise<{ id: string; trackingId: string }> {
  const created = await call("POST", "/api/v1/advisories", team.author, { ...SWEDISH, ...input });
  if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const { id, trackingId } = created.json<{ id: string; trackingId: string }>();
  if (english) {
    const t = await call("PUT", `/api/v1/advisories/${id}/translations/en`, team.author, english);
    if (t.statusCode !== 200) throw new Error(`translate: ${t.statusCode} ${t.body}`);
  }
  for (const [step, token] of [
    ["submit", team.author],
    ["approve", team.reviewer],
    ["publish", team.reviewer],
  ] as const) {
    const res = await call("POST", `/api/v1/advisories/${id}/${step}`, token, {});
    if (res.statusCode !== 200) throw new Error(`${step}: ${res.statusCode} ${res.body}`);
  }
  return { id, trackingId };
}
