import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/settings/settings';
import { useServices } from '../app/services';
import { LANGUAGE_STORAGE_KEY } from './i18n';

export const useLanguage = () => {
  const { i18n } = useTranslation();
  const { bridge } = useServices();
  const language: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const setLanguage = (next: Language) => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, next);
    document.documentElement.lang = next;
    void i18n.changeLanguage(next);
    void bridge.setLanguage(next);
  };
  return { language, setLanguage };
};
