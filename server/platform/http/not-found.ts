import { existsSync, readFileSync } from "node:fs";
import type { FastifyReply, FastifyRequest } from "fastify";
import { type CertContact, webDisplay } from "../cert-contact.js";
import { projectPath } from "../paths.js";
import { problem, sendProblem } from "./problem.js";

type Language = "sv" | "en";

/** The cookie the web sets when the reader picks a language (web/lib/i18n), read by server-rendered pages. */
export const LANGUAGE_COOKIE = "fyr_language";

// A person's browser asking for a page gets a page; everything else (API clients, fetch(), assets,
// probes) keeps problem+json. Browsers navigating send Accept: text/html…; fetch() sends */*.
function wantsPage(req: FastifyRequest): boolean {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  const path = req.url.split("?")[0] ?? "";
  if (path === "/api" || path.startsWith("/api/") || path.startsWith("/.well-known/")) return false;
  return /\btext\/html\b/i.test(req.headers.accept ?? "");
}

/** The reader's language: the one they chose in the web (cookie), else the browser's first sv or en, else sv. */
export function readerLanguage(req: FastifyRequest): Language {
  const chosen = req.cookies?.[LANGUAGE_COOKIE];
  if (chosen === "sv" || chosen === "en") return chosen;
  const ranked = (req.headers["accept-language"] ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { lang: tag.trim().toLowerCase().split("-")[0], q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  const first = ranked.find((x) => x.lang === "sv" || x.lang === "en")?.lang;
  return first === "en" ? "en" : "sv";
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const TEXT = {
  sv: {
    title: "Sidan finns inte",
    lead: "Det finns ingen sida på den här adressen. Länken kan vara felskriven, eller så har sidan flyttats.",
    urgent: "Behöver du rapportera en incident? Vi nås dygnet runt:",
    phone: "Telefon",
    email: "E-post",
    web: "Webb",
    home: "Till startsidan",
    report: "Rapportera en incident",
  },
  en: {
    title: "Page not found",
    lead: "There is no page at this address. The link may be mistyped, or the page has moved.",
    urgent: "Do you need to report an incident? We can be reached around the clock:",
    phone: "Phone",
    email: "E-mail",
    web: "Web",
    home: "To the home page",
    report: "Report an incident",
  },
} as const;

// The portal's own stylesheets (hashed names) from its built index.html, read once: the page looks
// like the portal under the strict CSP (no inline styles). Without a build the page is plain HTML.
let stylesheets: string[] | undefined;
function portalStylesheets(): string[] {
  if (stylesheets) return stylesheets;
  const index = projectPath("dist", "web", "portal", "index.html");
  const html = existsSync(index) ? readFileSync(index, "utf8") : "";
  stylesheets = [...html.matchAll(/<link rel="stylesheet"[^>]*href="(\/assets\/[^"]+\.css)"/g)].map((m) => m[1] ?? "");
  return stylesheets;
}

/** The public 404 page in `language`, with the CERT's telephone and e-mail from configuration. */
export function notFoundPage(cert: CertContact, language: Language): string {
  const t = TEXT[language];
  const name = escapeHtml(cert.name);
  const phone = `<a href="${escapeHtml(cert.phoneUri)}">${escapeHtml(cert.phone)}</a>`;
  const email = `<a href="mailto:${escapeHtml(cert.email)}">${escapeHtml(cert.email)}</a>`;
  const web = `<a href="${escapeHtml(cert.web)}">${escapeHtml(webDisplay(cert.web))}</a>`;
  const css = portalStylesheets()
    .map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`)
    .join("");
  return `<!doctype html>
<html lang="${language}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/favicon.svg" type="image/svg+xml"><title>${t.title} – ${name}</title>${css}</head>
<body>
<header class="site-header"><div class="wrap site-header-inner"><a class="site-brand" href="/"><img src="/favicon.svg" alt="" width="28" height="28"><span>${name}</span></a></div></header>
<main id="main"><div class="wrap not-found"><section class="card" aria-labelledby="not-found-title">
<h1 id="not-found-title">${t.title}</h1>
<p>${t.lead}</p>
<p><a class="cta" href="/report">${t.report}</a></p>
<p>${t.urgent}</p>
<dl class="contact">
<dt>${t.phone}</dt><dd>${phone}</dd>
<dt>${t.email}</dt><dd>${email}</dd>
<dt>${t.web}</dt><dd>${web}</dd>
</dl>
<p><a href="/">${t.home}</a></p>
</section></div></main>
<footer class="site-footer"><div class="wrap"><p>${name} · ${phone} · ${email}</p></div></footer>
</body>
</html>
`;
}

/**
 * Nothing at this path: a browser asking for a page outside /api gets the portal's 404 page in the
 * reader's language; API clients (Accept JSON, or any /api path) get problem+json as always.
 */
export function notFoundHandler(cert: CertContact) {
  return (req: FastifyRequest, reply: FastifyReply): FastifyReply => {
    if (!wantsPage(req)) {
      return sendProblem(reply, problem(404, "not_found", `Nothing at ${req.method} ${req.url.split("?")[0]}`));
    }
    const language = readerLanguage(req);
    return reply
      .status(404)
      .header("content-language", language)
      .header("vary", "Accept, Accept-Language, Cookie")
      .type("text/html; charset=utf-8")
      .send(notFoundPage(cert, language));
  };
}
