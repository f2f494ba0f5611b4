import i18next, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { UiLanguage } from '../lib/format';
import { type LazyNamespace, lazyNamespaces, namespaces } from './resources';

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

const isLazy = (ns: string): ns is LazyNamespace => Object.hasOwn(lazyNamespaces, ns);

/** Reads a feature's namespace from its lazily imported module (both languages are in it). */
const featureBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, namespace, callback) {
    if (!isLazy(namespace)) {
      callback(null, {});
      return;
    }
    lazyNamespaces[namespace]().then(
      (bundle) => callback(null, language === 'en' ? bundle.en : bundle.ja),
      (error: unknown) => callback(error as Error, false),
    );
  },
};

/**
 * i18next, Japanese first; the language is remembered in the browser and per user on the server.
 * The shell's namespaces are bundled; the other features' load with them (featureBackend).
 */
export const i18n = i18next.createInstance();
void i18n
  .use(initReactI18next)
  .use(featureBackend)
  .init({
    resources,
    partialBundledLanguages: true,
    lng: initialLanguage(),
    fallbackLng: 'ja',
    defaultNS: 'common',
    ns: Object.keys(namespaces),
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });

/** Loads feature namespaces ahead of their use (a route does it beside its page's chunk). */
export function loadNamespaces(...names: LazyNamespace[]): Promise<void> {
  return i18n.loadNamespaces(names);
}

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
