import { beforeAll, describe, expect, it } from "vitest";
import type { Playbook } from "../../../contract/playbooks.js";
import type { Task, TasksList } from "../../../contract/tasks.js";
import { useTestApp } from "../../../test/support/app.js";
import { createTokenFor } from "../../../test/support/auth.js";
import { systemActor } from "../../platform/auth/actor.js";
import { addPlaybookTasks } from "./apply-playbook.js";
import { examplePlaybook, insertTestIncident } from "./tasks.test-fixtures.js";

const app = useTestApp();

interface Caller {
  token: string;
  userId: string;
}
let admin: Caller;
let analyst: Caller;
let outsider: Caller;
let observer: Caller;
let publisher: Caller;
beforeAll(async () => {
  [admin, analyst, outsider, observer, publisher] = await Promise.all([
    createTokenFor(app(), { roles: ["admin"] }),
    createTokenFor(app(), { roles: ["analyst"] }),
    createTokenFor(app(), { roles: ["analyst"] }),
    createTokenFor(app(), { roles: ["observer"] }),
    createTokenFor(app(), { roles: ["publisher"] }),
  ]);
});

type Method = "GET" | "POST" | "PATCH" | "DELETE";
const call = (who: Caller, method: Method, url: string, payload?: object) =>
  app().fyr.http.inject({
    method,
    url,
    headers: { authorization: `Bearer ${who.token}` },
    ...(payload ? { payload } : {}),
  });
const incident = (opts: Parameters<typeof insertTestIncident>[1] = {}) => insertTestIncident(app().fyr.deps.db, opts);
const tasksOf = async (reference: string, who = analyst) =>
  (await call(who, "GET", `/api/v1/incidents/${reference}/tasks`)).json<TasksList>().items;
const newTask = async (reference: string, title = "Ring kontaktpersonen") => {
  const res = await call(analyst, "POST", `/api/v1/incidents/${reference}/tasks`, { title });
  expect(res.statusCode).toBe(201);
  return res.json<Task>();
};
const newPlaybook = async () => {
  const res = await call(admin, "POST", "/api/v1/playbooks", examplePlaybook());
  expect(res.statusCode).toBe(201);
  return res.json<Playbook>();
};
const eventsOf = (incidentId: string) =>
  app()
    .fyr.deps.db.selectFrom("incident_events")
    .select(["kind", "data", "author_id"])
    .where("incident_id", "=", incidentId)
    .orderBy("recorded_at")
    .execute();

