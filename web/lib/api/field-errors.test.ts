import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { messages } from "../i18n/messages.js";
import { ApiError } from "./client.js";
import { errorMessage } from "./errors.js";
import { fieldErrorMessage } from "./field-errors.js";

async function tFor(language: "sv" | "en") {
  const i18n = createInstance();
  await i18n.init({
    resources: { sv: { translation: messages.sv }, en: { translation: messages.en } },
    lng: language,
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

describe("a server's field error, in the reader's language", () => {
  it("words a weak password from its code, never the server's English", async () => {
    const problem = { code: "too_common", message: "The password is a commonly used password" };
    expect(fieldErrorMessage(await tFor("sv"), "sv", problem)).toBe(
      "Lösenordet är för vanligt. Välj ett som är svårare att gissa.",
    );
    expect(fieldErrorMessage(await tFor("en"), "en", problem)).toMatch(/^The password is too common/);
  });

  it("states a limit in the reader's units: bytes as MB, characters as a number", async () => {
    const file = { code: "file_too_large", message: "A file may be at most 1.5 MB", params: { limit: 1_572_864 } };
    expect(fieldErrorMessage(await tFor("sv"), "sv", file)).toBe("En fil får vara högst 1,5 MB.");
    expect(fieldErrorMessage(await tFor("en"), "en", file)).toBe("A file may be at most 1.5 MB.");
    const short = { code: "too_short", message: "…", params: { limit: 12 } };
    expect(fieldErrorMessage(await tFor("sv"), "sv", short)).toBe("Minst 12 tecken.");
  });

  it("words an unknown field code generically", async () => {
    expect(fieldErrorMessage(await tFor("sv"), "sv", { code: "from_the_future", message: "x" })).toBe(
      "Värdet kan inte användas här.",
    );
  });

  it("words the deprecated cursor_invalid like invalid_cursor, for one release", async () => {
    const t = await tFor("sv");
    expect(errorMessage(t, new ApiError(400, "cursor_invalid", "x"))).toBe(
      errorMessage(t, new ApiError(400, "invalid_cursor", "x")),
    );
  });
});
