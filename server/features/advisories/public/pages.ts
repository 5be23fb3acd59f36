import type { Config } from "../../../platform/config.js";
import { type Html, html } from "../../../platform/http/html.js";
import { type CveFact, StoredContent } from "../content.js";
import { renderMarkdown } from "../markdown.js";
import type { PublicationListRow } from "../publications-store.js";
import type { AdvisoryTextContent } from "../types.js";
import { PUBLIC_WORDS } from "./words.js";

// The public advisory pages (/advisories, /advisories/{trackingId}), rendered on the server: readable
// without JavaScript, one stylesheet (print-friendly), each page linked to the other language.

type Lang = "sv" | "en";
const md = (source: string): Html => ({ html: renderMarkdown(source) });

function formatDate(at: Date, lang: Lang, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === "sv" ? "sv-SE" : "en-GB", { dateStyle: "long", timeZone }).format(at);
}

/** The lists' subscription form (double opt-in through the mailing lists' POST /lists/subscribe). */
function subscribeForm(lang: Lang): Html {
  const w = PUBLIC_WORDS[lang];
  return html`<section class="subscribe" id="subscribe" aria-labelledby="subscribe-title">
    <h2 id="subscribe-title">${w.subscribe}</h2>
    <p>${w.subscribeIntro}</p>
    <form method="post" action="/lists/subscribe">
      <input type="hidden" name="language" value="${lang}" />
      <p>
        <label for="subscribe-email">${w.email}</label>
        <input id="subscribe-email" type="email" name="email" required autocomplete="email" maxlength="254" />
      </p>
      <fieldset>
        <legend>${w.lists}</legend>
        ${(["advisories", "flash", "weekly"] as const).map(
          (l) =>
            html`<label
              ><input type="checkbox" name="lists" value="${l}" ${l !== "weekly" ? html`checked` : null} />
              ${w.listNames[l]}</label
            >`,
        )}
      </fieldset>
      <p><button type="submit">${w.subscribeButton}</button></p>
    </form>
  </section>`;
}