describe("applying a playbook", () => {
  it("adds its tasks and checklists in the chosen language after the existing tasks, on the timeline", async () => {
    const inc = await incident();
    await newTask(inc.reference, "Egen uppgift först");
    const playbook = await newPlaybook();
    const res = await call(analyst, "POST", `/api/v1/incidents/${inc.reference}/playbooks`, {
      playbookId: playbook.id,
      language: "en",
    });
    expect(res.statusCode).toBe(201);
    const items = res.json<TasksList>().items;
    expect(items.map((t) => [t.position, t.title])).toEqual([
      [1, "Egen uppgift först"],
      [2, "Isolate the systems"],
      [3, "Police report"],
    ]);
    expect(items[1]?.checklist.map((i) => [i.label, i.done])).toEqual([
      ["Disconnect from the network", false],
      ["Do not power off", false],
    ]);
    expect(items[1]?.playbook).toEqual({ id: playbook.id, name: playbook.name });
    expect(items[0]?.playbook).toBeNull();
    expect(await tasksOf(inc.reference)).toEqual(items);
    const events = await eventsOf(inc.id);
    expect(events.filter((e) => e.kind === "playbook")).toEqual([
      {
        kind: "playbook",
        author_id: analyst.userId,
        data: { playbookId: playbook.id, name: "Test playbook", language: "en", tasks: 2 },
      },
    ]);
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", inc.reference)
      .execute();
    expect(audit.map((a) => a.action)).toContain("incident.playbook.applied");
  });

  it("writes Swedish by default, refuses the same playbook twice, and an unknown or archived one", async () => {
    const inc = await incident();
    const playbook = await newPlaybook();
    const url = `/api/v1/incidents/${inc.reference}/playbooks`;
    const res = await call(analyst, "POST", url, { playbookId: playbook.id });
    expect(res.json<TasksList>().items.map((t) => t.title)).toEqual(["Isolera systemen", "Polisanmälan"]);
    expect((await call(analyst, "POST", url, { playbookId: playbook.id })).json()).toMatchObject({
      status: 409,
      code: "playbook_already_applied",
    });
    const unknown = await call(analyst, "POST", url, { playbookId: "7a1b0000-0000-4000-8000-0000000000ff" });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: "playbook_not_found", errors: [{ path: "body.playbookId" }] });
    const archived = await newPlaybook();
    expect((await call(admin, "DELETE", `/api/v1/playbooks/${archived.id}`)).statusCode).toBe(204);
    expect((await call(analyst, "POST", url, { playbookId: archived.id })).json()).toMatchObject({
      code: "playbook_not_found",
    });
    expect(await tasksOf(inc.reference)).toHaveLength(2);
  });

  it("adds nothing when the caller's transaction (incident creation) rolls back", async () => {
    const inc = await incident();
    const { db } = app().fyr.deps;
    const ctx = { db, clock: app().clock, config: app().fyr.deps.config, actor: systemActor("test") };
    const attempt = db.transaction().execute(async (tx) => {
      await addPlaybookTasks({ ...ctx, db: tx }, inc, "7a1b0000-0000-4000-8000-000000000003", "en");
      throw new Error("creation failed later");
    });
    await expect(attempt).rejects.toThrow("creation failed later");
    expect(await tasksOf(inc.reference)).toEqual([]);
    expect((await eventsOf(inc.id)).filter((e) => e.kind === "playbook")).toEqual([]);
    await addPlaybookTasks(ctx, inc, "7a1b0000-0000-4000-8000-000000000003", "en");
    expect((await tasksOf(inc.reference))[0]?.title).toBe("Situational picture");
  });

  it("applies a shipped default playbook", async () => {
    const inc = await incident();
    const res = await call(analyst, "POST", `/api/v1/incidents/${inc.reference}/playbooks`, {
      playbookId: "7a1b0000-0000-4000-8000-000000000001",
    });
    expect(res.statusCode).toBe(201);
    const items = res.json<TasksList>().items;
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items[0]?.title).toBe("Första kontakt och lägesbild");
    expect(items.every((t) => t.checklist.length > 0)).toBe(true);
  });
});

