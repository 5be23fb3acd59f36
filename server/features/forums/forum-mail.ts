import type { Config } from "../../platform/config.js";
import type { Language } from "../../platform/db/tables/accounts.js";
import { mailSignature } from "../../platform/cert-contact.js";

// The words of the mail forums send, in the reader's language: the welcome of an admitted member who
// has an account already (the invited get the account's invitation), the yearly question and its lapse,
// an introduction, and the headers of list mail (RFC 2369 List-Id / List-Post / List-Archive).

type MailConfig = Pick<Config, "publicUrl" | "cert">;
interface Words {
  subject: string;
  text: string;
}

export const forumUrl = (config: Pick<Config, "publicUrl">, forumId: string) =>
  `${config.publicUrl}/member/forums/${forumId}`;

const signed = (lines: string[], config: MailConfig, language: Language) =>
  [...lines, "", mailSignature(config.cert, language)].join("\n");

/** To a person with an account whom an admin admitted to the forum. */
export function admittedMail(language: Language, forum: string, config: MailConfig & { publicUrl: string }): Words {
  const url = `${config.publicUrl}/member`;
  if (language === "sv")
    return {
      subject: `Du är medlem i forumet ${forum}`,
      text: signed(
        [`Hej!`, "", `Du har blivit medlem i forumet ${forum}. Logga in för att läsa och skriva:`, url],
        config,
        language,
      ),
    };
  return {
    subject: `You are a member of the forum ${forum}`,
    text: signed(
      ["Hello,", "", `You are now a member of the forum ${forum}. Sign in to read and post:`, url],
      config,
      language,
    ),
  };
}

/** The yearly question: confirm within the grace period or the membership lapses. */
export function reconfirmMail(
  language: Language,
  forum: string,
  forumId: string,
  until: string,
  config: MailConfig,
): Words {
  const url = forumUrl(config, forumId);
  if (language === "sv")
    return {
      subject: `Bekräfta ditt medlemskap i ${forum}`,
      text: signed(
        [
          "Hej!",
          "",
          `Varje år ber vi medlemmarna i ${forum} att bekräfta att de vill vara kvar. Logga in och bekräfta senast ${until}:`,
          url,
          "",
          "Utan bekräftelse upphör medlemskapet då.",
        ],
        config,
        language,
      ),
    };
  return {
    subject: `Confirm your membership of ${forum}`,
    text: signed(
      [
        "Hello,",
        "",
        `Every year we ask the members of ${forum} to confirm that they wish to stay. Sign in and confirm by ${until}:`,
        url,
        "",
        "Without a confirmation the membership ends then.",
      ],
      config,
      language,
    ),
  };
}

/** To both members of an introduction: who they are and how to reach each other. */
export function introductionMail(
  language: Language,
  m: {
    forum: string;
    by: string;
    other: { name: string; organisation: string; email: string; phone: string };
    note: string;
  },
  config: MailConfig,
): Words {
  const contact = [m.other.email, m.other.phone].filter((v) => v !== "").join(", ");
  if (language === "sv")
    return {
      subject: `Presentation i ${m.forum}: ${m.other.name}`,
      text: signed(
        [
          "Hej!",
          "",
          `${m.by} presenterar dig för ${m.other.name}${m.other.organisation ? ` (${m.other.organisation})` : ""} i forumet ${m.forum}.`,
          `Kontakt: ${contact}`,
          ...(m.note ? ["", m.note] : []),
        ],
        config,
        language,
      ),
    };
  return {
    subject: `Introduction in ${m.forum}: ${m.other.name}`,
    text: signed(
      [
        "Hello,",
        "",
        `${m.by} introduces you to ${m.other.name}${m.other.organisation ? ` (${m.other.organisation})` : ""} in the forum ${m.forum}.`,
        `Contact: ${contact}`,
        ...(m.note ? ["", m.note] : []),
      ],
      config,
      language,
    ),
  };
}

/** The headers every mail of a forum's list carries (RFC 2369, RFC 2919). */
export function forumListHeaders(forum: { id: string; name: string; list_address: string | null }, config: MailConfig) {
  const domain = new URL(config.publicUrl).hostname || "localhost";
  return {
    "List-Id": `${forum.name.replace(/[^\x20-\x7e]/g, "?").replace(/[<>"]/g, "")} <forum-${forum.id}.${domain}>`,
    "List-Archive": `<${forumUrl(config, forum.id)}>`,
    ...(forum.list_address ? { "List-Post": `<mailto:${forum.list_address}>` } : { "List-Post": "NO" }),
    Precedence: "list",
  };
}

/** A post as list mail: TLP first (FIRST TLP 2.0 asks for the label before the content), then the text. */
export function postMailText(
  language: Language,
  p: { forum: string; author: string; title: string; body: string; tlp: string; url: string },
): Words {
  const head =
    language === "sv"
      ? [`${p.tlp}`, "", `${p.author} skrev i ${p.forum}:`, ""]
      : [`${p.tlp}`, "", `${p.author} wrote in ${p.forum}:`, ""];
  const foot = language === "sv" ? ["", "-- ", `Arkiv: ${p.url}`] : ["", "-- ", `Archive: ${p.url}`];
  return { subject: `[${p.forum}] [${p.tlp}] ${p.title}`, text: [...head, p.body, ...foot].join("\n") };
}

/** In place of a TLP:RED post's text to a member without a key: where to read it. */
export function redPointer(language: Language, forum: string, url: string): string {
  return language === "sv"
    ? `TLP:RED\n\nEtt nytt inlägg märkt TLP:RED finns i ${forum}. Det skickas bara krypterat; läs det här:\n${url}`
    : `TLP:RED\n\nA new post marked TLP:RED is in ${forum}. It is mailed encrypted only; read it here:\n${url}`;
}

/** One member's daily digest of their forum's posts. */
export function digestMailText(
  language: Language,
  d: { forum: string; url: string; posts: { title: string; author: string; tlp: string; body: string }[] },
): Words {
  const items = d.posts.flatMap((p) => [`== ${p.tlp} ${p.title} (${p.author})`, "", p.body, ""]);
  if (language === "sv")
    return {
      subject: `[${d.forum}] Dagens sammanfattning: ${d.posts.length} inlägg`,
      text: [`Nytt i ${d.forum} sedan förra sammanfattningen:`, "", ...items, "-- ", `Arkiv: ${d.url}`].join("\n"),
    };
  return {
    subject: `[${d.forum}] Daily digest: ${d.posts.length} posts`,
    text: [`New in ${d.forum} since the last digest:`, "", ...items, "-- ", `Archive: ${d.url}`].join("\n"),
  };
}
