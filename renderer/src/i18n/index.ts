import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { resources } from './resources'

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]
export const LANGUAGE_STORAGE_KEY = 'fieldbook.language'

/** The remembered choice, else Chinese when the system prefers any Chinese, else English. */
export function detectLanguage(stored: string | null, systemLanguages: readonly string[]): Language {
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language
  return systemLanguages.some((lang) => lang.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en'
}

export function initI18n(language: Language) {
  void i18next.use(initReactI18next).init({
    resources: { 'zh-CN': { translation: resources['zh-CN'] }, en: { translation: resources.en } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    // A key with no text is a bug: say so loudly (the end-to-end tests fail on console errors).
    saveMissing: true,
    missingKeyHandler: (_languages, _namespace, key) => console.error(`Missing translation: ${key}`),
    returnNull: false,
  })
  document.documentElement.lang = language
  return i18next
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_STORAGE_KEY, language)
  document.documentElement.lang = language
  void i18next.changeLanguage(language)
}
