import type { OrganisationLanguage } from "../../../contract/constituency.js";

// The notice an organisation's security contact gets when a new KEV entry names a product it declared,
// in the organisation's language.

export interface ProductNoticeText {
  language: OrganisationLanguage;
  organisation: string;
  cve: string;
  vulnerabilityName: string;
  vendorProject: string;
  product: string;
  dateAdded: string;
  dueDate: string;
  requiredAction: string;
  ransomware: boolean;
  /** The organisation's declared products this matched, as it wrote them. */
  matched: string[];
  certSignature: string;
}

/** Subject and text (exported for the tests that read the outbox). */
export function productNoticeText(n: ProductNoticeText): { subject: string; text: string } {
  if (n.language === "sv")
    return {
      subject: `Utnyttjad sårbarhet i en produkt ni använder: ${n.cve}`,
      text: [
        "Hej!",
        "",
        `CISA har lagt till ${n.cve} (${n.vulnerabilityName}) i sin katalog över sårbarheter som utnyttjas aktivt (KEV) den ${n.dateAdded}.`,
        `Den gäller ${n.vendorProject} ${n.product}, som ${n.organisation} har uppgett att ni använder (${n.matched.join(", ")}).`,
        n.ransomware ? "Sårbarheten är känd för att ha använts i ransomwareattacker." : "",
        "",
        `Rekommenderad åtgärd (CISA, på engelska): ${n.requiredAction}`,
        `CISA:s sista dag för amerikanska myndigheter: ${n.dueDate}.`,
        "",
        "Hör av er om ni behöver stöd eller har sett tecken på intrång.",
        "",
        n.certSignature,
      ]
        .filter((line, i, all) => line !== "" || all[i - 1] !== "")
        .join("\n"),
    };
  return {
    subject: `Exploited vulnerability in a product you run: ${n.cve}`,
    text: [
      "Hello,",
      "",
      `CISA added ${n.cve} (${n.vulnerabilityName}) to its catalogue of known exploited vulnerabilities (KEV) on ${n.dateAdded}.`,
      `It concerns ${n.vendorProject} ${n.product}, which ${n.organisation} told us it runs (${n.matched.join(", ")}).`,
      n.ransomware ? "The vulnerability is known to have been used in ransomware campaigns." : "",
      "",
      `Required action (CISA): ${n.requiredAction}`,
      `CISA's due date for US federal agencies: ${n.dueDate}.`,
      "",
      "Contact us if you need support or have seen signs of compromise.",
      "",
      n.certSignature,
    ]
      .filter((line, i, all) => line !== "" || all[i - 1] !== "")
      .join("\n"),
  };
}

export interface AdvisoryNoticeText {
  language: OrganisationLanguage;
  organisation: string;
  trackingId: string;
  title: string;
  summary: string;
  /** Above 1: a new revision of an advisory already published. */
  revision: number;
  link: string;
  matched: string[];
  certSignature: string;
}

/** The notice of a published advisory naming a product the organisation declared. */
export function advisoryNoticeText(n: AdvisoryNoticeText): { subject: string; text: string } {
  const sv = n.language === "sv";
  const updated = n.revision > 1 ? (sv ? "Uppdaterad: " : "Updated: ") : "";
  return {
    subject: sv
      ? `[${n.trackingId}] ${updated}Säkerhetsmeddelande om en produkt ni använder: ${n.title}`
      : `[${n.trackingId}] ${updated}Advisory about a product you run: ${n.title}`,
    text: [
      sv ? "Hej!" : "Hello,",
      "",
      sv
        ? `Vi har ${n.revision > 1 ? "uppdaterat" : "publicerat"} säkerhetsmeddelandet ${n.trackingId}. Det gäller produkter som ${n.organisation} har uppgett att ni använder (${n.matched.join(", ")}).`
        : `We have ${n.revision > 1 ? "updated" : "published"} advisory ${n.trackingId}. It concerns products ${n.organisation} told us it runs (${n.matched.join(", ")}).`,
      "",
      n.title,
      "",
      n.summary,
      "",
      `${sv ? "Läs hela meddelandet" : "Read the whole advisory"}: ${n.link}`,
      "",
      sv
        ? "Hör av er om ni behöver stöd eller har sett tecken på intrång."
        : "Contact us if you need support or have seen signs of compromise.",
      "",
      n.certSignature,
    ].join("\n"),
  };
}
