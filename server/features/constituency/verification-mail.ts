import type { OrganisationLanguage } from "../../../contract/constituency.js";

// The yearly confirmation mail, in the contact's language. The link is the credential (one click
// confirms), so it appears only in this mail and in the outbox.

export interface VerificationMail {
  language: OrganisationLanguage;
  organisation: string;
  email: string;
  role: string;
  url: string;
  certSignature: string;
}

const ROLES = {
  sv: {
    abuse: "missbruk (abuse)",
    security: "säkerhet",
    management: "ledning",
    technical: "teknik",
    "24x7": "dygnet runt (24/7)",
  },
  en: { abuse: "abuse", security: "security", management: "management", technical: "technical", "24x7": "24/7" },
} as const;

/** Subject and text of the mail (exported for the tests that read the outbox). */
export function verificationMailText(m: VerificationMail): { subject: string; text: string } {
  const role = (ROLES[m.language] as Record<string, string>)[m.role] ?? m.role;
  if (m.language === "sv")
    return {
      subject: `Stämmer era kontaktuppgifter? (${m.organisation})`,
      text: [
        "Hej!",
        "",
        `Vi har ${m.email} som kontakt för ${role} hos ${m.organisation}. Det är dit vi skriver när vi ser att något hos er har drabbats av ett it-säkerhetsproblem.`,
        "",
        "Stämmer det fortfarande? Öppna länken och bekräfta med ett klick:",
        m.url,
        "",
        "Stämmer det inte, svara på det här brevet och berätta vem vi ska kontakta i stället.",
        "",
        m.certSignature,
      ].join("\n"),
    };
  return {
    subject: `Are your contact details still right? (${m.organisation})`,
    text: [
      "Hello,",
      "",
      `We have ${m.email} as the ${role} contact of ${m.organisation}. This is where we write when we see that something of yours is affected by an IT security problem.`,
      "",
      "Is it still right? Open the link and confirm with one click:",
      m.url,
      "",
      "If it is not, reply to this message and tell us whom to contact instead.",
      "",
      m.certSignature,
    ].join("\n"),
  };
}
