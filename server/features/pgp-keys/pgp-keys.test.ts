import * as openpgp from "openpgp";
import { beforeAll, describe, expect, it } from "vitest";
import type { PgpKeyView } from "../../../contract/correspondence.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";

const app = useTestApp();
let admin = "";
let analyst = "";
beforeAll(async () => {
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
});

const call = (method: "GET" | "POST" | "DELETE", url: string, token: string, payload?: object) =>
  app().fyr.http.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });
const unique = () => `soc.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@kund.example`;

describe("recipients' OpenPGP keys", () => {
  it("stores a public key with its fingerprint, user ids and expiry, once per address", async () => {
    const email = unique();
    const { publicKey } = await openpgp.generateKey({
      userIDs: [{ name: "Kund SOC", email }],
      keyExpirationTime: 3600 * 24 * 365,
      format: "object",
    });
    const res = await call("POST", "/api/v1/pgp-keys", admin, { armoredKey: publicKey.armor() });
    expect(res.statusCode).toBe(201);
    const key = res.json<PgpKeyView>();
    expect(key).toMatchObject({
      email,
      fingerprint: publicKey.getFingerprint().toUpperCase(),
      userIds: [`Kund SOC <${email}>`],
    });
    expect(key.expiresAt).not.toBeNull();
    const list = await call("GET", "/api/v1/pgp-keys", admin);
    expect(list.json<{ items: PgpKeyView[] }>().items.map((k) => k.id)).toContain(key.id);
    const again = await call("POST", "/api/v1/pgp-keys", admin, { armoredKey: publicKey.armor() });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "pgp_key_exists" });
    expect((await call("DELETE", `/api/v1/pgp-keys/${key.id}`, admin)).statusCode).toBe(204);
    expect((await call("DELETE", `/api/v1/pgp-keys/${key.id}`, admin)).statusCode).toBe(404);
  });

  it("refuses private keys, garbage, expired keys and a key for another address", async () => {
    const email = unique();
    const { privateKey, publicKey } = await openpgp.generateKey({ userIDs: [{ email }], format: "object" });
    const refused = async (payload: object, code: string) => {
      const res = await call("POST", "/api/v1/pgp-keys", admin, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code });
    };
    await refused({ armoredKey: privateKey.armor() }, "pgp_key_private");
    await refused({ armoredKey: "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnonsense\n" }, "pgp_key_unreadable");
    await refused({ armoredKey: publicKey.armor(), email: unique() }, "pgp_key_email_mismatch");
    const old = await openpgp.generateKey({
      userIDs: [{ email: unique() }],
      date: new Date(Date.now() - 10 * 24 * 3600 * 1000),
      keyExpirationTime: 3600,
      format: "object",
    });
    await refused({ armoredKey: old.publicKey.armor() }, "pgp_key_expired");
  });

  it("is for admins only", async () => {
    expect((await call("GET", "/api/v1/pgp-keys", analyst)).statusCode).toBe(403);
    const { publicKey } = await openpgp.generateKey({ userIDs: [{ email: unique() }], format: "object" });
    expect((await call("POST", "/api/v1/pgp-keys", analyst, { armoredKey: publicKey.armor() })).statusCode).toBe(403);
  });
});
