import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/settings/settings';
import { locales } from './locales';

export const LANGUAGE_STORAGE_KEY = 'clinicdesk.language';

/** The UI language is a per-workstation choice, remembered before anyone logs in. */
export const initialLanguage = (): Language => {
  const stored = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
  return stored === 'en' ? 'en' : 'zh-CN';
};

export const createI18n = (language: Language): i18n => {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: locales['zh-CN'] }, en: { translation: locales.en } },
    interpolation: { escapeValue: false }, // React escapes; double escaping would show &lt;
    initAsync: false,
    returnNull: false,
  });
  return instance;
};
