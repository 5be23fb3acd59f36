import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/support/app.js";
import { type Dovecot, startDovecot } from "../../../../test/support/dovecot.js";
import { waitFor } from "../../../../test/support/wait.js";

// End to end against a real Dovecot: messages APPENDed over IMAP become reports through Fyr's own
// background loop (FYR_IMAP_URL, worker role); a restart that finds them unseen again doubles nothing.
const started = await startDovecot();
const skip = typeof started === "string" ? started : null;
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe.skipIf(skip !== null)(`mail intake over IMAP${skip ? ` (skipped: ${skip})` : ""}`, () => {
  const dovecot = started as Dovecot;
  let client: ImapFlow;
  let app: TestApp;

  beforeAll(async () => {
    client = new ImapFlow({
      host: "127.0.0.1",
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await client.connect();
    app = await createTestApp({
      FYR_IMAP_URL: dovecot.url,
      FYR_ROLES: "worker",
      FYR_DATA_DIR: mkdtempSync(join(tmpdir(), "fyr-imap-")),
    });
  });
  afterAll(async () => {
    await app.fyr.stopBackground(0);
    await app.fyr.http.close();
    await app.database.drop();
    await client.logout().catch(() => client.close());
    dovecot.stop();
  });

  const mailedReports = async () =>
    app.fyr.deps.db
      .selectFrom("reports")
      .select(["mail_message_id", "summary"])
      .where("channel", "=", "email")
      .execute();

  async function allSeen(): Promise<boolean> {
    const lock = await client.getMailboxLock("INBOX");
    try {
      const unseen = (await client.search({ seen: false }, { uid: true })) || [];
      return unseen.length === 0;
    } finally {
      lock.release();
    }
  }

  it("turns unseen messages into reports, marks them seen, and doubles nothing after a restart", async () => {
    for (const name of ["plain.eml", "multipart-attachment.eml", "auto-replied.eml"]) {
      await client.append("INBOX", fixture(name));
    }
    app.fyr.startBackground();
    await waitFor(async () => (await mailedReports()).length === 3 && (await allSeen()), {
      what: "three reports, all seen",
      timeoutMs: 20_000,
    });
    expect((await mailedReports()).map((r) => r.summary).sort()).toEqual([
      "Frånvaro: Er förfrågan",
      "Intrång på vår webbserver",
      "Phishing mot ekonomiavdelningen",
    ]);

    // A crash between commit and \Seen: the messages are unseen again when Fyr comes back.
    await app.fyr.stopBackground(0);
    const lock = await client.getMailboxLock("INBOX");
    try {
      await client.messageFlagsRemove("1:*", ["\\Seen"]);
    } finally {
      lock.release();
    }
    expect(await allSeen()).toBe(false);
    app.fyr.startBackground();
    await waitFor(allSeen, { what: "messages seen again", timeoutMs: 20_000 });
    expect(await mailedReports()).toHaveLength(3);

    // New mail while Fyr waits is picked up too.
    await client.append("INBOX", fixture("list-mail.eml"));
    await waitFor(async () => (await mailedReports()).length === 4, { what: "a fourth report", timeoutMs: 20_000 });
  });
});
