import { createHash } from "node:crypto";
import { XMLParser } from "fast-xml-parser";
import { stripControlCharacters } from "../../../../contract/text.js";

// RSS 2.0 (rss/channel/item) and Atom (RFC 4287: feed/entry) read into one item shape. Text is kept
// plain: HTML in descriptions is reduced to its text (the console shows text, never a feed's markup).
// fast-xml-parser expands no external entities and caps DOCTYPE entities (its defaults: 1,000 of ≤ 10 KB).

export interface FeedItem {
  guid: string;
  contentHash: string;
  title: string;
  link: string | null;
  summary: string;
  publishedAt: Date | null;
}

export class FeedFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FeedFormatError";
  }
}

const MAX_ITEMS = 500;
const MAX_TITLE = 500;
const MAX_SUMMARY = 4000;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  cdataPropName: false,
  trimValues: true,
  parseTagValue: false,
  isArray: (name) => name === "item" || name === "entry" || name === "link",
});

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** The text of an element that may be a string, a node with #text, or absent. */
function textOf(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (isNode(v)) return textOf(v["#text"]);
  if (Array.isArray(v)) return textOf(v[0]);
  return "";
}

/** HTML to its text: tags dropped (scripts and styles with their content), entities the parser left decoded. */
export function plainText(html: string): string {
  // Feeds are others' text: control characters are dropped here, not refused (contract/text.ts).
  return stripControlCharacters(html)
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<br\s*\/?>|<\/p>/gi, "\n")
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .replace(/\s*\n\s*/g, "\n")
    .trim();
}

function dateOf(text: string): Date | null {
  if (text === "") return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

const httpLink = (v: string): string | null => (/^https?:\/\//i.test(v.trim()) ? v.trim() : null);

function atomLink(links: unknown): string | null {
  if (!Array.isArray(links)) return null;
  const nodes = links.filter(isNode);
  const alternate = nodes.find((l) => l["@_rel"] === undefined || l["@_rel"] === "alternate") ?? nodes[0];
  return alternate ? httpLink(textOf(alternate["@_href"])) : null;
}

function item(raw: { guid: string; title: string; link: string | null; summary: string; published: string }): FeedItem {
  const title = plainText(raw.title).slice(0, MAX_TITLE) || "(untitled)";
  const summary = plainText(raw.summary).slice(0, MAX_SUMMARY);
  const contentHash = createHash("sha256")
    .update(`${title}\n${raw.link ?? ""}\n${summary}`)
    .digest("hex");
  return {
    guid: (raw.guid.trim() || raw.link || contentHash).slice(0, 1000),
    contentHash,
    title,
    link: raw.link,
    summary,
    publishedAt: dateOf(raw.published),
  };
}

/** The items of an RSS 2.0 or Atom document, at most 500; anything else is a FeedFormatError. */
export function parseFeed(xml: string): FeedItem[] {
  let doc: unknown;
  try {
    doc = parser.parse(xml, true);
  } catch (err) {
    throw new FeedFormatError(
      `not well-formed XML: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
    );
  }
  if (!isNode(doc)) throw new FeedFormatError("not an RSS or Atom feed");
  const rss = doc.rss;
  if (isNode(rss) && isNode(rss.channel)) {
    const items = Array.isArray(rss.channel.item) ? rss.channel.item.filter(isNode) : [];
    return items.slice(0, MAX_ITEMS).map((i) =>
      item({
        guid: textOf(i.guid),
        title: textOf(i.title),
        link: httpLink(textOf(i.link)),
        summary: textOf(i.description) || textOf(i["content:encoded"]),
        published: textOf(i.pubDate) || textOf(i["dc:date"]),
      }),
    );
  }
  const feed = doc.feed;
  if (isNode(feed)) {
    const entries = Array.isArray(feed.entry) ? feed.entry.filter(isNode) : [];
    return entries.slice(0, MAX_ITEMS).map((e) =>
      item({
        guid: textOf(e.id),
        title: textOf(e.title),
        link: atomLink(e.link),
        summary: textOf(e.summary) || textOf(e.content),
        published: textOf(e.published) || textOf(e.updated),
      }),
    );
  }
  throw new FeedFormatError("not an RSS 2.0 or Atom feed (no rss/channel or feed element)");
}

/** CVE ids a text names, upper-cased, each once. */
export function cvesIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\bCVE-\d{4}-\d{4,19}\b/gi)].map((m) => m[0].toUpperCase()))];
}