describe("tasks and checklists", () => {
  it("ticks and unticks items, recording who and when, and edits and removes them", async () => {
    const inc = await incident();
    const task = await newTask(inc.reference);
    const base = `/api/v1/incidents/${inc.reference}/tasks/${task.id}/items`;
    const added = await call(analyst, "POST", base, { label: "Bekräfta telefonnummer" });
    expect(added.statusCode).toBe(201);
    const itemId = added.json<Task>().checklist[0]?.id ?? "";
    const ticked = (await call(analyst, "PATCH", `${base}/${itemId}`, { done: true })).json<Task>();
    expect(ticked.checklist[0]).toMatchObject({ done: true, doneBy: { id: analyst.userId } });
    expect(ticked.checklist[0]?.doneAt).not.toBeNull();
    const relabelled = await call(admin, "PATCH", `${base}/${itemId}`, { done: false, label: "Nytt namn" });
    expect(relabelled.json<Task>().checklist[0]).toMatchObject({ label: "Nytt namn", done: false, doneBy: null });
    const removed = await call(analyst, "DELETE", `${base}/${itemId}`);
    expect(removed.statusCode).toBe(200);
    expect(removed.json<Task>().checklist).toEqual([]);
    expect((await call(analyst, "DELETE", `${base}/${itemId}`)).json()).toMatchObject({
      status: 404,
      code: "task_item_not_found",
    });
  });

  it("marks done and reopens with timeline events, and refuses a stale version", async () => {
    const inc = await incident();
    const task = await newTask(inc.reference, "Säkra loggar");
    const url = `/api/v1/incidents/${inc.reference}/tasks/${task.id}`;
    const done = await call(analyst, "PATCH", url, { version: task.version, status: "done" });
    expect(done.statusCode).toBe(200);
    expect(done.json<Task>()).toMatchObject({
      status: "done",
      version: task.version + 1,
      doneBy: { id: analyst.userId },
    });
    const stale = await call(admin, "PATCH", url, { version: task.version, title: "Skrivs över" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "version_conflict" });
    const reopened = await call(analyst, "PATCH", url, { version: task.version + 1, status: "open" });
    expect(reopened.json<Task>()).toMatchObject({ status: "open", doneAt: null, doneBy: null, title: "Säkra loggar" });
    const actions = (await eventsOf(inc.id)).filter((e) => e.kind === "task").map((e) => e.data["action"]);
    expect(actions).toEqual(["created", "done", "reopened"]);
  });

  it("moves a task to another place, assigns it and sets a due date", async () => {
    const inc = await incident();
    await newTask(inc.reference, "A");
    await newTask(inc.reference, "B");
    const c = await newTask(inc.reference, "C");
    const url = `/api/v1/incidents/${inc.reference}/tasks/${c.id}`;
    const res = await call(analyst, "PATCH", url, {
      version: c.version,
      position: 1,
      assigneeId: outsider.userId,
      dueAt: "2026-12-01T12:00:00+01:00",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json<Task>()).toMatchObject({ assignee: { id: outsider.userId }, dueAt: "2026-12-01T11:00:00.000Z" });
    expect((await tasksOf(inc.reference)).map((t) => [t.title, t.position])).toEqual([
      ["C", 1],
      ["A", 2],
      ["B", 3],
    ]);
  });

  it("refuses an assignee who does not work incidents, or cannot see a TLP:RED incident", async () => {
    const open = await incident();
    const res = await call(analyst, "POST", `/api/v1/incidents/${open.reference}/tasks`, {
      title: "X",
      assigneeId: observer.userId,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "task_assignee_invalid", errors: [{ path: "body.assigneeId" }] });
    const red = await incident({ tlp: "TLP:RED", assigneeId: analyst.userId });
    const hidden = await call(analyst, "POST", `/api/v1/incidents/${red.reference}/tasks`, {
      title: "X",
      assigneeId: outsider.userId,
    });
    expect(hidden.json()).toMatchObject({ status: 400, code: "task_assignee_invalid" });
    const adminOk = await call(analyst, "POST", `/api/v1/incidents/${red.reference}/tasks`, {
      title: "X",
      assigneeId: admin.userId,
    });
    expect(adminOk.statusCode).toBe(201);
  });

  it("answers 404 for a task or item of another incident addressed through this one", async () => {
    const mine = await incident();
    const other = await incident();
    const foreign = await newTask(other.reference);
    const foreignItem = (
      await call(analyst, "POST", `/api/v1/incidents/${other.reference}/tasks/${foreign.id}/items`, { label: "L" })
    ).json<Task>().checklist[0]?.id;
    const own = await newTask(mine.reference);
    const patch = await call(analyst, "PATCH", `/api/v1/incidents/${mine.reference}/tasks/${foreign.id}`, {
      version: 1,
      title: "Kapad",
    });
    expect(patch.json()).toMatchObject({ status: 404, code: "task_not_found" });
    const item = await call(
      analyst,
      "PATCH",
      `/api/v1/incidents/${mine.reference}/tasks/${own.id}/items/${foreignItem ?? ""}`,
      { done: true },
    );
    expect(item.json()).toMatchObject({ status: 404, code: "task_item_not_found" });
    expect((await tasksOf(other.reference))[0]).toMatchObject({ title: foreign.title, checklist: [{ done: false }] });
  });

  it("validates input, listing every bad field", async () => {
    const inc = await incident();
    const res = await call(analyst, "POST", `/api/v1/incidents/${inc.reference}/tasks`, {
      title: "",
      dueAt: "tomorrow",
      assigneeId: "nobody",
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.title", "body.dueAt", "body.assigneeId"]));
  });
});

describe("who may see and change tasks", () => {
  it("lets observers read but not write (403), and publishers not at all", async () => {
    const inc = await incident();
    const task = await newTask(inc.reference);
    const base = `/api/v1/incidents/${inc.reference}`;
    const item = (await call(analyst, "POST", `${base}/tasks/${task.id}/items`, { label: "L" })).json<Task>()
      .checklist[0]?.id;
    expect((await tasksOf(inc.reference, observer)).map((t) => t.id)).toEqual([task.id]);
    const writes: [Method, string, object | undefined][] = [
      ["POST", `${base}/tasks`, { title: "Nej" }],
      ["PATCH", `${base}/tasks/${task.id}`, { version: task.version, status: "done" }],
      ["POST", `${base}/tasks/${task.id}/items`, { label: "Nej" }],
      ["PATCH", `${base}/tasks/${task.id}/items/${item ?? ""}`, { done: true }],
      ["DELETE", `${base}/tasks/${task.id}/items/${item ?? ""}`, undefined],
      ["POST", `${base}/playbooks`, { playbookId: "7a1b0000-0000-4000-8000-000000000002" }],
    ];
    for (const [method, url, body] of writes) {
      const res = await call(observer, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
    expect((await call(publisher, "GET", `${base}/tasks`)).statusCode).toBe(403);
    expect(await tasksOf(inc.reference)).toMatchObject([{ status: "open", checklist: [{ label: "L", done: false }] }]);
  });

  it("hides a TLP:RED incident's tasks from an analyst who is neither assignee nor member (404 everywhere)", async () => {
    const member = await createTokenFor(app(), { roles: ["analyst"] });
    const red = await incident({ tlp: "TLP:RED", assigneeId: analyst.userId, memberIds: [member.userId] });
    const task = await newTask(red.reference);
    const item = (
      await call(analyst, "POST", `/api/v1/incidents/${red.reference}/tasks/${task.id}/items`, { label: "L" })
    ).json<Task>().checklist[0]?.id;
    const base = `/api/v1/incidents/${red.reference}`;
    const attempts: [Method, string, object | undefined][] = [
      ["GET", `${base}/tasks`, undefined],
      ["POST", `${base}/tasks`, { title: "Smyg" }],
      ["PATCH", `${base}/tasks/${task.id}`, { version: task.version, status: "done" }],
      ["POST", `${base}/tasks/${task.id}/items`, { label: "Smyg" }],
      ["PATCH", `${base}/tasks/${task.id}/items/${item ?? ""}`, { done: true }],
      ["DELETE", `${base}/tasks/${task.id}/items/${item ?? ""}`, undefined],
      ["POST", `${base}/playbooks`, { playbookId: "7a1b0000-0000-4000-8000-000000000002" }],
    ];
    for (const who of [outsider, observer]) {
      for (const [method, url, body] of attempts) {
        const res = await call(who, method, url, body);
        // An observer writes on no incident: 403 before anything about this one, which it does not name.
        if (who === observer && method !== "GET") {
          expect(res.json(), `${method} ${url}`).toMatchObject({ status: 403, code: "forbidden" });
          continue;
        }
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.json()).toMatchObject({ code: "incident_not_found" });
      }
    }
    expect(await tasksOf(red.reference, member)).toHaveLength(1);
    expect(await tasksOf(red.reference, admin)).toHaveLength(1);
    const [stored] = await tasksOf(red.reference);
    expect(stored).toMatchObject({ status: "open", checklist: [{ label: "L", done: false }] });
  });
});
