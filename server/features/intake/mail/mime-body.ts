import { convert } from "html-to-text";

/** One body text part, decoded, with the multipart/alternative branches it sits in. */
export interface BodyPart {
  kind: "plain" | "html";
  text: string;
  flowed: boolean;
  delSp: boolean;
  /** Each multipart/alternative above the part, with the child of it (branch) the part is under. */
  path: { alt: object; branch: object }[];
}

// HTML larger than this is not converted (html-to-text is linear, but a report holds 50,000 characters).
const HTML_LIMIT_CHARS = 2_000_000;

const htmlOptions = {
  wordwrap: false as const,
  selectors: [
    // Table cells side by side, separated: a log table in a report must stay readable.
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false, colSpacing: 3 } },
    { selector: "a", options: { hideLinkHrefIfSameAsText: true } },
    { selector: "img", format: "skip" },
    { selector: "script", format: "skip" },
    { selector: "style", format: "skip" },
    { selector: "head", format: "skip" },
  ],
};

/** Readable text of an HTML body: scripts and styles dropped, table cells separated, links as "text [URL]". */
export function htmlAsText(html: string): string {
  try {
    return convert(html.slice(0, HTML_LIMIT_CHARS), htmlOptions);
  } catch {
    // A converter failure must not cost the report its body: strip the tags instead.
    return html.replace(/<(script|style)[\s\S]*?<\/\1\s*>/gi, " ").replace(/<[^>]*>/g, " ");
  }
}

/**
 * The HTML body as kept for viewing as text (it is stored as a file, never rendered): active content
 * removed — scripts, frames, objects, event handlers, javascript: URLs — links and text left as they came,
 * so the hrefs an analyst needs (and the extractor reads) stay.
 */
export function sanitisedHtml(html: string): string {
  return html
    .replace(/<(script|iframe|object|embed|applet)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<(script|iframe|object|embed|applet|meta|base|link)\b[^>]*>/gi, "")
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "")
    .replace(/(href|src|action)\s*=\s*(["']?)\s*javascript:[^"'\s>]*\2/gi, '$1="#"');
}

/** RFC 3676: joins format=flowed lines (soft breaks end in a space), undoing space-stuffing. */
export function unflow(text: string, delSp: boolean): string {
  const out: string[] = [];
  let current: string | null = null;
  for (const rawLine of text.split("\n")) {
    const line = rawLine.replace(/\r$/, "");
    const quote = /^>+/.exec(line)?.[0] ?? "";
    let content = line.slice(quote.length);
    if (content.startsWith(" ")) content = content.slice(1);
    const soft = content.endsWith(" ") && content !== "-- ";
    if (soft && delSp) content = content.slice(0, -1);
    current = current === null ? `${quote}${quote ? " " : ""}${content}` : current + content;
    if (!soft) {
      out.push(current);
      current = null;
    }
  }
  if (current !== null) out.push(current);
  return out.join("\n");
}

function score(part: BodyPart): number {
  if (!part.text.trim()) return 0;
  return part.kind === "plain" ? 2 : 1;
}

/**
 * The report's text from a message's body parts: in every multipart/alternative the branch with a
 * plain-text part wins, else the one with HTML (converted); parts outside any alternative all count,
 * in order — wherever the HTML part sits (multipart/related with inline images, an alternative with
 * only HTML, mixed with attachments).
 */
export function chooseBody(parts: BodyPart[]): string {
  const best = new Map<object, { branch: object; score: number }>();
  for (const part of parts) {
    const s = score(part);
    for (const { alt, branch } of part.path) {
      const current = best.get(alt);
      if (!current || s > current.score) best.set(alt, { branch, score: s });
    }
  }
  return parts
    .filter((p) => p.path.every(({ alt, branch }) => best.get(alt)?.branch === branch))
    .map((p) => (p.kind === "plain" && p.flowed ? unflow(p.text, p.delSp) : p.text).replace(/\r\n?/g, "\n").trim())
    .filter(Boolean)
    .join("\n\n");
}
