// The staff accounts test/e2e/server.ts creates before Fyr starts; each spec signs in as its own
// user so specs do not depend on one another (e.g. on who has enrolled TOTP or picked English).
export const PASSWORD = "Ljusfyr-Natt-Vakt-2026";

export const E2E_USERS = {
  admin: { email: "admin@e2e.test", name: "Admin", role: "admin" },
  keyboard: { email: "keyboard@e2e.test", name: "Kim Tangentbord", role: "admin" },
  totp: { email: "totp@e2e.test", name: "Tove Tvåsteg", role: "duty" },
  language: { email: "language@e2e.test", name: "Lena Språk", role: "analyst" },
  duty: { email: "duty@e2e.test", name: "Dag Vakthavande", role: "duty" },
  observer: { email: "observer@e2e.test", name: "Olle Observatör", role: "observer" },
  lostPhone: { email: "lost-phone@e2e.test", name: "Frida Förlorad", role: "analyst" },
  incidents: { email: "incidents@e2e.test", name: "Ines Incident", role: "duty" },
  incidentsEnglish: { email: "incidents-en@e2e.test", name: "Erik English", role: "analyst" },
  resetPassword: { email: "reset@e2e.test", name: "Rolf Återställd", role: "observer" },
  unread: { email: "unread@e2e.test", name: "Nora Nattvakt", role: "duty" },
  unreadEnglish: { email: "unread-en@e2e.test", name: "Una Unread", role: "analyst" },
  landing: { email: "landing@e2e.test", name: "Lars Landning", role: "duty" },
  landingAdmin: { email: "landing-admin@e2e.test", name: "Alva Admin", role: "admin" },
  wording: { email: "wording@e2e.test", name: "Vera Vakt", role: "duty" },
  wordingEnglish: { email: "wording-en@e2e.test", name: "Walt Watch", role: "duty" },
  yara: { email: "yara@e2e.test", name: "Ylva Regelskrivare", role: "analyst" },
  yaraEnglish: { email: "yara-en@e2e.test", name: "Yusuf Rulewriter", role: "analyst" },
  phone: { email: "phone@e2e.test", name: "Filippa Mobilsson-Långnamn", role: "admin" },
  evidence: { email: "evidence@e2e.test", name: "Eva Evidens", role: "analyst" },
  evidenceEnglish: { email: "evidence-en@e2e.test", name: "Evan Evidence", role: "analyst" },
  workspace: { email: "workspace@e2e.test", name: "Vilma Värde", role: "analyst" },
  workspaceEnglish: { email: "workspace-en@e2e.test", name: "Wes Values", role: "analyst" },
  extraction: { email: "extraction@e2e.test", name: "Elsa Extrahera", role: "analyst" },
  extractionEnglish: { email: "extraction-en@e2e.test", name: "Ethan Extract", role: "analyst" },
  feeds: { email: "feeds@e2e.test", name: "Frans Flöde", role: "duty" },
  feedsEnglish: { email: "feeds-en@e2e.test", name: "Fiona Feed", role: "analyst" },
  feedSources: { email: "feed-sources@e2e.test", name: "Signe Källa", role: "admin" },
  feedSourcesEnglish: { email: "feed-sources-en@e2e.test", name: "Sam Source", role: "admin" },
  constituency: { email: "constituency@e2e.test", name: "Karin Katalog", role: "admin" },
  constituencyAnalyst: { email: "constituency-analyst@e2e.test", name: "Anders Analys", role: "analyst" },
  constituencyEnglish: { email: "constituency-en@e2e.test", name: "Carl Directory", role: "admin" },
  constituencyAnalystEnglish: { email: "constituency-analyst-en@e2e.test", name: "Alice Analyst", role: "analyst" },
} as const;

export type E2EUser = (typeof E2E_USERS)[keyof typeof E2E_USERS];
