import { useEffect } from 'react'
import { useLocation, useNavigate } from 'react-router'

const SEARCH_PATH = '/search'
const SEARCH_BOX = '[data-search-box]'

const TEXT_FIELD = [
  'textarea',
  'select',
  '[role="combobox"]',
  '[role="textbox"]',
  ...['input:not([type])', ...['text', 'search', 'email', 'number', 'tel', 'url', 'password', 'date'].map((type) => `input[type="${type}"]`)],
].join(', ')

/** Whether the keyboard is typing into something: there "/" is a character, not a shortcut. */
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target.matches(TEXT_FIELD)
}

/** An open dialog keeps the keyboard: leaving the screen under it would lose what it holds. */
function dialogOpen(): boolean {
  return [...document.querySelectorAll<HTMLElement>('[aria-modal="true"]')].some((dialog) => dialog.getClientRects().length > 0)
}

/**
 * Ctrl+K (⌘K on a Mac) anywhere, and "/" when no text field has the keyboard, open the search screen with its
 * query box focused, as in Feishu, DingTalk and most web apps. On the search screen they focus and select the query.
 */
export function useSearchShortcut(): void {
  const navigate = useNavigate()
  const { pathname } = useLocation()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return
      const commandK = (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k'
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !typingInto(event.target)
      if ((!commandK && !slash) || dialogOpen()) return
      event.preventDefault()
      const box = document.querySelector<HTMLInputElement>(SEARCH_BOX)
      if (pathname === SEARCH_PATH && box) {
        box.focus()
        box.select()
      } else {
        // The search screen focuses its query box when it opens.
        void navigate(SEARCH_PATH)
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [navigate, pathname])
}
