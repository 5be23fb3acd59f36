import { describe, expect, it } from "vitest";
import type { Playbook } from "../../../../contract/playbooks.js";
import { PlaybookCreate, PlaybookPatch } from "../../../../contract/playbooks.js";
import { groupedFingerprint, hasExpired } from "./fingerprint.js";
import { unknownPlaceholders } from "./placeholders.js";
import { draftFrom, emptyDraft, moved, replaced, toCreate, toPatch, without } from "./playbook-draft.js";

const stored: Playbook = {
  id: "7b0c1f6e-3d1c-4c53-9a55-2f1b8f0b7a10",
  rsitClass: "fraud",
  name: { sv: "Nätfiske", en: "Phishing" },
  description: { sv: "Beskrivning", en: "Description" },
  tasks: [
    {
      title: { sv: "Spärra konton", en: "Disable accounts" },
      checklist: [{ sv: "Byt lösenord", en: "Reset passwords" }],
    },
    { title: { sv: "Varna andra", en: "Warn others" }, checklist: [] },
  ],
  version: 3,
  updatedAt: "2026-11-20T08:00:00Z",
  archivedAt: null,
};

describe("the playbook editor's draft", () => {
  it("round-trips a stored playbook into a valid patch naming the version read", () => {
    const patch = toPatch(draftFrom(stored), stored.version);
    expect(PlaybookPatch.parse(patch)).toEqual({
      version: 3,
      rsitClass: "fraud",
      name: stored.name,
      description: stored.description,
      tasks: stored.tasks,
    });
  });

  it("starts a new playbook with one empty task, offered for every class", () => {
    const body = toCreate(emptyDraft());
    expect(body.rsitClass).toBeNull();
    expect(body.tasks).toHaveLength(1);
    // Empty names are refused by the contract, so the server answers with the fields to fill in.
    expect(PlaybookCreate.safeParse(body).success).toBe(false);
  });

  it("drops a class the taxonomy does not know rather than sending it back", () => {
    expect(draftFrom({ ...stored, rsitClass: "retired-class" }).rsitClass).toBe("");
  });

  it("moves, removes and replaces tasks without touching the original list", () => {
    const list = ["a", "b", "c"];
    expect(moved(list, 0, 1)).toEqual(["b", "a", "c"]);
    expect(moved(list, 2, -1)).toEqual(["a", "c", "b"]);
    expect(moved(list, 0, -1)).toEqual(list);
    expect(moved(list, 2, 1)).toEqual(list);
    expect(without(list, 1)).toEqual(["a", "c"]);
    expect(replaced(list, 1, "B")).toEqual(["a", "B", "c"]);
    expect(list).toEqual(["a", "b", "c"]);
  });

  it("gives every task and checklist item its own key", () => {
    const draft = draftFrom(stored);
    const keys = [...draft.tasks.map((t) => t.key), ...draft.tasks.flatMap((t) => t.checklist.map((i) => i.key))];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("advice template placeholders", () => {
  it("names only the unknown ones, once each, in order", () => {
    expect(unknownPlaceholders("Incident {reference}: {title}", "Hej {reporterName}, från {certName}")).toEqual([]);
    expect(unknownPlaceholders("{referens} {reference} {namn}", "{referens}")).toEqual(["referens", "namn"]);
  });

  it("ignores braces that cannot be placeholders but flags doubled ones", () => {
    expect(unknownPlaceholders("{} { spaced }", 'json: {"a": 1}')).toEqual([]);
    expect(unknownPlaceholders("{{reporterName}} {{namn}}")).toEqual(["namn"]);
  });
});

describe("OpenPGP keys", () => {
  it("show fingerprints in groups of four", () => {
    expect(groupedFingerprint("0123456789abcdef0123456789ABCDEF01234567")).toBe(
      "0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567",
    );
    expect(groupedFingerprint("not hex")).toBe("not hex");
  });

  it("have expired once their expiry has passed; none means never", () => {
    const now = Date.parse("2026-11-20T08:00:00Z");
    expect(hasExpired(null, now)).toBe(false);
    expect(hasExpired("2026-11-20T07:59:59Z", now)).toBe(true);
    expect(hasExpired("2027-01-01T00:00:00Z", now)).toBe(false);
  });
});
