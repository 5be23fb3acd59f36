import type { CertContact } from "../../../contract/cert.js";
import type { ReportLanguage } from "../../../contract/intake.js";
import { type Html, html } from "../../platform/http/html.js";
import { type FormLimits, type PlainFormState, plainReportForm } from "./portal-html-form.js";
import { portalWords, type Words } from "./portal-words.js";

// The portal without JavaScript: what a reporter on a locked-down machine sees instead of a blank
// page — the CERT's phone number and e-mail, and a plain form that files a report — inside the
// portal's <noscript>, and as whole pages the server answers the form with (receipt, or the form
// again with what to fix). The portal's own markup and classes, so portal.css styles it.

export interface PlainPageContext {
  language: ReportLanguage;
  words: Words;
  cert: CertContact;
  /** The page's path, for the link to the other language. */
  path: string;
}

export function plainContext(language: ReportLanguage, cert: CertContact, path: string): PlainPageContext {
  return { language, words: portalWords(language), cert, path };
}

function header(c: PlainPageContext): Html {
  const other: ReportLanguage = c.language === "sv" ? "en" : "sv";
  return html`<header class="site-header">
    <div class="wrap site-header-inner">
      <a href="/" class="site-brand"
        ><img src="/favicon.svg" alt="" width="28" height="28" /><span
          >${c.cert.name}<span class="site-brand-sub">${c.words("portal.tagline")}</span></span
        ></a
      ><a class="plain-language" href="${c.path}?lang=${other}" lang="${other}" hreflang="${other}"
        >${other === "sv" ? "Svenska" : "English"}</a
      >
    </div>
  </header>`;
}

function footer(c: PlainPageContext): Html {
  return html`<footer class="site-footer">
    <div class="wrap">
      <p>
        ${c.cert.name} · <a href="${c.cert.phoneUri}">${c.cert.phone}</a> ·
        <a href="mailto:${c.cert.email}">${c.cert.email}</a>
      </p>
    </div>
  </footer>`;
}

/** How to reach the CERT now: phone and e-mail, day and night. */
function contact(c: PlainPageContext): Html {
  const w = c.words;
  return html`<section class="card plain-contact" aria-labelledby="plain-reach-title">
    <h2 id="plain-reach-title">${w("portal.reachTitle")}</h2>
    <p><strong>${w("portal.always")}</strong> ${w("portal.alwaysBody", { name: c.cert.name })}</p>
    <dl class="contact">
      <dt>${w("portal.phone")}</dt>
      <dd><a href="${c.cert.phoneUri}">${c.cert.phone}</a></dd>
      <dt>${w("portal.email")}</dt>
      <dd><a href="mailto:${c.cert.email}">${c.cert.email}</a></dd>
    </dl>
  </section>`;
}

function frame(c: PlainPageContext, main: Html): Html {
  return html`${header(c)}
    <main id="main" class="narrow">${main}</main>
    ${footer(c)}`;
}

/** The report form's page: contact first, then the form (`state` when it comes back to be fixed). */
export function plainFormPage(c: PlainPageContext, state: PlainFormState, limits: FormLimits): Html {
  const w = c.words;
  return frame(
    c,
    html`<div class="wrap form-page plain-page">
      <p class="notice notice-info">${w("plain.noscript")}</p>
      <h1>${w("report.title")}</h1>
      ${contact(c)}
      <p class="lead">${w("report.lead")}</p>
      ${plainReportForm(w, state, limits)}
    </div>`,
  );
}

/** The follow-up page needs JavaScript (its token never reaches the server): say so, and how to reach us. */
export function plainFollowUpPage(c: PlainPageContext): Html {
  return frame(
    c,
    html`<div class="wrap form-page plain-page">
      <h1>${c.words("followUp.title")}</h1>
      <p class="notice notice-info">${c.words("plain.followUpNeedsScript")}</p>
      ${contact(c)}
    </div>`,
  );
}

/** The receipt after a plain form: the reference, what happens next, and the follow-up link. */
export function plainReceiptPage(
  c: PlainPageContext,
  receipt: { reference: string; followUpUrl: string; emailed: boolean },
): Html {
  const w = c.words;
  return frame(
    c,
    html`<div class="wrap form-page receipt">
      <h1>${w("receipt.title")}</h1>
      <p class="lead">${w("receipt.thanks")}</p>
      <div class="reference-box">
        <span class="reference-label">${w("receipt.reference")}</span>
        <strong class="reference" data-testid="reference">${receipt.reference}</strong>
      </div>
      <h2>${w("receipt.nextTitle")}</h2>
      <ol class="next-steps">
        <li>${w("receipt.next1")}</li>
        <li>${w("receipt.next2")}</li>
        <li>${w("receipt.next3")}</li>
      </ol>
      <h2>${w("receipt.followUpTitle")}</h2>
      <p>${w("receipt.followUpBody")}</p>
      <p class="follow-up-link"><a href="${receipt.followUpUrl}">${w("receipt.openFollowUp")}</a></p>
      <p class="copy-row"><code class="follow-up-url">${receipt.followUpUrl}</code></p>
      <p class="form-note">${w("plain.followUpNeedsScript")}</p>
      <p class="form-note">${receipt.emailed ? w("receipt.emailed") : w("receipt.notEmailed")}</p>
    </div>`,
  );
}

/** A whole page: the portal's stylesheets, no script (these pages work without it). */
export function plainDocument(c: PlainPageContext, title: string, body: Html, stylesheets: readonly string[]): string {
  return html`<!doctype html>
    <html lang="${c.language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        ${stylesheets.map((href) => html`<link rel="stylesheet" href="${href}" />`)}
        <title>${title} – ${c.cert.name}</title>
      </head>
      <body>
        ${body}
      </body>
    </html> `.html;
}
