import { beforeAll, describe, expect, it } from "vitest";
import { type Playbook, type PlaybooksList, PlaybookTasks } from "../../../contract/playbooks.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { examplePlaybook } from "../incidents/tasks.test-fixtures.js";

const app = useTestApp();

const tokens = { admin: "", analyst: "", observer: "", publisher: "" };
beforeAll(async () => {
  for (const role of ["admin", "analyst", "observer", "publisher"] as const)
    tokens[role] = (await createTokenFor(app(), { roles: [role] })).token;
});
const as = (role: keyof typeof tokens) => tokens[role];

type Method = "GET" | "POST" | "PATCH" | "DELETE";
const call = (token: string, method: Method, url: string, payload?: object) =>
  app().fyr.http.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });
const create = async (body: object = examplePlaybook()) => {
  const res = await call(as("admin"), "POST", "/api/v1/playbooks", body);
  expect(res.statusCode).toBe(201);
  return res.json<Playbook>();
};
const list = async (query = "", token = as("analyst")) =>
  (await call(token, "GET", `/api/v1/playbooks${query}`)).json<PlaybooksList>().items;

describe("shipped default playbooks", () => {
  it("exist for ransomware, phishing, DDoS, data leak and compromised account, valid in both languages", async () => {
    const items = await list();
    const byClass = new Map(items.filter((p) => p.id.startsWith("7a1b0000-")).map((p) => [p.rsitClass, p]));
    expect([...byClass.keys()].sort()).toEqual(
      ["availability", "fraud", "information-content-security", "intrusions", "malicious-code"].sort(),
    );
    for (const playbook of byClass.values()) {
      expect(playbook.tasks.length).toBeGreaterThanOrEqual(4);
      expect(playbook.tasks.length).toBeLessThanOrEqual(7);
      expect(PlaybookTasks.safeParse(playbook.tasks).success).toBe(true);
      expect(playbook.tasks.every((t) => t.checklist.length > 0)).toBe(true);
      expect(playbook.name.sv).not.toBe("");
      expect(playbook.description.en).not.toBe("");
    }
    expect(byClass.get("malicious-code")?.name).toEqual({ sv: "Ransomware (utpressningsprogram)", en: "Ransomware" });
    const texts = JSON.stringify(byClass.get("information-content-security"));
    expect(texts).toContain("IMY");
    expect(texts).toContain("NIS2");
  });
});

describe("listing and reading", () => {
  it("offers, for a class, its playbooks and those for every class, not others nor archived ones", async () => {
    const forClass = await create(examplePlaybook("availability"));
    const forAll = await create(examplePlaybook(null));
    const forOther = await create(examplePlaybook("fraud"));
    const gone = await create(examplePlaybook("availability"));
    expect((await call(as("admin"), "DELETE", `/api/v1/playbooks/${gone.id}`)).statusCode).toBe(204);
    const ids = (await list("?class=availability", as("observer"))).map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([forClass.id, forAll.id]));
    expect(ids).not.toContain(forOther.id);
    expect(ids).not.toContain(gone.id);
    expect(ids.indexOf(forClass.id)).toBeLessThan(ids.indexOf(forAll.id));
    const one = await call(as("analyst"), "GET", `/api/v1/playbooks/${gone.id}`);
    expect(one.json<Playbook>().archivedAt).not.toBeNull();
    expect((await call(as("analyst"), "GET", "/api/v1/playbooks?class=no-such-class")).statusCode).toBe(400);
    expect((await call(as("publisher"), "GET", "/api/v1/playbooks")).statusCode).toBe(403);
    expect(
      (await call(as("analyst"), "GET", "/api/v1/playbooks/7a1b0000-0000-4000-8000-0000000000ff")).json(),
    ).toMatchObject({ status: 404, code: "playbook_not_found" });
  });
});

describe("editing (admins only)", () => {
  it("lets an admin change a playbook with a version check, and archive it", async () => {
    const playbook = await create();
    const url = `/api/v1/playbooks/${playbook.id}`;
    const res = await call(as("admin"), "PATCH", url, {
      version: playbook.version,
      name: { sv: "Nytt namn", en: "New name" },
      rsitClass: null,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Playbook>()).toMatchObject({
      name: { sv: "Nytt namn", en: "New name" },
      rsitClass: null,
      version: playbook.version + 1,
      tasks: playbook.tasks,
    });
    const stale = await call(as("admin"), "PATCH", url, { version: playbook.version, name: { sv: "X", en: "X" } });
    expect(stale.json()).toMatchObject({ status: 409, code: "version_conflict" });
    expect((await call(as("admin"), "DELETE", url)).statusCode).toBe(204);
    const afterwards = await call(as("admin"), "PATCH", url, {
      version: playbook.version + 1,
      name: { sv: "Y", en: "Y" },
    });
    expect(afterwards.json()).toMatchObject({ status: 409, code: "playbook_archived" });
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", playbook.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["playbook.created", "playbook.updated", "playbook.archived"]);
  });

  it("refuses every write from anyone but an admin (403)", async () => {
    const playbook = await create();
    for (const token of [as("analyst"), as("observer"), as("publisher")]) {
      expect((await call(token, "POST", "/api/v1/playbooks", examplePlaybook())).statusCode).toBe(403);
      const url = `/api/v1/playbooks/${playbook.id}`;
      expect((await call(token, "PATCH", url, { version: 1, name: { sv: "X", en: "X" } })).statusCode).toBe(403);
      expect((await call(token, "DELETE", url)).statusCode).toBe(403);
    }
    expect((await call(as("admin"), "GET", `/api/v1/playbooks/${playbook.id}`)).json<Playbook>()).toEqual(playbook);
  });

  it("refuses an invalid playbook with 400, listing every bad field", async () => {
    const res = await call(as("admin"), "POST", "/api/v1/playbooks", {
      rsitClass: "ransomware",
      name: { sv: "", en: "Name" },
      tasks: [
        { title: { sv: "x".repeat(301), en: "Title" }, checklist: [{ sv: "Punkt" }] },
        { title: { sv: "Uppgift", en: "Task" }, checklist: Array.from({ length: 31 }, () => ({ sv: "a", en: "a" })) },
      ],
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "body.rsitClass",
        "body.name.sv",
        "body.tasks.0.title.sv",
        "body.tasks.0.checklist.0.en",
        "body.tasks.1.checklist",
      ]),
    );
    const none = await call(as("admin"), "POST", "/api/v1/playbooks", { ...examplePlaybook(), tasks: [] });
    expect(none.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(["body.tasks"]);
    const tooMany = Array.from({ length: 51 }, () => ({ title: { sv: "a", en: "a" }, checklist: [] }));
    const many = await call(as("admin"), "POST", "/api/v1/playbooks", { ...examplePlaybook(), tasks: tooMany });
    expect(many.statusCode).toBe(400);
  });
});

describe("API document", () => {
  it("describes the playbook and task endpoints", async () => {
    const res = await app().fyr.http.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/playbooks",
        "/api/v1/playbooks/{id}",
        "/api/v1/incidents/{reference}/tasks",
        "/api/v1/incidents/{reference}/tasks/{taskId}/items/{itemId}",
        "/api/v1/incidents/{reference}/playbooks",
      ]),
    );
  });
});
