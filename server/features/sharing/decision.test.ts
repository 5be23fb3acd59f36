import { describe, expect, it } from "vitest";
import type { PapLabel } from "../../../contract/incidents.js";
import type { TlpLabel } from "../../../contract/intake.js";
import {
  type Audience,
  type Material,
  type MaterialConsent,
  type ShareDecision,
  consentQuestionsFor,
  countWithheld,
  decideSharing,
} from "./decision.js";

const AFFECTED = "org-affected";
const OTHER = "org-other";
const NAMED = "org-named";

function material(over: Partial<Material> & { answer?: MaterialConsent } = {}): Material {
  const { answer = "third-parties", ...rest } = over;
  return {
    kind: "observable",
    tlp: "TLP:GREEN",
    pap: "PAP:GREEN",
    consent: { data: answer },
    namedRecipients: [NAMED],
    affectedOrganisations: [AFFECTED],
    ...rest,
  };
}

const member = (organisationId: string): Audience => ({ kind: "member-organisation", organisationId });
const partner = (organisationId: string, maxTlp: TlpLabel = "TLP:GREEN"): Audience => ({
  kind: "partner",
  organisationId,
  maxTlp,
});
const forum = (maxTlp: TlpLabel): Audience => ({ kind: "forum", forumId: "f1", maxTlp });
const participant = (organisationId: string, maxTlp: TlpLabel, affected = false): Audience => ({
  kind: "coordination-participant",
  caseId: "c1",
  organisationId,
  affected,
  maxTlp,
});
const PUBLIC: Audience = { kind: "public" };

const ok = (mayAct = true): ShareDecision => ({ allowed: true, mayAct });
const no = (reason: Extract<ShareDecision, { allowed: false }>["reason"]): ShareDecision => ({
  allowed: false,
  reason,
});

describe("decideSharing: TLP × audience", () => {
  const rows: [TlpLabel, Audience, ShareDecision][] = [
    ["TLP:CLEAR", PUBLIC, ok()],
    ["TLP:GREEN", PUBLIC, no("tlp-above-audience")],
    ["TLP:GREEN", member(OTHER), ok()],
    ["TLP:GREEN", partner(OTHER), ok()],
    ["TLP:GREEN", forum("TLP:GREEN"), ok()],
    ["TLP:GREEN", forum("TLP:CLEAR"), no("tlp-above-audience")],
    ["TLP:AMBER", member(AFFECTED), ok()],
    ["TLP:AMBER", member(OTHER), no("tlp-above-audience")],
    ["TLP:AMBER", partner(OTHER), no("tlp-above-audience")],
    ["TLP:AMBER", partner(OTHER, "TLP:AMBER"), ok()],
    ["TLP:AMBER", forum("TLP:AMBER"), ok()],
    ["TLP:AMBER", participant(OTHER, "TLP:AMBER"), ok()],
    ["TLP:AMBER", participant(OTHER, "TLP:GREEN"), no("tlp-above-audience")],
    ["TLP:AMBER", PUBLIC, no("tlp-above-audience")],
    // A partner's agreement, a forum's maximum or a case's TLP never lifts anyone past AMBER.
    ["TLP:AMBER+STRICT", partner(OTHER, "TLP:RED"), no("tlp-amber-strict")],
    ["TLP:AMBER+STRICT", member(AFFECTED), no("tlp-amber-strict")],
    ["TLP:AMBER+STRICT", forum("TLP:RED"), no("tlp-amber-strict")],
    ["TLP:AMBER+STRICT", member(NAMED), ok()],
    ["TLP:RED", member(AFFECTED), no("tlp-red")],
    ["TLP:RED", partner(OTHER, "TLP:RED"), no("tlp-red")],
    ["TLP:RED", forum("TLP:RED"), no("tlp-red")],
    ["TLP:RED", participant(OTHER, "TLP:RED", true), no("tlp-red")],
    ["TLP:RED", PUBLIC, no("tlp-red")],
    ["TLP:RED", member(NAMED), ok()],
    ["TLP:RED", partner(NAMED), ok()],
    ["TLP:RED", participant(NAMED, "TLP:RED"), ok()],
    // Named, but the case itself is only AMBER: a RED value does not enter it.
    ["TLP:RED", participant(NAMED, "TLP:AMBER"), no("tlp-above-audience")],
  ];
  it.each(rows)("%s to %j → %j", (tlp, audience, expected) => {
    expect(decideSharing(material({ tlp, pap: "PAP:CLEAR" }), audience)).toEqual(expected);
  });
});

