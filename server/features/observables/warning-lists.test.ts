import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WarningList } from "../../../contract/observables.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { tempDataDir } from "../intake/test-fixtures.js";
import { observablesClient, uniqueDomain, uniqueIp } from "./observables.test-fixtures.js";

// Warning lists are data admins edit: what is on an enabled list is shown but never links cases.

const dataDir = tempDataDir();
const app = useTestApp({ FYR_DATA_DIR: dataDir, FYR_MAIL_FROM: "cert@cert-fyr.se" });
afterAll(() => rm(dataDir, { recursive: true, force: true }));
const { call, reportSaying, related, values } = observablesClient(app);

let admin = "";
let analyst = "";
beforeAll(async () => {
  admin = (await createTokenFor(app(), { roles: ["admin"] })).token;
  analyst = (await createTokenFor(app(), { roles: ["analyst"] })).token;
});

const lists = async (token = analyst) =>
  (await call(token, "GET", "/api/v1/warning-lists")).json<{ items: WarningList[] }>().items;

describe("warning lists", () => {
  it("ship with defaults everyone can read", async () => {
    const keys = (await lists()).map((l) => l.builtinKey);
    expect(keys).toEqual(
      expect.arrayContaining(["reserved-addresses", "documentation", "own-domains", "common-providers", "empty-files"]),
    );
  });

  it("stop a listed value from linking cases, and it links again when the list is switched off", async () => {
    const ip = uniqueIp();
    const mine = await reportSaying(`Vår egen proxy ${ip}`);
    const other = await reportSaying(`Också via ${ip}`);
    expect((await related(analyst, "reports", mine)).items.map((i) => i.reference)).toEqual([other]);

    const created = await call(admin, "POST", "/api/v1/warning-lists", { name: "Våra proxyer", entries: [`${ip}/32`] });
    expect(created.statusCode).toBe(201);
    const list = created.json<WarningList>();
    const after = await related(analyst, "reports", mine);
    expect(after.items).toEqual([]);
    expect(after.notCorrelated["warning-list"]).toBe(1);
    const shown = (await values(analyst, "reports", mine)).items.find((i) => i.value === ip);
    expect(shown?.warningLists).toEqual([{ id: list.id, name: "Våra proxyer" }]);

    const off = await call(admin, "PATCH", `/api/v1/warning-lists/${list.id}`, {
      version: list.version,
      enabled: false,
    });
    expect(off.statusCode).toBe(200);
    expect((await related(analyst, "reports", mine)).items.map((i) => i.reference)).toEqual([other]);
    const stale = await call(admin, "PATCH", `/api/v1/warning-lists/${list.id}`, {
      version: list.version,
      enabled: true,
    });
    expect(stale.statusCode).toBe(409);
  });

  it("cover our own mail domain from the configuration, with addresses on it", async () => {
    const mine = await reportSaying("Svara till cert@cert-fyr.se eller se https://cert-fyr.se/rad");
    const list = (await values(analyst, "reports", mine)).items;
    for (const v of ["cert-fyr.se", "cert@cert-fyr.se", "https://cert-fyr.se/rad"])
      expect(list.find((i) => i.value === v)?.warningLists.length, v).toBe(1);
  });

  it("are edited by admins only, with every bad entry named", async () => {
    expect((await call(analyst, "POST", "/api/v1/warning-lists", { name: "Nej" })).statusCode).toBe(403);
    const bad = await call(admin, "POST", "/api/v1/warning-lists", {
      name: "Blandat",
      entries: [uniqueDomain(), "inte något", "10.0.0.0/8", "??"],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      "body.entries.1",
      "body.entries.3",
    ]);
    const builtin = (await lists(admin)).find((l) => l.builtinKey === "empty-files");
    expect((await call(admin, "DELETE", `/api/v1/warning-lists/${builtin?.id}`)).statusCode).toBe(409);
    const own = (await call(admin, "POST", "/api/v1/warning-lists", { name: "Tillfällig" })).json<WarningList>();
    expect((await call(admin, "DELETE", `/api/v1/warning-lists/${own.id}`)).statusCode).toBe(204);
  });
});
