import en from "../../../web/lib/i18n/en.json" with { type: "json" };
import sv from "../../../web/lib/i18n/sv.json" with { type: "json" };
import type { ReportLanguage } from "../../../contract/intake.js";

// The portal's words for the pages the server renders itself (the portal without JavaScript): the
// same files the web reads (web/lib/i18n), so a reporter meets the same questions either way.

type Tree = { readonly [key: string]: string | Tree };
const MESSAGES: Record<ReportLanguage, Tree> = { sv, en };

/** A lookup of the portal's words in one language: `word("intake.q.summary")`, `{{name}}` filled in. */
export type Words = (key: string, values?: Record<string, string | number>) => string;

export function portalWords(language: ReportLanguage): Words {
  return (key, values = {}) => {
    let node: string | Tree | undefined = MESSAGES[language];
    for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
    // A missing word shows its key (a test walks every key these pages use).
    const text = typeof node === "string" ? node : key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(values[name] ?? ""));
  };
}

/** The reader's language without JavaScript: `?lang=`, else the first of sv/en in Accept-Language. */
export function requestLanguage(query: unknown, acceptLanguage: string | undefined): ReportLanguage {
  const asked = typeof query === "object" && query !== null && "lang" in query ? query.lang : undefined;
  if (asked === "sv" || asked === "en") return asked;
  for (const range of (acceptLanguage ?? "").split(",")) {
    const tag = range.split(";")[0]?.trim().toLowerCase() ?? "";
    if (tag.startsWith("sv")) return "sv";
    if (tag.startsWith("en")) return "en";
  }
  return "sv";
}
