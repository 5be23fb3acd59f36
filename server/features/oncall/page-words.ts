import type { OncallTrigger } from "../../../contract/oncall.js";

// What a page says, in the recipient's language: the mail, the SMS (short), the webhook's text.

const TRIGGER = {
  sv: {
    "report-overdue": "Rapport ej kvitterad i tid",
    "nis2-deadline": "NIS2-tidsfrist för CERT:ens svar",
    "critical-feed": "Kritisk händelse hos en väsentlig verksamhet",
    "operations-alarm": "Driftlarm: misslyckade jobb eller e-post",
  },
  en: {
    "report-overdue": "Report not acknowledged in time",
    "nis2-deadline": "NIS2 deadline for the CERT's answer",
    "critical-feed": "Critical event at an essential entity",
    "operations-alarm": "Operations alarm: failed jobs or mail",
  },
} as const satisfies Record<"sv" | "en", Record<OncallTrigger, string>>;

export interface PageText {
  subject: string;
  mail: string;
  sms: string;
}

/** The page's words for one recipient; `link` is their one-time acknowledgement page. */
export function pageText(
  language: "sv" | "en",
  page: { trigger: OncallTrigger; subject: string; title: string; step: number; loop: number },
  link: string,
): PageText {
  const what = TRIGGER[language][page.trigger];
  const title = page.title ? ` — ${page.title}` : "";
  if (language === "sv")
    return {
      subject: `[${page.subject}] Jour: ${what}`,
      mail: [
        `${what}: ${page.subject}${title}`,
        "",
        `Kvittera här (sidan frågar innan något händer): ${link}`,
        'Eller svara på detta mejl med ordet "ack".',
        "",
        `Steg ${page.step + 1}, varv ${page.loop + 1}. Utan kvittens går larmet vidare.`,
      ].join("\n"),
      sms: `${page.subject}: ${what}. Kvittera: ${link}`,
    };
  return {
    subject: `[${page.subject}] Duty: ${what}`,
    mail: [
      `${what}: ${page.subject}${title}`,
      "",
      `Acknowledge here (the page asks before anything happens): ${link}`,
      'Or reply to this mail with the word "ack".',
      "",
      `Step ${page.step + 1}, loop ${page.loop + 1}. Without an acknowledgement the alarm goes on.`,
    ].join("\n"),
    sms: `${page.subject}: ${what}. Ack: ${link}`,
  };
}
