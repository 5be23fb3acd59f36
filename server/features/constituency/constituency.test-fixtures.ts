import { randomBytes } from "node:crypto";
import type { Organisation, OrganisationCreateInput } from "../../../contract/constituency.js";
import type { TestApp } from "../../../test/support/app.js";
import { coreClient } from "../incidents/core.test-fixtures.js";

// Shared by the constituency tests: organisations with holdings nobody else in the run uses.

/** A random /16 as its two first octets ("77.123"), so tests' networks do not meet. */
export const uniqueNet4 = () => `${1 + ((randomBytes(1)[0] ?? 0) % 223)}.${randomBytes(1)[0] ?? 0}`;
/** A random /48 under 2001:db8::/32 ("2001:db8:1a2b"). */
export const uniqueNet6 = () => `2001:db8:${randomBytes(2).toString("hex")}`;
export const uniqueDomain = () => `org-${randomBytes(5).toString("hex")}.example`;

export function constituencyClient(app: () => TestApp) {
  const { call } = coreClient(app);
  const createOrganisation = async (
    token: string,
    body: Partial<OrganisationCreateInput> = {},
  ): Promise<Organisation> => {
    const res = await call(token, "POST", "/api/v1/organisations", {
      name: `Exempel ${randomBytes(4).toString("hex")} AB`,
      ...body,
    });
    if (res.statusCode !== 201) throw new Error(`organisation not created: ${res.statusCode} ${res.body}`);
    return res.json<Organisation>();
  };
  return { call, createOrganisation };
}
