import type { AdvisoryKind, AdvisoryLanguage } from "../../../contract/advisories.js";

// Where a draft starts: per kind and language, the headings and phrases CERT-SE's publications use.
// Staff replace the bracketed parts.

interface Template {
  title: string;
  summary: string;
  body: string;
  measures: string;
}

const TEMPLATES: Record<AdvisoryKind, Record<AdvisoryLanguage, Template>> = {
  advisory: {
    sv: {
      title: "Sårbarhet i [produkt]",
      summary: "[Leverantör] har publicerat säkerhetsuppdateringar som åtgärdar [antal] sårbarheter i [produkt].",
      body: "## Beskrivning\n\n[Vad sårbarheten är och vad en angripare kan göra.]\n\n## Påverkade versioner\n\n[Versioner.]",
      measures: "CERT-SE rekommenderar att uppdateringarna installeras snarast efter sedvanliga rutiner.",
    },
    en: {
      title: "Vulnerability in [product]",
      summary: "[Vendor] has released security updates fixing [number] vulnerabilities in [product].",
      body: "## Description\n\n[What the vulnerability is and what an attacker can do.]\n\n## Affected versions\n\n[Versions.]",
      measures: "CERT-SE recommends installing the updates as soon as possible, following your usual routines.",
    },
  },
  flash: {
    sv: {
      title: "Blixtmeddelande: [hot]",
      summary: "CERT-SE har fått information om [hot] som aktivt utnyttjas.",
      body: "## Vad har hänt\n\n[Kort och sakligt.]\n\n## Vem berörs\n\n[Verksamheter och system.]",
      measures: "Agera omedelbart: [åtgärder]. Kontakta CERT-SE vid misstänkt intrång.",
    },
    en: {
      title: "Flash alert: [threat]",
      summary: "CERT-SE has received information about [threat], which is being actively exploited.",
      body: "## What happened\n\n[Brief and factual.]\n\n## Who is affected\n\n[Organisations and systems.]",
      measures: "Act now: [measures]. Contact CERT-SE if you suspect an intrusion.",
    },
  },
  weekly: {
    sv: {
      title: "CERT-SE:s veckobrev v.[vecka]",
      summary: "Hej! Här kommer veckans sammanfattning från CERT-SE.",
      body: "Trevlig helg önskar CERT-SE!",
      measures: "",
    },
    en: {
      title: "CERT-SE weekly letter, week [week]",
      summary: "Hello! Here is this week's summary from CERT-SE.",
      body: "Have a nice weekend, from CERT-SE!",
      measures: "",
    },
  },
};

/** The starting text of a draft of `kind` in `language` (the weekly letter: intro, items, closing). */
export function advisoryTemplate(kind: AdvisoryKind, language: AdvisoryLanguage, certName: string) {
  const t = TEMPLATES[kind][language];
  const sign = (s: string) => s.replaceAll("CERT-SE", certName);
  return {
    kind,
    language,
    title: sign(t.title),
    summary: sign(t.summary),
    body: sign(t.body),
    measures: sign(t.measures),
    items: [],
  };
}
