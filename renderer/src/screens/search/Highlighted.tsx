import { Fragment } from 'react'
import { MARK_END, MARK_START } from '../../../../shared/procedures/search'

/**
 * Text with the core's private highlight markers turned into <mark> elements. The text is only ever rendered
 * as text, never as HTML, so nothing typed into a record can inject markup.
 */
export function Highlighted({ text }: { text: string }) {
  const parts: { text: string; marked: boolean }[] = []
  let rest = text
  while (rest.length > 0) {
    const start = rest.indexOf(MARK_START)
    if (start < 0) {
      parts.push({ text: rest, marked: false })
      break
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), marked: false })
    const end = rest.indexOf(MARK_END, start + 1)
    const stop = end < 0 ? rest.length : end
    parts.push({ text: rest.slice(start + 1, stop), marked: true })
    rest = rest.slice(stop + 1)
  }
  return (
    <>
      {parts.map((part, index) =>
        part.marked ? (
          <mark key={index} style={{ padding: 0, background: '#ffe58f', color: 'inherit', borderRadius: 2 }}>
            {part.text}
          </mark>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </>
  )
}

/** The text without markers, for labels and tooltips. */
export function plain(text: string): string {
  return text.replaceAll(MARK_START, '').replaceAll(MARK_END, '')
}
