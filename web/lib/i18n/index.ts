import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "../api/types.js";

export const LANGUAGES: Language[] = ["sv", "en"];
const STORAGE_KEY = "fyr.language";

function isLanguage(v: unknown): v is Language {
  return v === "sv" || v === "en";
}

/** The language someone chose in this browser (the language switch), or null when nobody did. */
export function chosenLanguage(): Language | null {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : null;
  } catch {
    return null;
  }
}

/** The language last chosen in this browser, Swedish when none. */
export function storedLanguage(): Language {
  return chosenLanguage() ?? "sv";
}

// The same choice as a cookie, so pages the server renders (the public 404 page) speak it too.
function rememberForServer(language: Language): void {
  document.cookie = `fyr_language=${language}; path=/; max-age=31536000; samesite=lax`;
}

/**
 * Switches the interface language at once and sets <html lang>; remembers it in this browser
 * unless `remember` is false (a page following its content's language, not a person's choice).
 */
export async function applyLanguage(instance: i18n, language: Language, { remember = true } = {}): Promise<void> {
  try {
    if (remember) window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode may refuse storage; the switch still applies for this page.
  }
  if (remember) rememberForServer(language);
  if (instance.language !== language) await instance.changeLanguage(language);
  document.documentElement.lang = language;
}

/** A catalogue of words per language: the console's whole one (messages.ts) or the portal's (portal-messages.ts). */
export interface Catalogue {
  sv: object;
  en: object;
}

/** Sets up react-i18next with Swedish (default) and English; returns the instance once ready. */
export async function setUpI18n(catalogue: Catalogue): Promise<i18n> {
  const language = storedLanguage();
  await i18next.use(initReactI18next).init({
    resources: { sv: { translation: catalogue.sv }, en: { translation: catalogue.en } },
    lng: language,
    fallbackLng: "sv",
    supportedLngs: LANGUAGES,
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}
