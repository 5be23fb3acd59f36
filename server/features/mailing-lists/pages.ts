import type { ListLanguage } from "../../../contract/mailing-lists.js";
import { type Html, html } from "../../platform/http/html.js";
import type { Preferences } from "./manage-subscription.js";

// The pages the links in list mail open, rendered by the server (no JavaScript needed), in the
// subscriber's language. Each GET shows what would happen and a button; the button POSTs.

export type PageLanguage = ListLanguage;

const WORDS = {
  sv: {
    confirmTitle: "Bekräfta prenumeration",
    confirmAsk: (email: string) => `Vill du att vi skickar följande till ${email}?`,
    confirmButton: "Ja, bekräfta",
    confirmed: "Tack! Prenumerationen är bekräftad.",
    unsubscribeTitle: "Avsluta prenumeration",
    unsubscribeAsk: (email: string, list: string | null) =>
      list ? `Ska ${email} inte längre få ${list}?` : `Ska ${email} inte längre få några utskick från oss?`,
    unsubscribeButton: "Avsluta prenumerationen",
    unsubscribed: "Klart. Du får inga fler sådana utskick.",
    preferencesTitle: "Dina prenumerationer",
    preferencesFor: (email: string) => `Utskick till ${email}:`,
    language: "Språk",
    save: "Spara",
    saved: "Sparat.",
    toPreferences: "Ändra språk eller listor",
    invalidTitle: "Länken gäller inte",
    invalid: "Länken gäller inte längre (redan använd, för gammal eller felskriven).",
    subscribeTitle: "Prenumeration",
    subscribeSent:
      "Tack! Om adressen kan ta emot e-post får den nu ett meddelande med en länk. Prenumerationen börjar först när du har bekräftat den.",
    subscribeInvalid: "Ange en giltig e-postadress och välj minst en lista.",
    back: "Tillbaka till säkerhetsmeddelandena",
  },
  en: {
    confirmTitle: "Confirm subscription",
    confirmAsk: (email: string) => `Shall we send the following to ${email}?`,
    confirmButton: "Yes, confirm",
    confirmed: "Thank you! The subscription is confirmed.",
    unsubscribeTitle: "Unsubscribe",
    unsubscribeAsk: (email: string, list: string | null) =>
      list ? `Stop sending ${list} to ${email}?` : `Stop sending anything from us to ${email}?`,
    unsubscribeButton: "Unsubscribe",
    unsubscribed: "Done. You will receive no more of these mailings.",
    preferencesTitle: "Your subscriptions",
    preferencesFor: (email: string) => `Mailings to ${email}:`,
    language: "Language",
    save: "Save",
    saved: "Saved.",
    toPreferences: "Change language or lists",
    subscribeTitle: "Subscription",
    subscribeSent:
      "Thank you! If the address takes mail, it now gets a message with a link. The subscription starts only once you have confirmed it.",
    subscribeInvalid: "Enter a valid e-mail address and choose at least one list.",
    back: "Back to the security advisories",
    invalidTitle: "The link does not work",
    invalid: "This link is no longer valid (already used, too old, or mistyped).",
  },
} as const;

function page(language: PageLanguage, title: string, body: Html): Html {
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
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
}

export function confirmPage(link: { email: string; language: PageLanguage; lists: string[] }, token: string): Html {
  const w = WORDS[link.language];
  return page(
    link.language,
    w.confirmTitle,
    html`<p>${w.confirmAsk(link.email)}</p>
      <ul>
        ${link.lists.map((l) => html`<li>${l}</li>`)}
      </ul>
      <form method="post" action="/lists/confirm/${token}">
        <button type="submit">${w.confirmButton}</button>
      </form>`,
  );
}

export function unsubscribePage(link: { email: string; language: PageLanguage; list: string | null }, token: string) {
  const w = WORDS[link.language];
  return page(
    link.language,
    w.unsubscribeTitle,
    html`<p>${w.unsubscribeAsk(link.email, link.list)}</p>
      <form method="post" action="/lists/unsubscribe/${token}">
        <button type="submit">${w.unsubscribeButton}</button>
      </form>
      <p><a href="/lists/preferences/${token}">${w.toPreferences}</a></p>`,
  );
}

/** After confirming or unsubscribing: what happened, and the way to the preferences. */
export function donePage(language: PageLanguage, what: "confirmed" | "unsubscribed", manageToken: string): Html {
  const w = WORDS[language];
  return page(
    language,
    what === "confirmed" ? w.confirmTitle : w.unsubscribeTitle,
    html`<p role="status">${what === "confirmed" ? w.confirmed : w.unsubscribed}</p>
      <p><a href="/lists/preferences/${manageToken}">${w.toPreferences}</a></p>`,
  );
}

export function preferencesPage(prefs: Preferences, token: string, saved: boolean): Html {
  const w = WORDS[prefs.language];
  return page(
    prefs.language,
    w.preferencesTitle,
    html`${saved ? html`<p role="status">${w.saved}</p>` : ""}
      <form method="post" action="/lists/preferences/${token}">
        <fieldset>
          <legend>${w.preferencesFor(prefs.email)}</legend>
          ${prefs.lists.map(
            (l) =>
              html`<p>
                <label
                  ><input type="checkbox" name="lists" value="${l.id}" ${l.receiving ? html`checked` : ""} />
                  ${l.name}</label
                >
                <br /><small>${l.description}</small>
              </p>`,
          )}
        </fieldset>
        <p>
          <label
            >${w.language}
            <select name="language">
              <option value="sv" ${prefs.language === "sv" ? html`selected` : ""}>Svenska</option>
              <option value="en" ${prefs.language === "en" ? html`selected` : ""}>English</option>
            </select></label
          >
        </p>
        <button type="submit">${w.save}</button>
      </form>`,
  );
}

/** A link unknown, used or expired: said in both languages (which one the reader speaks is unknown). */
export function invalidLinkPage(): Html {
  return page(
    "sv",
    WORDS.sv.invalidTitle,
    html`<p>${WORDS.sv.invalid}</p>
      <p lang="en">${WORDS.en.invalid}</p>`,
  );
}

/** The answer to the public subscription form (the advisory pages'): mail sent, or what to correct. */
export function subscribePage(language: PageLanguage, sent: boolean): Html {
  const w = WORDS[language];
  return page(
    language,
    w.subscribeTitle,
    html`<p role="${sent ? "status" : "alert"}">${sent ? w.subscribeSent : w.subscribeInvalid}</p>
      <p><a href="/advisories?lang=${language}#subscribe">${w.back}</a></p>`,
  );
}
