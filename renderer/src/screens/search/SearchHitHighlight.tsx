import { useEffect } from 'react'
import { useLocation } from 'react-router'
import { MARK_END, MARK_START } from '../../../../shared/procedures/search'

/** The query parameter that carries what a search found to the record it opens: `?hl=前沿技术`. */
export const HIGHLIGHT_PARAM = 'hl'
const HIGHLIGHT_NAME = 'search-hit'
const FIELD_CLASS = 'fb-search-hit-field'
/** The record may still be loading when the screen opens: it is looked for this long. */
const LOOK_FOR_MS = 5000
const LOOK_EVERY_MS = 100

/** The words the search marked in a result's title and snippet, each once. */
export function markedTerms(...texts: string[]): string[] {
  const terms = new Set<string>()
  for (const text of texts) {
    for (const match of text.matchAll(new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, 'g'))) {
      const term = match[1]!.trim()
      if (term) terms.add(term)
    }
  }
  return [...terms]
}

/** The record's path with the found words, so its screen can show where they are. */
export function withHighlight(path: string, terms: readonly string[]): string {
  if (terms.length === 0) return path
  const params = new URLSearchParams(terms.map((term) => [HIGHLIGHT_PARAM, term]))
  return `${path}?${params.toString()}`
}

interface Found {
  /** A form field holding the words, with where they are in its value. */
  field?: { element: HTMLInputElement | HTMLTextAreaElement; start: number; end: number }
  range?: Range
}

const highlights = () => (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights
const HighlightClass = () => (globalThis as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight

/**
 * The first place on the screen, in reading order, where a word shows: a field's value or a text. The longest word
 * is looked for first, so "classroom" is found where it is rather than the first "the" of the page.
 */
function findOnScreen(root: Element, terms: readonly string[]): Found | null {
  const lowered = [...terms].map((term) => term.toLowerCase()).sort((a, b) => b.length - a.length)
  for (const term of lowered) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) {
        const start = node.value.toLowerCase().indexOf(term)
        if (start >= 0) return { field: { element: node, start, end: start + term.length } }
      } else if (node.nodeType === Node.TEXT_NODE) {
        const parent = node.parentElement
        if (!parent || parent.closest('script, style, [aria-hidden="true"]')) continue
        const start = (node as Text).data.toLowerCase().indexOf(term)
        if (start < 0) continue
        const range = document.createRange()
        range.setStart(node, start)
        range.setEnd(node, start + term.length)
        return { range }
      }
    }
  }
  return null
}

/** Scrolls the place into view and marks it: the words themselves in a text, the field and its words in a form. */
function show(found: Found): Element | null {
  if (found.field) {
    const { element, start, end } = found.field
    element.classList.add(FIELD_CLASS)
    element.setAttribute('data-search-hit', 'true')
    element.scrollIntoView({ block: 'center' })
    element.focus({ preventScroll: true })
    element.setSelectionRange(start, end)
    return element
  }
  const range = found.range!
  const Highlight = HighlightClass()
  if (Highlight) highlights()?.set(HIGHLIGHT_NAME, new Highlight(range))
  const holder = range.startContainer.parentElement
  holder?.setAttribute('data-search-hit', 'true')
  holder?.scrollIntoView({ block: 'center' })
  return holder ?? null
}

/**
 * Opening a search result brings the user to the words found: the record's screen scrolls to the first field or
 * text holding them and highlights them. Mounted once around the screens; it acts on `?hl=` in the location.
 */
export function SearchHitHighlight() {
  const location = useLocation()
  useEffect(() => {
    const terms = new URLSearchParams(location.search).getAll(HIGHLIGHT_PARAM).filter(Boolean)
    if (terms.length === 0) return
    let shown: Element | null = null
    const started = Date.now()
    const look = () => {
      const root = document.querySelector('.ant-layout-content') ?? document.body
      const found = findOnScreen(root, terms)
      if (found) shown = show(found)
      if (found || Date.now() - started > LOOK_FOR_MS) clearInterval(timer)
    }
    const timer = setInterval(look, LOOK_EVERY_MS)
    return () => {
      clearInterval(timer)
      highlights()?.delete(HIGHLIGHT_NAME)
      shown?.classList.remove(FIELD_CLASS)
      shown?.removeAttribute('data-search-hit')
    }
  }, [location.key, location.search])
  return null
}
