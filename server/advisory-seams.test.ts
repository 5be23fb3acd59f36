import { beforeAll, describe, expect, it } from "vitest";
import type { CampaignList } from "../contract/mailing-lists.js";
import { useTestApp } from "../test/support/app.js";
import { type Team, caller, makeTeam, publishedAdvisory } from "./features/advisories/test-fixtures.js";

// The advisories joined to their neighbours in the composition root: a publication is mailed to its
// kind's list in the publication's transaction, and only what anyone may read (CLEAR, GREEN) is mailed.

const app = useTestApp({ FYR_PUBLIC_URL: "https://fyr.example" });
const call = caller(app);
let team: Team;
beforeAll(async () => {
  team = await makeTeam(app());
});

async function campaignsFor(trackingId: string) {
  const res = await call("GET", "/api/v1/lists/campaigns?limit=500", team.author);
  expect(res.statusCode).toBe(200);
  return res.json<CampaignList>().items.filter((c) => c.sourceRef === trackingId);
}

describe("a published advisory and the mailing lists", () => {
  it("mails an advisory to the advisories list and a flash alert to the flash list, with the title and the page", async () => {
    const advisory = await publishedAdvisory(call, team);
    const [mailed] = await campaignsFor(advisory.trackingId);
    expect(mailed?.list).toBe("advisories");
    expect(mailed?.subject).toBe(`[${advisory.trackingId}] Kritisk sårbarhet i Exempel VPN`);

    const flash = await publishedAdvisory(call, team, { kind: "flash", title: "Blixtmeddelande: aktiv attack" });
    expect((await campaignsFor(flash.trackingId)).map((c) => c.list)).toEqual(["flash"]);
  });

  it("never mails a TLP:AMBER or TLP:RED advisory to the public lists", async () => {
    for (const tlp of ["TLP:AMBER", "TLP:RED"] as const) {
      const { trackingId } = await publishedAdvisory(call, team, { tlp });
      expect(await campaignsFor(trackingId)).toEqual([]);
    }
  });
});
