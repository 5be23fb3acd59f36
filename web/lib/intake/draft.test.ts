import { describe, expect, it } from "vitest";
import { ReportSubmission } from "../../../contract/intake.js";
import { draftErrorsFromServer, emptyDraft, toSubmission, validateDraft } from "./draft.js";
import { checkFiles, formatBytes } from "./limits.js";

describe("the report draft", () => {
  it("asks only for what happened and one way to reach the reporter", () => {
    expect(validateDraft(emptyDraft())).toEqual({ whatHappened: "required", reporterEmail: "contactRequired" });
    expect(validateDraft({ ...emptyDraft(), whatHappened: "x", reporterPhone: "+46 8 123 456" })).toEqual({});
    expect(validateDraft({ ...emptyDraft(), whatHappened: "x", reporterEmail: "nope" })).toEqual({
      reporterEmail: "emailInvalid",
    });
  });

  it("becomes a submission the API accepts, blanks as not answered", () => {
    const draft = {
      ...emptyDraft(),
      whatHappened: "Intrång",
      reporterEmail: " anna@example.se ",
      ongoing: "yes" as const,
      discoveredAt: "2026-11-20T07:45",
      nis2Applies: "yes" as const,
      nis2AwareAt: "2026-07-01T12:00",
    };
    const submission = ReportSubmission.parse(toSubmission(draft, "sv"));
    expect(submission.reporter.email).toBe("anna@example.se");
    expect(submission.countermeasures).toBeNull();
    expect(submission.ongoing).toBe("yes");
    // Stockholm wall time: CET in November, CEST in July.
    expect(submission.discovery.discoveredAt).toBe("2026-11-20T06:45:00.000Z");
    expect(submission.nis2?.awareAt).toBe("2026-07-01T10:00:00.000Z");
    expect(submission.nis2?.applies).toBe(true);
    expect(submission.tlp).toBe("TLP:AMBER");
  });

  it("leaves NIS2 out until the reporter answers whether it applies", () => {
    expect(toSubmission({ ...emptyDraft(), whatHappened: "x" }, "en").nis2).toBeNull();
    expect(toSubmission({ ...emptyDraft(), nis2Applies: "unknown" }, "en").nis2?.applies).toBeNull();
  });

  it("maps the server's field paths, JSON or multipart, onto the form's fields", () => {
    expect(
      draftErrorsFromServer({
        "report.whatHappened": { code: "required" },
        reporter: { code: "contact_required" },
        "report.discovery.discoveredAt": { code: "invalid_format" },
        unrelated: { code: "invalid" },
      }),
    ).toEqual({ whatHappened: "required", reporterEmail: "contactRequired", discoveredAt: "invalid" });
  });
});

describe("attachment limits", () => {
  const file = (name: string, size: number) => ({ name, size }) as File;

  it("refuses a file over the per-file limit and files past the report's total", () => {
    const limits = { file: 10, total: 15 };
    const { accepted, problems } = checkFiles([file("a", 5)], [file("big", 11), file("b", 8), file("c", 5)], limits);
    expect(accepted.map((f) => f.name)).toEqual(["b"]);
    expect(problems).toEqual([{ kind: "file_too_large", name: "big" }, { kind: "total_too_large" }]);
  });

  it("states sizes in the server's units", () => {
    expect(formatBytes(25 * 1024 * 1024, "en")).toBe("25 MB");
    expect(formatBytes(1536, "sv")).toBe("1,5 KB");
  });
});
