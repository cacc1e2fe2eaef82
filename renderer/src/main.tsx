import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './global.css'
import { detectLanguage, initI18n, LANGUAGE_STORAGE_KEY } from './i18n'

initI18n(detectLanguage(localStorage.getItem(LANGUAGE_STORAGE_KEY), navigator.languages))

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
