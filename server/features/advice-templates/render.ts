import { ADVICE_PLACEHOLDERS } from "../../../contract/advice-templates.js";
import { type CertContact, signatureLines, webDisplay } from "../../platform/cert-contact.js";

type Placeholder = (typeof ADVICE_PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string | null>;
export interface Warning {
  placeholder: string;
  problem: "unknown" | "empty";
}

const TOKEN = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
const isPlaceholder = (name: string): name is Placeholder => (ADVICE_PLACEHOLDERS as readonly string[]).includes(name);

/**
 * Fills {placeholders} in the texts. A placeholder Fyr does not know, or one the incident has no value
 * for, stays visible in the text (the officer sees what to write) and is listed once as a warning.
 */
export function fillPlaceholders(
  texts: { subject: string; body: string },
  values: PlaceholderValues,
): { subject: string; body: string; warnings: Warning[] } {
  const warnings = new Map<string, Warning>();
  const fill = (text: string) =>
    text.replace(TOKEN, (whole, name: string) => {
      if (!isPlaceholder(name)) {
        warnings.set(name, { placeholder: name, problem: "unknown" });
        return whole;
      }
      const value = values[name];
      if (value === null || value.trim() === "") {
        warnings.set(name, { placeholder: name, problem: "empty" });
        return whole;
      }
      return value;
    });
  return { subject: fill(texts.subject), body: fill(texts.body), warnings: [...warnings.values()] };
}

/** The CERT's placeholders from configuration (FYR_CERT_*): name, telephone, web, and all three signed. */
export function certPlaceholders(
  cert: CertContact,
  language: "sv" | "en",
): Pick<PlaceholderValues, "certName" | "certPhone" | "certWeb" | "certSignature"> {
  return {
    certName: cert.name,
    certPhone: cert.phone,
    certWeb: webDisplay(cert.web),
    certSignature: signatureLines(cert, language).join("\n"),
  };
}