function shell(lang: Lang, title: string, config: Pick<Config, "cert">, alternate: Html | null, main: Html): string {
  const w = PUBLIC_WORDS[lang];
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} – ${config.cert.name}</title>
        <link rel="stylesheet" href="/advisories/advisories.css" />
        <link rel="alternate" type="application/rss+xml" title="RSS" href="/advisories/feed.rss?lang=${lang}" />
        <link rel="alternate" type="application/atom+xml" title="Atom" href="/advisories/feed.atom?lang=${lang}" />
        ${alternate}
      </head>
      <body>
        <a class="skip" href="#main">${w.skip}</a>
        <header>
          <p class="cert"><a href="/advisories?lang=${lang}">${config.cert.name}</a></p>
        </header>
        <main id="main">${main}${subscribeForm(lang)}</main>
        <footer>
          <p>
            <a href="/advisories/feed.rss?lang=${lang}">RSS</a> ·
            <a href="/advisories/feed.atom?lang=${lang}">Atom</a> ·
            <a href="/.well-known/csaf/provider-metadata.json">CSAF</a>
          </p>
        </footer>
      </body>
    </html>`.html;
}

/** The list of published advisories in one language. */
export function renderListPage(
  lang: Lang,
  rows: readonly PublicationListRow[],
  config: Pick<Config, "cert" | "timeZone">,
): string {
  const w = PUBLIC_WORDS[lang];
  const other: Lang = lang === "sv" ? "en" : "sv";
  const items = rows.map((r) => {
    // The English list shows an advisory not yet translated in Swedish, marked as such.
    const text = StoredContent.parse(r.content)[r.language];
    return html`<li>
      <article lang="${r.language}">
        <h2>
          <a href="/advisories/${encodeURIComponent(r.tracking_id)}?lang=${lang}">${text?.title ?? r.tracking_id}</a>
        </h2>
        <p class="meta">
          <span>${w.kinds[r.kind]}</span> · <span>${r.tracking_id}</span> ·
          <time datetime="${r.initial_release_at.toISOString()}"
            >${formatDate(r.initial_release_at, lang, config.timeZone)}</time
          >
          · <span>${r.tlp}</span>
        </p>
        <p>${text?.summary ?? ""}</p>
      </article>
    </li>`;
  });
  const main = html`<h1>${w.listTitle}</h1>
    <p>
      ${w.listIntro} ${config.cert.name}.
      <a href="/advisories?lang=${other}" hreflang="${other}" lang="${other}">${w.otherLanguage}</a>
    </p>
    ${
      rows.length === 0
        ? html`<p>${w.none}</p>`
        : html`<ol class="advisories">
            ${items}
          </ol>`
    }`;
  return shell(
    lang,
    w.listTitle,
    config,
    html`<link rel="alternate" hreflang="${other}" href="/advisories?lang=${other}" />`,
    main,
  );
}

export interface DetailInput {
  /** The publication shown (in `lang` when there is one, else the Swedish). */
  shown: PublicationListRow;
  /** The other language's publication, if any. */
  other: PublicationListRow | undefined;
  revisions: { number: number; summary: string; publishedAt: Date }[];
  signed: boolean;
}

function body(lang: Lang, text: AdvisoryTextContent, kind: string): Html {
  const w = PUBLIC_WORDS[lang];
  return html`<section>
      <h2>${w.summary}</h2>
      <p class="summary">${text.summary}</p>
    </section>
    ${
      text.items.length > 0
        ? html`<section>
            <h2>${w.news}</h2>
            ${text.items.map(
              (i) =>
                html`<article class="item">
                  <h3>${i.title}</h3>
                  <p>${i.text}</p>
                  <p class="meta">
                    ${w.source}: <a href="${i.source}" rel="noopener noreferrer">${i.source}</a> ·
                    <time datetime="${i.date}">${i.date}</time>
                  </p>
                </article>`,
            )}
          </section>`
        : null
    }
    ${text.body ? html`<section class="${kind === "weekly" ? "closing" : "body"}">${md(text.body)}</section>` : null}
    ${
      text.measures
        ? html`<section>
            <h2>${w.measures}</h2>
            ${md(text.measures)}
          </section>`
        : null
    }`;
}

/** The CVEs with their CVSS, KEV (date added, ransomware use) and EPSS as of the publication. */
function cveSection(lang: Lang, cves: readonly string[], facts: readonly CveFact[]): Html {
  const w = PUBLIC_WORDS[lang];
  const byCve = new Map(facts.map((f) => [f.cve, f]));
  const number = (n: number, digits: number) =>
    n.toLocaleString(lang === "sv" ? "sv-SE" : "en-GB", { maximumFractionDigits: digits });
  return html`<section class="cves">
    <h2>${w.cves}</h2>
    <table>
      <thead>
        <tr>
          <th scope="col">${w.cves}</th>
          <th scope="col">${w.cvss}</th>
          <th scope="col">${w.kev}</th>
          <th scope="col">${w.epss}</th>
        </tr>
      </thead>
      <tbody>
        ${cves.map((c) => {
          const f = byCve.get(c);
          const kev = f?.kev;
          return html`<tr>
            <th scope="row"><a href="https://www.cve.org/CVERecord?id=${c}" rel="noopener noreferrer">${c}</a></th>
            <td>
              ${f?.cvss ? html`${number(f.cvss.baseScore, 1)} <small>(CVSS ${f.cvss.version})</small>` : w.noData}
            </td>
            <td>
              ${kev ? html`${w.kevAdded(kev.dateAdded)}${kev.knownRansomwareCampaignUse === "Known" ? html`<br />${w.ransomware}` : null}` : f ? w.notInKev : w.noData}
            </td>
            <td>
              ${f?.epss ? w.epssValue(number(f.epss.score, 3), number(f.epss.percentile, 3), f.epss.date) : w.noData}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
    ${facts.length > 0 ? html`<p class="meta">${w.cveFactsNote}</p>` : null}
  </section>`;
}

/** One advisory in one language, with the facts of its release and links to its CSAF document. */
export function renderDetailPage(lang: Lang, input: DetailInput, config: Pick<Config, "cert" | "timeZone">): string {
  const w = PUBLIC_WORDS[lang];
  const { shown, other } = input;
  const content = StoredContent.parse(shown.content);
  const textLang: Lang = shown.language;
  const text = content[textLang];
  if (!text) throw new Error("a publication without its text");
  const otherLang: Lang = lang === "sv" ? "en" : "sv";
  const otherHref = `/advisories/${encodeURIComponent(shown.tracking_id)}?lang=${otherLang}`;
  const csafHref = `/.well-known/csaf/${shown.path}`;
  const lag =
    textLang === "en" && other && other.revision > shown.revision
      ? html`<p class="notice">${w.lagging(shown.revision, other.revision)}</p>`
      : null;
  const onlySv = lang === "en" && textLang === "sv" ? html`<p class="notice">${w.onlySwedish}</p>` : null;
  const products =
    content.products.length > 0
      ? html`<section>
          <h2>${w.products}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">${w.vendor}</th>
                <th scope="col">${w.product}</th>
                <th scope="col">${w.versions}</th>
              </tr>
            </thead>
            <tbody>
              ${content.products.map(
                (p) =>
                  html`<tr>
                    <td>${p.vendor}</td>
                    <td>${p.product}</td>
                    <td>${(p.versions ?? []).join(", ")}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </section>`
      : null;
  const main = html`<article lang="${textLang}">
      <p class="kind">${w.kinds[content.kind]} · ${shown.tracking_id} · ${shown.tlp}</p>
      <h1>${text.title}</h1>
      ${onlySv}${lag}
      <p class="meta">
        ${w.published}
        <time datetime="${shown.initial_release_at.toISOString()}"
          >${formatDate(shown.initial_release_at, lang, config.timeZone)}</time
        >${
          shown.revision > 1
            ? html` · ${w.updated}
                <time datetime="${shown.current_release_at.toISOString()}"
                  >${formatDate(shown.current_release_at, lang, config.timeZone)}</time
                >
                (${w.revision} ${shown.revision})`
            : null
        }
      </p>
      ${body(textLang, text, content.kind)}
      ${content.cves.length > 0 ? cveSection(lang, content.cves, content.cveFacts ?? []) : null}
      ${content.kind !== "weekly" ? html`<p><strong>${w.exploitation}:</strong> ${w.exploitationWords[content.exploitation]}</p>` : null}
      ${products}
      ${
        content.references.length > 0
          ? html`<section>
              <h2>${w.references}</h2>
              <ul>
                ${content.references.map((r) => html`<li><a href="${r}" rel="noopener noreferrer">${r}</a></li>`)}
              </ul>
            </section>`
          : null
      }
      <section>
        <h2>${w.history}</h2>
        <ol>
          ${input.revisions.map((r) => html`<li><time datetime="${r.publishedAt.toISOString()}">${formatDate(r.publishedAt, lang, config.timeZone)}</time>: ${r.summary}</li>`)}
        </ol>
      </section>
      <p class="csaf">
        <a href="${csafHref}" type="application/json">${w.csaf}</a
        >${input.signed ? html` · <a href="${csafHref}.asc">${w.signature}</a>` : null}
      </p>
    </article>
    <nav>
      <p>
        <a href="${otherHref}" hreflang="${otherLang}" lang="${otherLang}">${w.otherLanguage}</a> ·
        <a href="/advisories?lang=${lang}">${w.all}</a>
      </p>
    </nav>`;
  return shell(
    lang,
    text.title,
    config,
    html`<link rel="alternate" hreflang="${otherLang}" href="${otherHref}" />`,
    main,
  );
}

/** The pages' stylesheet: readable on a phone, and printed without navigation. */
export const ADVISORY_CSS = `body{font-family:system-ui,sans-serif;line-height:1.5;max-width:46rem;margin:0 auto;padding:1rem;color:#1a1a1a;background:#fff}
a{color:#0b4f8a}.skip{position:absolute;left:-999px}.skip:focus{left:1rem}
.meta,.kind{color:#444;font-size:.95rem}.notice{border-left:4px solid #8a5a00;padding:.5rem 1rem;background:#fff6e0}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left}
ol.advisories{list-style:none;padding:0}ol.advisories li{border-bottom:1px solid #ccc}
pre,code{white-space:pre-wrap;overflow-wrap:anywhere}
@media print{header,nav,footer,.skip,.csaf{display:none}body{max-width:none;font-size:11pt}a{color:#000}a[href^="http"]::after{content:" (" attr(href) ")";font-size:9pt}}
`;
