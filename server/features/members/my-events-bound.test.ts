import { describe, expect, it } from "vitest";
import { useTestApp } from "../../../test/support/app.js";
import { randomClientAddress } from "../../../test/support/auth.js";
import { makeFeedEvents } from "../feeds/test-fixtures.js";
import { makeMember, makeOrganisation, signInMember } from "./test-fixtures.js";

// A download is whole or refused: past FYR_EVENT_EXPORT_MAX events the member is told to ask for a shorter
// window (413, naming the limit) before a byte of CSV goes out.

const app = useTestApp({ FYR_EVENT_EXPORT_MAX: "3" });

describe("a member's event download", () => {
  it("refuses a window with more events than one download holds, and serves a shorter one whole", async () => {
    const org = await makeOrganisation(app());
    const day = (d: number) => new Date(Date.UTC(2026, 10, d, 12)).toISOString();
    await makeFeedEvents(
      app(),
      [1, 2, 3, 4].map((d) => ({ time: day(d), ip: `192.0.2.${d}`, organisationId: org.id })),
    );
    const headers = await signInMember(app(), await makeMember(app(), org));
    const get = (url: string) =>
      app().fyr.http.inject({ method: "GET", url, headers, remoteAddress: randomClientAddress() });
    const all = await get("/api/v1/my/events?format=csv&from=2026-11-01&to=2026-11-30");
    expect(all.statusCode).toBe(413);
    expect(all.headers["content-type"]).toContain("application/problem+json");
    expect(all.json()).toMatchObject({
      code: "events_export_too_large",
      errors: [{ path: "querystring.from", params: { limit: 3 } }],
    });
    const part = await get("/api/v1/my/events?format=csv&from=2026-11-02&to=2026-11-04");
    expect(part.statusCode).toBe(200);
    expect(part.headers["content-disposition"]).toContain("events-2026-11-02-2026-11-04.csv");
    expect(part.body.trimEnd().split("\r\n")).toHaveLength(4);
  }, 60_000);
});
