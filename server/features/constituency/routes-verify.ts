import type { FastifyReply } from "fastify";
import { ContactVerificationParams } from "../../../contract/constituency.js";
import type { AppDeps } from "../../platform/deps.js";
import { AppError } from "../../platform/errors.js";
import { type Html, html } from "../../platform/http/html.js";
import type { FyrApp } from "../../platform/http/types.js";
import { confirmContact, describeVerificationLink } from "./verify-contacts.js";

// The page a contact's yearly confirmation mail links to (public role): it shows what is to be
// confirmed and a button; only the POST confirms, so a mail scanner following the link confirms nothing.

type Language = "sv" | "en";
const WORDS = {
  sv: {
    title: "Bekräfta kontaktuppgifter",
    ask: (email: string, org: string) => `Stämmer det att ${email} är en kontakt för ${org}?`,
    button: "Ja, det stämmer",
    done: "Tack! Uppgifterna är bekräftade.",
    invalid: "Länken gäller inte längre (redan använd, ersatt av en nyare eller för gammal).",
  },
  en: {
    title: "Confirm contact details",
    ask: (email: string, org: string) => `Is ${email} still a contact of ${org}?`,
    button: "Yes, that is right",
    done: "Thank you! The details are confirmed.",
    invalid: "This link is no longer valid (already used, replaced by a newer one, or too old).",
  },
} as const;

function page(reply: FastifyReply, status: number, language: Language, body: Html): FastifyReply {
  const w = WORDS[language];
  const doc = html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${w.title}</title>
      </head>
      <body>
        <main>
          <h1>${w.title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
  return reply.status(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(doc.html);
}

const validToken = (token: string) => ContactVerificationParams.safeParse({ token }).success;

/** GET and POST /verify-contact/{token}. */
export function registerContactVerificationRoutes(app: FyrApp, deps: Pick<AppDeps, "db" | "clock">): void {
  void app.register(async (scope: FyrApp) => {
    // The button posts an empty form.
    scope.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 1024 },
      (_r, _b, done) => done(null, {}),
    );
    scope.get<{ Params: { token: string } }>(
      "/verify-contact/:token",
      { schema: { hide: true } },
      async (req, reply) => {
        const link = validToken(req.params.token) ? await describeVerificationLink(deps, req.params.token) : null;
        if (!link)
          return page(
            reply,
            404,
            "sv",
            html`<p>${WORDS.sv.invalid}</p>
              <p lang="en">${WORDS.en.invalid}</p>`,
          );
        const w = WORDS[link.language];
        return page(
          reply,
          200,
          link.language,
          html`<p>${w.ask(link.email, link.organisation)}</p>
            <form method="post" action="/verify-contact/${req.params.token}">
              <button type="submit">${w.button}</button>
            </form>`,
        );
      },
    );
    scope.post<{ Params: { token: string } }>(
      "/verify-contact/:token",
      { schema: { hide: true } },
      async (req, reply) => {
        try {
          if (!validToken(req.params.token))
            throw new AppError("contact_verification_invalid", "not_found", "bad token");
          const done = await confirmContact(deps, req.params.token, req.ip);
          return page(reply, 200, done.language, html`<p>${WORDS[done.language].done}</p>`);
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== "contact_verification_invalid") throw err;
          return page(
            reply,
            404,
            "sv",
            html`<p>${WORDS.sv.invalid}</p>
              <p lang="en">${WORDS.en.invalid}</p>`,
          );
        }
      },
    );
  });
}
