import type { OncallTrigger } from "../../../contract/oncall.js";
import { type Html, html } from "../../platform/http/html.js";

// The page a page's one-time link opens (server-rendered, no JavaScript): what it is about and a button.
// The GET only shows: mail scanners follow links, so only the button's POST acknowledges.

type Language = "sv" | "en";

const WORDS = {
  sv: {
    title: "Kvittera larm",
    ask: "Tar du detta? Kvittera så stoppas larmkedjan och du står som den som tog det.",
    button: "Ja, jag kvitterar",
    subject: "Ärende",
    what: "Larm",
    started: "Larmet startade",
    done: "Kvitterat. Larmkedjan är stoppad.",
    already: "Redan kvitterat tidigare. Larmkedjan är stoppad.",
    invalidTitle: "Länken gäller inte",
    invalid: "Länken gäller inte längre (redan använd, för gammal eller felskriven).",
    triggers: {
      "report-overdue": "Rapport ej kvitterad i tid",
      "nis2-deadline": "NIS2-tidsfrist för CERT:ens svar",
      "critical-feed": "Kritisk händelse hos en väsentlig verksamhet",
      "operations-alarm": "Driftlarm",
    },
  },
  en: {
    title: "Acknowledge alarm",
    ask: "Are you taking this? Acknowledging stops the escalation and records you as the one who took it.",
    button: "Yes, I acknowledge",
    subject: "Subject",
    what: "Alarm",
    started: "Alarm started",
    done: "Acknowledged. The escalation has stopped.",
    already: "Already acknowledged earlier. The escalation has stopped.",
    invalidTitle: "The link does not work",
    invalid: "This link is no longer valid (already used, too old, or mistyped).",
    triggers: {
      "report-overdue": "Report not acknowledged in time",
      "nis2-deadline": "NIS2 deadline for the CERT's answer",
      "critical-feed": "Critical event at an essential entity",
      "operations-alarm": "Operations alarm",
    },
  },
} as const satisfies Record<Language, { triggers: Record<OncallTrigger, string> } & Record<string, unknown>>;

function page(language: Language, title: string, body: Html): Html {
  const other = language === "sv" ? "en" : "sv";
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
      </head>
      <body>
        <main>
          <p><a href="?lang=${other}" hreflang="${other}">${other === "en" ? "English" : "Svenska"}</a></p>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
}

/** The confirmation page: the subject of the alarm and the one button that acknowledges. */
export function ackPage(
  language: Language,
  link: { trigger: OncallTrigger; subject: string; title: string; startedAt: Date },
  token: string,
  timeZone: string,
): Html {
  const w = WORDS[language];
  const started = link.startedAt.toLocaleString(language === "sv" ? "sv-SE" : "en-GB", { timeZone });
  return page(
    language,
    w.title,
    html`<dl>
        <dt>${w.what}</dt>
        <dd>${w.triggers[link.trigger]}</dd>
        <dt>${w.subject}</dt>
        <dd><strong>${link.subject}</strong> ${link.title}</dd>
        <dt>${w.started}</dt>
        <dd>${started}</dd>
      </dl>
      <p>${w.ask}</p>
      <form method="post" action="/oncall/ack/${token}?lang=${language}">
        <button type="submit">${w.button}</button>
      </form>`,
  );
}

/** After the button: acknowledged now, or earlier by someone else. */
export function ackDonePage(language: Language, subject: string, already: boolean): Html {
  const w = WORDS[language];
  return page(
    language,
    w.title,
    html`<p role="status"><strong>${subject}</strong>: ${already ? w.already : w.done}</p>`,
  );
}

export function ackInvalidPage(language: Language): Html {
  const w = WORDS[language];
  return page(language, w.invalidTitle, html`<p>${w.invalid}</p>`);
}
