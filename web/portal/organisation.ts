// How the public reaches the CERT (from the CERT's own fact sheet). One place to change it.
export const ORGANISATION = {
  name: "CERT-SE",
  phoneDisplay: "010-240 40 40",
  phoneHref: "tel:+46102404040",
  email: "cert@cert.se",
  website: "https://www.cert.se",
  websiteDisplay: "www.cert.se",
} as const;
