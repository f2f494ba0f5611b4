import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { UiLanguage } from '../lib/format';
import { namespaces } from './resources';

export const LANGUAGE_KEY = 'banso.language';

function initialLanguage(): UiLanguage {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

const resources = {
  ja: Object.fromEntries(Object.entries(namespaces).map(([ns, value]) => [ns, value.ja])),
  en: Object.fromEntries(Object.entries(namespaces).map(([ns, value]) => [ns, value.en])),
};

/** i18next, Japanese first; the language is remembered in the browser and per user on the server. */
export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'ja',
  defaultNS: 'common',
  ns: Object.keys(namespaces),
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(LANGUAGE_KEY, lng);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
});
document.documentElement.lang = i18n.language;

export const currentLanguage = (): UiLanguage => (i18n.language === 'en' ? 'en' : 'ja');
