/**
 * Chinese by default, English on request; the choice is kept in localStorage. Enumeration
 * labels come from src/domain/enums (Chinese `label`, English `en`), the rest from zh.ts / en.ts.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zh } from './zh';
import { MODULES } from '../modules';

const moduleMessages = (language: 'zh' | 'en') => Object.fromEntries(Object.values(MODULES).map((m) => [m.key, m.messages[language]]));

export type Language = 'zh' | 'en';

export const LANGUAGE_KEY = 'fupin.language';

function savedLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

i18next.use(initReactI18next).init({
  resources: { zh: { translation: { ...zh, ...moduleMessages('zh') } }, en: { translation: { ...en, ...moduleMessages('en') } } },
  lng: savedLanguage(),
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const i18n = i18next;

export function currentLanguage(): Language {
  return i18next.language === 'en' ? 'en' : 'zh';
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Private windows may refuse storage; the switch still applies to this page.
  }
  void i18next.changeLanguage(language);
  document.documentElement.lang = language === 'en' ? 'en' : 'zh-CN';
}

document.documentElement.lang = currentLanguage() === 'en' ? 'en' : 'zh-CN';