describe("decideSharing: consent × audience", () => {
  const rows: [MaterialConsent, Audience, ShareDecision][] = [
    ["none", member(AFFECTED), no("no-consent")],
    ["none", partner(OTHER), no("no-consent")],
    ["affected-organisations", member(AFFECTED), ok()],
    ["affected-organisations", member(OTHER), no("no-consent")],
    ["affected-organisations", partner(OTHER), no("no-consent")],
    ["affected-organisations", forum("TLP:GREEN"), no("no-consent")],
    ["affected-organisations", participant(OTHER, "TLP:AMBER", true), ok()],
    ["affected-organisations", participant(OTHER, "TLP:AMBER", false), no("no-consent")],
    ["affected-organisations", participant(AFFECTED, "TLP:AMBER", false), ok()],
    ["third-parties", partner(OTHER), ok()],
    ["third-parties", forum("TLP:GREEN"), ok()],
    ["not-applicable", partner(OTHER), ok()],
    ["not-applicable", member(OTHER), ok()],
  ];
  it.each(rows)("%s to %j → %j", (answer, audience, expected) => {
    expect(decideSharing(material({ answer }), audience)).toEqual(expected);
  });

  it("needs every question the material touches: a file needs data and logs consent", () => {
    const file = material({ kind: "file", consent: { data: "third-parties", logs: "none" } });
    expect(decideSharing(file, partner(OTHER))).toEqual(no("no-consent"));
    expect(
      decideSharing({ ...file, consent: { data: "third-parties", logs: "third-parties" } }, partner(OTHER)),
    ).toEqual(ok());
  });

  it("withholds on TLP before consent, so a RED value says RED, not consent", () => {
    expect(decideSharing(material({ tlp: "TLP:RED", answer: "none" }), partner(OTHER))).toEqual(no("tlp-red"));
  });

  it("a named recipient still needs the reporters' consent", () => {
    expect(decideSharing(material({ tlp: "TLP:RED", answer: "none" }), member(NAMED))).toEqual(no("no-consent"));
  });
});

describe("decideSharing: PAP", () => {
  const rows: [PapLabel, Audience, ShareDecision][] = [
    ["PAP:CLEAR", PUBLIC, ok(true)],
    ["PAP:GREEN", PUBLIC, no("pap-public")],
    ["PAP:RED", PUBLIC, no("pap-public")],
    ["PAP:GREEN", partner(OTHER), ok(true)],
    ["PAP:AMBER", partner(OTHER), ok(false)],
    ["PAP:RED", member(AFFECTED), ok(false)],
  ];
  it.each(rows)("%s to %j → %j", (pap, audience, expected) => {
    expect(decideSharing(material({ tlp: "TLP:CLEAR", pap }), audience)).toEqual(expected);
  });
});

describe("consentQuestionsFor", () => {
  it("asks information of the incident and notes, data of values, logs of values read from files", () => {
    expect(consentQuestionsFor("incident")).toEqual(["information"]);
    expect(consentQuestionsFor("note")).toEqual(["information"]);
    expect(consentQuestionsFor("observable")).toEqual(["data"]);
    expect(consentQuestionsFor("observable", true)).toEqual(["logs"]);
    expect(consentQuestionsFor("file")).toEqual(["data", "logs"]);
  });
});

describe("countWithheld", () => {
  it("counts withheld decisions by reason and ignores what went", () => {
    expect(countWithheld([no("no-consent"), ok(), no("no-consent"), no("tlp-red"), no("no-consent")])).toEqual({
      "no-consent": 3,
      "tlp-red": 1,
    });
  });
});
