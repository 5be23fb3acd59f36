import type { Clock } from "../../platform/clock.js";
import type { Db } from "../../platform/db/connect.js";
import type { AccountLinkPurpose, Language } from "../../platform/db/tables/accounts.js";
import { queueMail } from "../../platform/mail/index.js";

// The invitation and password-reset mails, in the user's language. The link is the credential: it
// goes only into this mail (kept in the outbox like every message), never into a log or an answer.

export interface AccountLinkMail {
  purpose: AccountLinkPurpose;
  to: string;
  name: string;
  language: Language;
  /** Who sent it (the admin's name), or null for the system. */
  sentBy: string | null;
  url: string;
  /** A member's organisation: their invitation is to its member area, not to the CERT's case system. */
  organisationName?: string | null;
  /** The person asked for this reset on the sign-in page themselves. */
  requested?: boolean;
  expiresAt: Date;
  timeZone: string;
}

function when(at: Date, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(language === "sv" ? "sv-SE" : "en-GB", {
    dateStyle: "long",
    timeStyle: "short",
    timeZone,
  }).format(at);
}

/** A member's invitation: to their organisation's member area. */
function memberInvitationText(m: AccountLinkMail, organisation: string, until: string) {
  return m.language === "sv"
    ? {
        subject: `Inbjudan till CERT:ens medlemssidor för ${organisation}`,
        text: [
          `Hej ${m.name}!`,
          "",
          `Du har bjudits in${m.sentBy ? ` av ${m.sentBy}` : ""} till CERT:ens medlemssidor för ${organisation}. Där ser du organisationens nät, domäner och kontakter och kan be om ändringar.`,
          "Öppna länken, välj ditt eget lösenord och aktivera tvåstegsverifiering:",
          "",
          m.url,
          "",
          `Länken fungerar en gång och till ${until}.`,
          "Väntade du dig inte den här inbjudan kan du bortse från mejlet.",
        ].join("\n"),
      }
    : {
        subject: `Your invitation to the CERT's member area for ${organisation}`,
        text: [
          `Hello ${m.name},`,
          "",
          `You have been invited${m.sentBy ? ` by ${m.sentBy}` : ""} to the CERT's member area for ${organisation}, where you see the organisation's networks, domains and contacts and can ask for changes.`,
          "Open the link, choose your own password and turn on two-step verification:",
          "",
          m.url,
          "",
          `The link works once, until ${until}.`,
          "If you did not expect this invitation, you can ignore this e-mail.",
        ].join("\n"),
      };
}

/**
 * A reset the person asked for on the sign-in page. Whoever typed the address may not be its owner, so
 * the mail says nothing happens unless the link is used, and that the second factor is still asked for.
 */
function requestedResetText(m: AccountLinkMail, until: string) {
  return m.language === "sv"
    ? {
        subject: "Välj ett nytt lösenord för Fyr",
        text: [
          `Hej ${m.name}!`,
          "",
          "Någon, förhoppningsvis du, bad om att få välja ett nytt lösenord för ditt konto på inloggningssidan. Öppna länken och välj ett nytt:",
          "",
          m.url,
          "",
          `Länken fungerar en gång och till ${until}. När du har valt lösenordet loggas du ut överallt; tvåstegsverifieringen gäller som förut.`,
          "Bad du inte om det? Då kan du bortse från mejlet: ditt lösenord är oförändrat.",
        ].join("\n"),
      }
    : {
        subject: "Choose a new password for Fyr",
        text: [
          `Hello ${m.name},`,
          "",
          "Someone, hopefully you, asked on the sign-in page to choose a new password for your account. Open the link and choose a new one:",
          "",
          m.url,
          "",
          `The link works once, until ${until}. Once you have chosen the password you are signed out everywhere; two-step verification stays as it was.`,
          "Did you not ask for this? Then you can ignore this e-mail: your password has not changed.",
        ].join("\n"),
      };
}

/** Subject and text of the mail (exported for the tests that read the outbox). */
export function accountLinkMailText(m: AccountLinkMail): { subject: string; text: string } {
  const until = when(m.expiresAt, m.language, m.timeZone);
  if (m.purpose === "invite" && m.organisationName) return memberInvitationText(m, m.organisationName, until);
  if (m.purpose === "reset" && m.requested) return requestedResetText(m, until);
  if (m.language === "sv") {
    const by = m.sentBy ? ` av ${m.sentBy}` : "";
    return m.purpose === "invite"
      ? {
          subject: "Inbjudan till Fyr",
          text: [
            `Hej ${m.name}!`,
            "",
            `Du har bjudits in${by} till Fyr, CERT:ens ärendesystem. Öppna länken, välj ditt eget lösenord och aktivera tvåstegsverifiering:`,
            "",
            m.url,
            "",
            `Länken fungerar en gång och till ${until}.`,
            "Väntade du dig inte den här inbjudan kan du bortse från mejlet.",
          ].join("\n"),
        }
      : {
          subject: "Välj ett nytt lösenord för Fyr",
          text: [
            `Hej ${m.name}!`,
            "",
            `En administratör${by} har skickat dig en länk för att välja ett nytt lösenord i Fyr:`,
            "",
            m.url,
            "",
            `Länken fungerar en gång och till ${until}. När du har valt lösenordet loggas du ut överallt.`,
            "Har du inte bett om det? Kontakta CERT:ens administratör.",
          ].join("\n"),
        };
  }
  const by = m.sentBy ? ` by ${m.sentBy}` : "";
  return m.purpose === "invite"
    ? {
        subject: "Your invitation to Fyr",
        text: [
          `Hello ${m.name},`,
          "",
          `You have been invited${by} to Fyr, the CERT's case system. Open the link, choose your own password and turn on two-step verification:`,
          "",
          m.url,
          "",
          `The link works once, until ${until}.`,
          "If you did not expect this invitation, you can ignore this e-mail.",
        ].join("\n"),
      }
    : {
        subject: "Choose a new password for Fyr",
        text: [
          `Hello ${m.name},`,
          "",
          `An administrator${by} has sent you a link to choose a new password in Fyr:`,
          "",
          m.url,
          "",
          `The link works once, until ${until}. Once you have chosen the password you are signed out everywhere.`,
          "Did you not ask for this? Contact the CERT's administrator.",
        ].join("\n"),
      };
}

/** Queues the mail in the caller's transaction (it goes out iff the link is stored). */
export async function queueAccountLinkMail(db: Db, clock: Clock, m: AccountLinkMail): Promise<void> {
  const { subject, text } = accountLinkMailText(m);
  await queueMail(db, clock, { to: m.to, subject, text });
}
