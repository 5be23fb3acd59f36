import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { type SmtpPeer, startSmtpPeer } from "../../../test/support/smtp-peer.js";
import { fixedClock } from "../../platform/clock.js";
import { createWorker } from "../../platform/jobs/index.js";
import nodemailer from "nodemailer";
import { startInboundSmtp } from "../intake/mail/smtp-listener.js";
import { createLogger } from "../../platform/log.js";
import { createMailSendJob, createMailTransport } from "../../platform/mail/index.js";
import { createMetrics } from "../../platform/metrics.js";
import { TICK_MS, createListDispatchJob } from "./dispatch.js";
import { listUnsubscribeRoute, sendToList } from "./index.js";
import {
  lastMailTo,
  mailsTo,
  linkToken,
  requestSubscription,
  subscribeAndConfirm,
  system,
  uniqueAddress,
} from "./test-fixtures.js";

// The public side of the lists: double opt-in, the pages behind the links, and a list mail as a real SMTP
// peer receives it — List-Unsubscribe, one-click (RFC 8058) — then no more after unsubscribing.

const clock = fixedClock(new Date("2030-05-06T08:00:00Z"));
const app = useTestApp(
  {
    FYR_LIST_SUBSCRIBE_PER_HOUR: "5",
    FYR_PUBLIC_URL: "https://cert.example",
    FYR_MAIL_FROM: "CERT <cert@cert.example>",
  },
  clock,
);
let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer.close();
});

/** Runs the dispatcher and the outbox through the SMTP peer until nothing is left to release. */
async function deliver(): Promise<void> {
  const transport = createMailTransport({ smtpUrl: peer.url, mailFrom: "CERT <cert@cert.example>" });
  const worker = createWorker({
    db: app().fyr.deps.db,
    clock,
    logger: createLogger("silent"),
    metrics: createMetrics(),
    jobs: [
      createMailSendJob(transport),
      createListDispatchJob({ config: app().fyr.deps.config, certKey: async () => null }),
    ],
    concurrency: 1,
    workerId: "lists-test",
    retryDelay: () => 0,
  });
  try {
    for (let i = 0; i < 50; i++) {
      await worker.drain();
      const pending = await app()
        .fyr.deps.db.selectFrom("list_deliveries")
        .select("email")
        .where("status", "=", "pending")
        .limit(1)
        .executeTakeFirst();
      if (!pending) break;
      clock.advance(TICK_MS);
    }
    await worker.drain();
  } finally {
    transport.close();
  }
}
const receivedBy = (email: string) => peer.received.filter((m) => m.to.includes(email) && m.headers["list-id"]);
const bulletin = (tag: string) => ({
  sv: { subject: `Veckobrev ${tag}`, text: `Hej! Veckans nyheter ${tag}.` },
  en: { subject: `Weekly letter ${tag}`, text: `Hello! This week's news ${tag}.` },
});

