import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type TestDatabase, createTestDatabase } from "../../../test/support/db.js";
import { systemActor } from "../../platform/auth/actor.js";
import { createSecretBox } from "../../platform/auth/secret-box.js";
import { systemClock } from "../../platform/clock.js";
import { countFeedSecretsUnder, resealFeedSecrets } from "./feed-secrets.js";
import { createFeedSource, fetchSecretContext } from "./source-config.js";
import { selectSourceById } from "./sources-store.js";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("a feed source's secret under key rotation", () => {
  it("is re-sealed under the new key, so the old one can be retired and the secret still opens", async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = createSecretBox([oldKey]);
    const made = await createFeedSource(
      { db: t.handle.db, clock: systemClock, actor: systemActor("test"), secrets: before },
      {
        name: `rotate-${randomBytes(4).toString("hex")}`,
        format: "shadowserver",
        fetch: {
          kind: "shadowserver-api",
          apiUrl: "https://transform.shadowserver.org/api2/",
          apiKey: "k",
          secret: "s3cret",
          days: 2,
          everyMinutes: 60,
        },
      },
    );
    expect(await countFeedSecretsUnder(t.handle.db, before.currentKeyId)).toBeGreaterThanOrEqual(1);
    const rotating = createSecretBox([newKey, oldKey]);
    expect(await t.handle.db.transaction().execute((tx) => resealFeedSecrets(tx, rotating))).toBeGreaterThanOrEqual(1);
    expect(await countFeedSecretsUnder(t.handle.db, before.currentKeyId)).toBe(0);
    const row = await selectSourceById(t.handle.db, made.id);
    const after = createSecretBox([newKey]);
    expect(after.open(row?.fetch_secret ?? "", fetchSecretContext(made.id))).toBe("s3cret");
  });
});
