import { CERT_META_NAME, type CertContact, isCertContact } from "../../contract/cert.js";

// How the public reaches the CERT. The server writes it into the portal's page from its
// configuration (FYR_CERT_*, platform/http/web.ts); these are the defaults of that configuration,
// for a page served some other way (a development server).
const DEFAULTS: CertContact = {
  name: "CERT-SE",
  phone: "+46 10 240 40 40",
  phoneUri: "tel:+46102404040",
  email: "cert@cert.se",
  web: "https://www.cert.se",
};

function fromPage(): CertContact {
  if (typeof document === "undefined") return DEFAULTS;
  const content = document.querySelector(`meta[name="${CERT_META_NAME}"]`)?.getAttribute("content");
  if (!content) return DEFAULTS;
  try {
    const parsed: unknown = JSON.parse(content);
    return isCertContact(parsed) ? parsed : DEFAULTS;
  } catch {
    return DEFAULTS;
  }
}

const cert = fromPage();

/** The CERT's name, phone, e-mail and website as the portal shows them. */
export const ORGANISATION = {
  name: cert.name,
  phoneDisplay: cert.phone,
  phoneHref: cert.phoneUri,
  email: cert.email,
  website: cert.web,
  websiteDisplay: cert.web.replace(/^https?:\/\//, "").replace(/\/$/, ""),
} as const;
