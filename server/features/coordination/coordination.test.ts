import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { CaseDetail, MyCaseDetail } from "../../../contract/coordination.js";
import { useTestApp } from "../../../test/support/app.js";
import { randomClientAddress } from "../../../test/support/auth.js";
import { emptyKeyring } from "../intake/mail/pgp-keyring.js";
import { ingestMail } from "../intake/mail/ingest.js";
import { minimalReport } from "../intake/test-fixtures.js";
import { guardedRoutes } from "../../platform/auth/guard.js";
import { createLogger } from "../../platform/log.js";
import { party, staff } from "./coordination.test-fixtures.js";
import { remindEmbargoes } from "./embargo.js";
import { takeCoordinationMail } from "./take-coordination-mail.js";

// Coordination cases through the HTTP API, trying to break the policy: another organisation's member,
// a participant a post was not addressed to, a staff observer; mail in and out; the reporter's consent.

const app = useTestApp();

async function caseWithTwo() {
  const coordinator = await staff(app());
  const a = await party(app(), "sv");
  const b = await party(app(), "en");
  const created = await coordinator.call("POST", "/api/v1/coordination/cases", {
    title: "Sårbar VPN",
    tlp: "TLP:AMBER",
  });
  expect(created.statusCode).toBe(201);
  const ref = created.json<CaseDetail>().reference;
  const base = `/api/v1/coordination/cases/${ref}`;
  await coordinator.call("POST", `${base}/participants`, { organisationId: a.org.id, role: "affected" });
  const added = await coordinator.call("POST", `${base}/participants`, { organisationId: b.org.id, role: "vendor" });
  expect(added.statusCode).toBe(201);
  const parts = added.json<CaseDetail>().participants;
  const pa = parts.find((p) => p.organisation.id === a.org.id)?.id ?? "";
  const pb = parts.find((p) => p.organisation.id === b.org.id)?.id ?? "";
  const post = async (body: unknown) => coordinator.call("POST", `${base}/posts`, body);
  return { coordinator, a, b, ref, base, pa, pb, post };
}

const bodies = (d: MyCaseDetail) => d.posts.map((p) => p.body);