describe("public subscription (double opt-in)", () => {
  it("mails a confirmation in the asked language; the link's GET shows a button and confirms nothing", async () => {
    const email = uniqueAddress();
    const res = await requestSubscription(app(), { email, lists: ["weekly", "flash"], language: "en" });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: "confirmation_sent" });
    const mail = await lastMailTo(app(), email);
    expect(mail?.subject).toBe("Confirm your subscription");
    expect(mail?.text_body).toContain("Weekly letter");
    const token = linkToken(mail?.text_body ?? "", "confirm");

    const page = await app().fyr.http.inject({ method: "GET", url: `/lists/confirm/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain(`method="post" action="/lists/confirm/${token}"`);
    // A scanner followed the link: still nobody to send to.
    expect((await sendToList(system(app()), { list: "weekly", messages: bulletin("a") })).recipients).toBe(0);

    const confirmed = await app().fyr.http.inject({ method: "POST", url: `/lists/confirm/${token}` });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain("The subscription is confirmed");
    expect(confirmed.body).toMatch(/\/lists\/preferences\/[A-Za-z0-9_-]{43}/);
    // Used once.
    const again = await app().fyr.http.inject({ method: "POST", url: `/lists/confirm/${token}` });
    expect(again.statusCode).toBe(404);
  });

  it("answers a known address exactly as a new one, and refuses unknown lists naming the field", async () => {
    const known = uniqueAddress();
    await subscribeAndConfirm(app(), known, ["advisories"]);
    const a = await requestSubscription(app(), { email: known, lists: ["advisories"] });
    const b = await requestSubscription(app(), { email: uniqueAddress(), lists: ["advisories"] });
    expect([a.statusCode, a.body]).toEqual([b.statusCode, b.body]);

    const bad = await requestSubscription(app(), { email: uniqueAddress(), lists: ["weekly", "secret"] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ path: "body.lists.1", code: "unknown_value" })]);
  });

  it("limits requests per client address (429) and per mailbox (silently: still 202, no mail)", async () => {
    const ip = "10.99.1.1";
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await requestSubscription(app(), { email: uniqueAddress(), lists: ["weekly"] }, ip)).statusCode);
    expect(codes).toEqual([202, 202, 202, 202, 202, 429]);

    const victim = uniqueAddress("victim");
    for (let i = 0; i < 5; i++)
      expect((await requestSubscription(app(), { email: victim, lists: ["weekly"] })).statusCode).toBe(202);
    expect(await mailsTo(app(), victim)).toBe(3);
  });
});

describe("a list mail", () => {
  it("reaches a real SMTP peer with List-Unsubscribe headers; one-click POST unsubscribes", async () => {
    const email = uniqueAddress();
    await subscribeAndConfirm(app(), email, ["weekly"], "en");
    const sent = await sendToList(system(app()), {
      list: "weekly",
      messages: bulletin("b"),
      sourceRef: "FYR-W-2030-19",
    });
    expect(sent.recipients).toBeGreaterThanOrEqual(1);
    await deliver();
    const got = receivedBy(email);
    expect(got).toHaveLength(1);
    const mail = got[0];
    expect(mail?.headers.subject).toBe("Weekly letter b");
    expect(mail?.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
    const [mailto, https] = (mail?.headers["list-unsubscribe"] ?? "").split(", ");
    expect(mailto).toMatch(/^<mailto:unsub\+[a-z2-7]{52}@cert\.example\?subject=unsubscribe>$/);
    expect(https).toMatch(/^<https:\/\/cert\.example\/lists\/unsubscribe\/[A-Za-z0-9_-]{43}>$/);
    const header = https ?? "";
    expect(mail?.headers["list-id"]).toBe("<weekly.lists.cert.example>");
    expect(mail?.body).toContain("This week's news b");

    const url = new URL(header.slice(1, -1));
    const page = await app().fyr.http.inject({ method: "GET", url: url.pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Stop sending Weekly letter to ${email}?`);
    const oneClick = await app().fyr.http.inject({
      method: "POST",
      url: url.pathname,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.statusCode).toBe(200);

    await sendToList(system(app()), { list: "weekly", messages: bulletin("c") });
    await deliver();
    expect(receivedBy(email)).toHaveLength(1);
  });

  it("unsubscribes by a mail to the List-Unsubscribe mailto: address, through the inbound SMTP listener", async () => {
    const email = uniqueAddress();
    await subscribeAndConfirm(app(), email, ["flash"], "sv");
    await sendToList(system(app()), { list: "flash", messages: bulletin("m") });
    await deliver();
    const header = receivedBy(email)[0]?.headers["list-unsubscribe"] ?? "";
    const address = /<mailto:([^?>]+)/.exec(header)?.[1] ?? "";
    const inbound = await startInboundSmtp({
      port: 0,
      host: "127.0.0.1",
      maxBytes: 1_000_000,
      logger: createLogger("silent"),
      handle: async (raw, envelope) => {
        const { fyr } = app();
        const route = listUnsubscribeRoute({ ...fyr.deps, logger: createLogger("silent") });
        const taker = await route(envelope.to ?? []);
        if (!taker) throw new Error(`not routed: ${(envelope.to ?? []).join(", ")}`);
        return taker(raw);
      },
    });
    try {
      // The listener folds the address to lower case: the token survives it.
      await nodemailer
        .createTransport({ host: "127.0.0.1", port: inbound.port, secure: false, ignoreTLS: true })
        .sendMail({ from: email, to: address.toUpperCase(), subject: "unsubscribe", text: "" });
    } finally {
      await inbound.close();
    }
    await sendToList(system(app()), { list: "flash", messages: bulletin("n") });
    await deliver();
    expect(receivedBy(email).map((m) => m.headers.subject)).toEqual(["Veckobrev m"]);
    // Not one of ours: intake (or feeds) takes it.
    const route = listUnsubscribeRoute({ ...app().fyr.deps, logger: createLogger("silent") });
    expect(await route(["cert@cert.example", address.replace("cert.example", "other.example")])).toBeNull();
  });

  it("goes in each subscriber's language, and the preference page changes lists and language", async () => {
    const sv = uniqueAddress("sv");
    await subscribeAndConfirm(app(), sv, ["advisories"], "sv");
    await sendToList(system(app()), { list: "advisories", messages: bulletin("d") });
    await deliver();
    const [first] = receivedBy(sv);
    expect(first?.headers.subject).toBe("Veckobrev d");
    const token = linkToken(first?.body ?? "", "preferences");

    const page = await app().fyr.http.inject({ method: "GET", url: `/lists/preferences/${token}` });
    expect(page.body).toContain('<html lang="sv">');
    expect(page.body).toMatch(/value="advisories" checked/);
    const saved = await app().fyr.http.inject({
      method: "POST",
      url: `/lists/preferences/${token}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "lists=flash&language=en",
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('<html lang="en">');
    expect(saved.body).toMatch(/value="flash" checked/);
    expect(saved.body).not.toMatch(/value="advisories" checked/);

    await sendToList(system(app()), { list: "advisories", messages: bulletin("e") });
    await sendToList(system(app()), { list: "flash", messages: bulletin("f") });
    await deliver();
    expect(receivedBy(sv).map((m) => m.headers.subject)).toEqual(["Veckobrev d", "Weekly letter f"]);
  });

  it("answers a bad or unknown link with the same page in both languages", async () => {
    for (const url of ["/lists/unsubscribe/nonsense", `/lists/preferences/${"A".repeat(43)}`]) {
      const res = await app().fyr.http.inject({ method: "GET", url });
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain("This link is no longer valid");
    }
    const post = await app().fyr.http.inject({ method: "POST", url: `/lists/unsubscribe/${"B".repeat(43)}` });
    expect(post.statusCode).toBe(404);
  });
});
