import { Marked, type Tokens } from "marked";
import { escapeHtml } from "../../platform/http/html.js";

// An advisory's body and measures are Markdown written by staff and shown to the public: rendered with
// marked, but never trusted. Raw HTML in the source (a block or inline tag) is shown as text, not
// markup; links keep only http(s) and mailto targets (javascript:, data:, vbscript: and relative ones
// become plain text); images become links, so a page never loads a third party's pixel.

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

function safeHref(href: string): string | null {
  const trimmed = href.trim();
  return SAFE_LINK.test(trimmed) ? trimmed : null;
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(text);
    },
    link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link): string {
      const text = this.parser.parseInline(token.tokens);
      const href = safeHref(token.href);
      if (href === null) return text;
      const title = token.title ? ` title="${escapeHtml(token.title)}"` : "";
      return `<a href="${escapeHtml(href)}"${title} rel="noopener noreferrer">${text}</a>`;
    },
    image({ href, text }: Tokens.Image): string {
      const safe = safeHref(href);
      const label = escapeHtml(text || href);
      return safe === null ? label : `<a href="${escapeHtml(safe)}" rel="noopener noreferrer">${label}</a>`;
    },
  },
});

/** Markdown as inert HTML for the public pages and feeds. */
export function renderMarkdown(source: string): string {
  const out = marked.parse(source, { async: false });
  return typeof out === "string" ? out : "";
}