describe("coordination cases", () => {
  it("shows each participant only the posts addressed to it, and TLP:RED only to its named recipient", async () => {
    const { a, b, ref, pa, pb, post } = await caseWithTwo();
    expect((await post({ body: "to everyone", to: "all" })).statusCode).toBe(201);
    expect((await post({ body: "to A alone", to: [pa] })).statusCode).toBe(201);
    expect((await post({ body: "red to B", to: [pb], tlp: "TLP:RED" })).statusCode).toBe(201);

    const mine = `/api/v1/my/coordination/cases/${ref}`;
    const seenByA = (await a.call("GET", mine)).json<MyCaseDetail>();
    const seenByB = (await b.call("GET", mine)).json<MyCaseDetail>();
    expect(bodies(seenByA).sort()).toEqual(["to A alone", "to everyone"]);
    expect(bodies(seenByB).sort()).toEqual(["red to B", "to everyone"]);
    // Counts say the same as the lists.
    const listA = (await a.call("GET", "/api/v1/my/coordination/cases")).json<{
      items: { reference: string; posts: number }[];
    }>();
    expect(listA.items.find((i) => i.reference === ref)?.posts).toBe(2);
    // A member never learns whom else a post went to, nor who else takes part unless allowed.
    expect(seenByA.posts.every((p) => p.recipients.length === 0)).toBe(true);
    expect(seenByA.others).toEqual([]);
    expect(JSON.stringify(seenByA)).not.toContain(b.org.name);
  });

  it("refuses a post weaker than the case's TLP, and a TLP:RED post to all, naming the fields", async () => {
    const { post, pa } = await caseWithTwo();
    const weak = await post({ body: "green", to: "all", tlp: "TLP:GREEN" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ path: "body.tlp", code: "tlp_below_case" }),
    ]);
    const red = await post({ body: "red", to: "all", tlp: "TLP:RED" });
    expect(red.json<{ errors: { code: string }[] }>().errors.map((e) => e.code)).toEqual(["red_needs_recipients"]);
    const stranger = await post({ body: "x", to: [pa, "00000000-0000-4000-8000-000000000000"] });
    expect(stranger.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(["body.to.1"]);
  });

  it("answers another organisation's member exactly as for a case that does not exist", async () => {
    const { ref } = await caseWithTwo();
    const outsider = await party(app());
    const theirs = await outsider.call("GET", `/api/v1/my/coordination/cases/${ref}`);
    const missing = await outsider.call("GET", `/api/v1/my/coordination/cases/FYR-CC-2026-99999`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json<{ code: string }>().code).toBe("coordination_case_not_found");
    expect(missing.json<{ code: string }>().code).toBe(theirs.json<{ code: string }>().code);
    // Every member route of a case, on this case and on one that does not exist: the same answer, word for word.
    const routes = guardedRoutes(app().fyr.http)
      .filter((r) => r.roles === "member" && r.url.startsWith("/api/v1/my/coordination/cases/"))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    const tries: Record<string, unknown> = {
      "GET /api/v1/my/coordination/cases/:reference": undefined,
      "GET /api/v1/my/coordination/cases/:reference/files/:fileId": undefined,
      "POST /api/v1/my/coordination/cases/:reference/posts": { body: "Hej" },
      "POST /api/v1/my/coordination/cases/:reference/status": { status: "fixed" },
    };
    expect(routes).toEqual(Object.keys(tries).sort());
    const fileId = "00000000-0000-4000-8000-000000000000";
    for (const route of routes) {
      const [verb, url = ""] = route.split(" ");
      const method = verb === "POST" ? "POST" : "GET";
      const at = (reference: string) => url.replace(":reference", reference).replace(":fileId", fileId);
      const hidden = await outsider.call(method, at(ref), tries[route]);
      const none = await outsider.call(method, at("FYR-CC-2026-99999"), tries[route]);
      expect([route, hidden.statusCode]).toEqual([route, 404]);
      expect(hidden.body.split(ref).join("REF")).toBe(none.body.split("FYR-CC-2026-99999").join("REF"));
    }
    const list = (await outsider.call("GET", "/api/v1/my/coordination/cases")).json<{ items: unknown[] }>();
    expect(list.items).toEqual([]);
  });

  it("lets each participant set only its own status, kept with history; others never see it", async () => {
    const { coordinator, a, b, ref, base, pa } = await caseWithTwo();
    const mine = `/api/v1/my/coordination/cases/${ref}`;
    const set = await a.call("POST", `${mine}/status`, { status: "mitigated", statement: "Patchat i natt" });
    expect(set.statusCode).toBe(200);
    expect(set.json<MyCaseDetail>().me.status).toBe("mitigated");
    const seenByB = (await b.call("GET", mine)).json<MyCaseDetail>();
    expect(seenByB.me.status).toBe("notified");
    expect(JSON.stringify(seenByB)).not.toContain("Patchat i natt");
    const detail = (await coordinator.call("GET", base)).json<CaseDetail>();
    const pA = detail.participants.find((p) => p.id === pa);
    expect(pA?.history.map((h) => [h.status, h.changedVia])).toEqual([["mitigated", "member"]]);
    expect(pA?.firstViewedAt).not.toBeNull();
    // The coordinator may set it too, by the participant's id.
    const byCoord = await coordinator.call("POST", `${base}/participants/${pa}/status`, { status: "fixed" });
    expect(byCoord.json<CaseDetail>().participants.find((p) => p.id === pa)?.history).toHaveLength(2);
  });

  it("keeps TLP:RED posts from a staff observer, who reads but never writes", async () => {
    const { ref, base, pb, post } = await caseWithTwo();
    await post({ body: "red secret", to: [pb], tlp: "TLP:RED" });
    await post({ body: "amber news", to: "all" });
    const observer = await staff(app(), ["observer"]);
    const seen = (await observer.call("GET", base)).json<CaseDetail>();
    expect(seen.posts.map((p) => p.body)).toEqual(["amber news"]);
    expect((await observer.call("POST", `${base}/posts`, { body: "x", to: "all" })).statusCode).toBe(403);
    // A TLP:RED case is another coordinator's: 404 for the observer, listed nowhere.
    const other = await staff(app());
    const red = await other.call("POST", "/api/v1/coordination/cases", { title: "Röd", tlp: "TLP:RED" });
    const redRef = red.json<CaseDetail>().reference;
    expect((await observer.call("GET", `/api/v1/coordination/cases/${redRef}`)).statusCode).toBe(404);
    const list = (await observer.call("GET", "/api/v1/coordination/cases?limit=500")).json<{
      items: { reference: string }[];
    }>();
    expect(list.items.map((i) => i.reference)).toContain(ref);
    expect(list.items.map((i) => i.reference)).not.toContain(redRef);
  });

  it("mails contacts in their language and takes a reply back into the right thread, for its participant only", async () => {
    const { coordinator, a, b, ref, base, pa, pb, post } = await caseWithTwo();
    await coordinator.call("POST", `${base}/participants/${pa}/notify`, {});
    const notified = await coordinator.call("POST", `${base}/participants/${pb}/notify`, {});
    const pB = notified.json<CaseDetail>().participants.find((p) => p.id === pb);
    expect(pB?.notifiedAddresses).toEqual([b.contact]);
    const mails = async (to: string) =>
      app()
        .fyr.deps.db.selectFrom("mail_messages")
        .selectAll()
        .where(sql<boolean>`recipients @> array[${to}]::text[]`)
        .orderBy("created_at")
        .execute();
    expect((await mails(a.contact))[0]?.text_body).toContain("CERT:en samordnar");
    expect((await mails(b.contact))[0]?.text_body).toContain("The CERT is coordinating");

    await post({ body: "Please confirm the version", to: [pb] });
    const toB = (await mails(b.contact)).at(-1);
    expect(toB?.text_body).toContain("Please confirm the version");
    expect((await mails(a.contact)).some((m) => m.text_body.includes("Please confirm"))).toBe(false);

    const domain = "example.test";
    const raw = [
      `From: ${b.contact}`,
      "To: cert@localhost",
      `Subject: Re: [${ref}] answer`,
      `Message-ID: <reply-${Math.random().toString(36).slice(2)}@${domain}>`,
      `In-Reply-To: <${toB?.id ?? ""}@localhost>`,
      "Content-Type: text/plain; charset=utf-8",
      "",
      "Version 4.2 is affected.",
      "",
      "> Please confirm the version",
      "",
    ].join("\r\n");
    const result = await ingestMail(
      {
        ...app().fyr.deps,
        logger: createLogger("silent"),
        keyring: emptyKeyring,
        coordinationMail: takeCoordinationMail,
      },
      Buffer.from(raw),
      "import",
    );
    expect(result.reference).toBe(ref);
    const detail = (await coordinator.call("GET", base)).json<CaseDetail>();
    const question = detail.posts.find((p) => p.body === "Please confirm the version");
    const answer = detail.posts.find((p) => p.body === "Version 4.2 is affected.");
    expect(answer?.threadId).toBe(question?.id);
    expect(answer?.author.kind).toBe("participant");
    const mine = `/api/v1/my/coordination/cases/${ref}`;
    expect(bodies((await b.call("GET", mine)).json<MyCaseDetail>())).toContain("Version 4.2 is affected.");
    expect(bodies((await a.call("GET", mine)).json<MyCaseDetail>())).not.toContain("Version 4.2 is affected.");
  });

  it("lets report material reach only participants the reporter consented to, and tells the coordinator why", async () => {
    const { coordinator, a, b, ref, post, pb } = await caseWithTwo();
    const filed = await app().fyr.http.inject({
      method: "POST",
      url: "/api/public/v1/reports",
      remoteAddress: randomClientAddress(),
      payload: minimalReport({
        whatHappened: "Intrång från 192.0.2.77 mot vår VPN",
        sharingConsent: { information: "affected-organisations", data: "none", logs: "none" },
      }),
    });
    expect(filed.statusCode).toBe(201);
    const report = filed.json<{ reference: string }>().reference;
    await app().fyr.runDueJobs();
    const posted = await post({
      body: "From the report",
      to: "all",
      material: [{ report, kinds: ["text", "observables"] }],
    });
    expect(posted.statusCode).toBe(201);
    const staffPost = posted.json<CaseDetail>().posts.find((p) => p.body === "From the report");
    const text = staffPost?.material.find((m) => m.kind === "text");
    const values = staffPost?.material.find((m) => m.kind === "observables");
    expect(text?.withheld).toEqual([{ participantId: pb, reason: "no-consent" }]);
    expect(values?.withheld?.map((w) => w.reason)).toEqual(["no-consent", "no-consent"]);
    const mine = `/api/v1/my/coordination/cases/${ref}`;
    const seenByA = (await a.call("GET", mine)).json<MyCaseDetail>().posts.find((p) => p.body === "From the report");
    const seenByB = (await b.call("GET", mine)).json<MyCaseDetail>().posts.find((p) => p.body === "From the report");
    expect(seenByA?.material.map((m) => m.kind)).toEqual(["text"]);
    expect(seenByB?.material).toEqual([]);
    expect(JSON.stringify(seenByB)).not.toContain("192.0.2.77");
    expect(coordinator).toBeDefined();
  });

  it("reminds the coordinator once before the embargo ends", async () => {
    const { coordinator, base } = await caseWithTwo();
    const soon = new Date(app().clock.now().getTime() + 3 * 3_600_000).toISOString();
    expect((await coordinator.call("PATCH", base, { embargoUntil: soon })).statusCode).toBe(200);
    const deps = { db: app().fyr.deps.db, clock: app().clock, config: app().fyr.deps.config };
    expect(await remindEmbargoes(deps)).toBeGreaterThanOrEqual(1);
    expect(await remindEmbargoes(deps)).toBe(0);
    const audit = await app()
      .fyr.deps.db.selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", base.split("/").at(-1) ?? "")
      .execute();
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        "coordination.case_created",
        "coordination.participant_added",
        "coordination.embargo_reminded",
      ]),
    );
  });

  it("documents its routes in the OpenAPI document", async () => {
    const res = await app().fyr.http.inject({ url: "/api/openapi.json" });
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/v1/coordination/cases/{reference}/posts",
        "/api/v1/my/coordination/cases/{reference}",
      ]),
    );
  });
});
