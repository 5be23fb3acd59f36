// Server-rendered HTML (the portal without JavaScript): every value that came from a person or the
// configuration goes through `escapeHtml`; markup is built from these few pieces, never from input.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text safe inside an element or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Markup already escaped (the result of `html`), kept apart from plain strings by its type. */
export interface Html {
  readonly html: string;
}

export type HtmlValue = Html | string | number | null | undefined | false | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  if (typeof value === "object" && "html" in value) return value.html;
  return escapeHtml(String(value));
}

/** A template tag: interpolated strings are escaped, Html values (and arrays of them) are kept. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? "";
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? "");
  });
  return { html: out };
}
