import type { Config } from "../../../platform/config.js";
import { escapeHtml as x } from "../../../platform/http/html.js";
import { StoredContent } from "../content.js";
import type { PublicationListRow } from "../publications-store.js";
import { PUBLIC_WORDS } from "./words.js";

// RSS 2.0 and Atom (RFC 4287) feeds of the published advisories, one per language. Text is escaped
// for XML (the same five entities as HTML); the summary is plain text, the link goes to the page.

type Lang = "sv" | "en";

function entries(rows: readonly PublicationListRow[], lang: Lang, publicUrl: string) {
  return rows.map((r) => {
    const text = StoredContent.parse(r.content)[r.language];
    return {
      id: r.tracking_id,
      title: text?.title ?? r.tracking_id,
      summary: text?.summary ?? "",
      link: `${publicUrl}/advisories/${encodeURIComponent(r.tracking_id)}?lang=${lang}`,
      published: r.initial_release_at,
      updated: r.current_release_at,
      kind: PUBLIC_WORDS[lang].kinds[r.kind],
    };
  });
}

/** RSS 2.0: the newest advisories in `lang`. */
export function renderRss(
  lang: Lang,
  rows: readonly PublicationListRow[],
  config: Pick<Config, "publicUrl" | "cert">,
): string {
  const w = PUBLIC_WORDS[lang];
  const items = entries(rows, lang, config.publicUrl)
    .map(
      (e) =>
        `<item><title>${x(e.title)}</title><link>${x(e.link)}</link><guid isPermaLink="false">${x(`${e.id}#${e.updated.toISOString()}`)}</guid><pubDate>${e.updated.toUTCString()}</pubDate><category>${x(e.kind)}</category><description>${x(e.summary)}</description></item>`,
    )
    .join("\n");
  const newest = rows[0]?.current_release_at;
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${x(`${config.cert.name}: ${w.listTitle}`)}</title>
<link>${x(`${config.publicUrl}/advisories?lang=${lang}`)}</link>
<atom:link href="${x(`${config.publicUrl}/advisories/feed.rss?lang=${lang}`)}" rel="self" type="application/rss+xml"/>
<description>${x(`${w.listIntro} ${config.cert.name}`)}</description>
<language>${lang === "sv" ? "sv-SE" : "en-GB"}</language>
${newest ? `<lastBuildDate>${newest.toUTCString()}</lastBuildDate>` : ""}
${items}
</channel>
</rss>
`;
}

/** Atom: the same entries, with ids that stay the same across revisions (updated moves on). */
export function renderAtom(
  lang: Lang,
  rows: readonly PublicationListRow[],
  config: Pick<Config, "publicUrl" | "cert">,
): string {
  const w = PUBLIC_WORDS[lang];
  const base = config.publicUrl;
  const list = entries(rows, lang, base);
  const updated = (rows[0]?.current_release_at ?? new Date(0)).toISOString();
  const items = list
    .map(
      (e) =>
        `<entry><id>${x(`${base}/advisories/${encodeURIComponent(e.id)}?lang=${lang}`)}</id><title>${x(e.title)}</title><link rel="alternate" type="text/html" href="${x(e.link)}"/><published>${e.published.toISOString()}</published><updated>${e.updated.toISOString()}</updated><category term="${x(e.kind)}"/><summary>${x(e.summary)}</summary></entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">
<id>${x(`${base}/advisories/feed.atom?lang=${lang}`)}</id>
<title>${x(`${config.cert.name}: ${w.listTitle}`)}</title>
<updated>${updated}</updated>
<author><name>${x(config.cert.name)}</name><uri>${x(config.cert.web)}</uri></author>
<link rel="self" type="application/atom+xml" href="${x(`${base}/advisories/feed.atom?lang=${lang}`)}"/>
<link rel="alternate" type="text/html" href="${x(`${base}/advisories?lang=${lang}`)}"/>
${items}
</feed>
`;
}
