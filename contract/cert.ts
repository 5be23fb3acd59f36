// How the public reaches the CERT (FYR_CERT_*, validated in the server's configuration). The server
// writes it as JSON into the portal's page; the portal reads it with `isCertContact`. No zod here on
// purpose: the portal's landing page loads this, and zod would be most of its first load's budget.

export interface CertContact {
  name: string;
  phone: string;
  /** `tel:` URI of the phone number. */
  phoneUri: string;
  email: string;
  web: string;
}

/** The `<meta name>` carrying the CertContact as JSON in the portal's HTML. */
export const CERT_META_NAME = "fyr-cert";

const FIELDS = ["name", "phone", "phoneUri", "email", "web"] as const;

/** True when `value` (parsed from the page) is a whole CertContact. */
export function isCertContact(value: unknown): value is CertContact {
  return (
    typeof value === "object" &&
    value !== null &&
    FIELDS.every((f) => f in value && typeof (value as Record<string, unknown>)[f] === "string")
  );
}
