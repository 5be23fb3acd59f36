import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { waitFor } from "../../../test/support/wait.js";
import { OutboxQuery } from "../../../contract/operations.js";
import type { Actor } from "../../platform/auth/actor.js";
import { fixedClock } from "../../platform/clock.js";
import { queueMail } from "../../platform/mail/index.js";
import { listOutbox } from "./outbox.js";

const admin: Actor = {
  kind: "user",
  userId: randomUUID(),
  email: "admin@cert.example",
  name: "Admin",
  userKind: "staff",
  organisationId: null,
  roles: ["admin"],
  via: "session",
  tokenId: null,
};

describe("outbox (service)", () => {
  const app = useTestApp();
  const ctx = () => ({ db: app().fyr.deps.db, clock: app().clock, actor: admin });

  it("shows mail kept locally when no SMTP relay is configured", async () => {
    const { db, clock } = ctx();
    const id = await queueMail(db, clock, {
      to: "reporter@example.org",
      subject: "Kvitto",
      text: "Tack för rapporten.",
    });
    expect(await app().fyr.runDueJobs()).toBeGreaterThanOrEqual(1);
    const page = await listOutbox(ctx(), OutboxQuery.parse({}));
    expect(page.items.find((m) => m.id === id)).toMatchObject({
      to: ["reporter@example.org"],
      subject: "Kvitto",
      body: "Tack för rapporten.",
      status: "kept",
      error: null,
      sentAt: null,
    });
  });

  it("pages newest first, each message once, also when several share a creation time", async () => {
    const { db } = ctx();
    const same = fixedClock(new Date("2031-05-05T05:05:05.005Z"));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(await queueMail(db, same, { to: "a@example.org", subject: `s${i}`, text: "…" }));
    same.advance(1000);
    ids.push(await queueMail(db, same, { to: "a@example.org", subject: "newest", text: "…" }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listOutbox(ctx(), OutboxQuery.parse({ limit: 2, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const ours = seen.filter((id) => ids.includes(id));
    expect(ours).toHaveLength(4);
    expect(ours[0]).toBe(ids[3]);
  });

  it("is processed by the background worker of the worker role", async () => {
    const { db, clock } = ctx();
    const id = await queueMail(db, clock, { to: "bg@example.org", subject: "Bakgrund", text: "…" });
    app().fyr.startBackground();
    try {
      await waitFor(
        async () =>
          (await listOutbox(ctx(), OutboxQuery.parse({}))).items.find((m) => m.id === id && m.status === "kept"),
        {
          what: "mail kept by the background worker",
        },
      );
    } finally {
      await app().fyr.stopBackground(1000);
    }
  });

  it("rejects a malformed cursor", async () => {
    await expect(listOutbox(ctx(), OutboxQuery.parse({ cursor: "bm9wZQ" }))).rejects.toMatchObject({
      code: "invalid_cursor",
    });
  });
});
