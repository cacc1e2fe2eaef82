/**
 * The symposium screen's keyboard shortcuts, in one table that both the key handler and the help panel read.
 *
 * Commands use Alt (Option on a Mac) with a letter, matched by physical key (`event.code`) so they work with
 * any layout and never type a character: a Chinese IME uses plain letters, digits, Space, Enter and Shift while
 * composing, and Ctrl with letters is taken by editing (copy, paste, undo…). Alt+F/E/V/W/H are left to the
 * window menu. Key events that belong to an IME composition are ignored altogether.
 */
export type Command =
  | 'composer'
  | 'speaker'
  | 'quote'
  | 'previousRemark'
  | 'nextRemark'
  | 'consensus'
  | 'action'
  | 'attendee'
  | 'switchSide'
  | 'info'
  | 'help'

const ALT_COMMANDS: Record<string, Command> = {
  KeyR: 'composer',
  KeyS: 'speaker',
  KeyQ: 'quote',
  ArrowUp: 'previousRemark',
  ArrowDown: 'nextRemark',
  KeyC: 'consensus',
  KeyA: 'action',
  KeyP: 'attendee',
  KeyX: 'switchSide',
  KeyI: 'info',
}

export type KeyAction = { command: Command } | { speakerNumber: number }

/** True while an IME is composing: Enter then commits the composition and must not add anything. */
export function isComposing(event: { isComposing?: boolean; keyCode?: number }): boolean {
  return Boolean(event.isComposing) || event.keyCode === 229
}

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}

/** What a key press asks of the screen, or null when it is ordinary typing. */
export function keyAction(event: KeyboardEvent): KeyAction | null {
  if (isComposing(event) || event.ctrlKey || event.metaKey) return null
  if (event.altKey) {
    const digit = /^Digit([1-9])$/.exec(event.code)
    if (digit) return { speakerNumber: Number(digit[1]) }
    const command = ALT_COMMANDS[event.code]
    return command ? { command } : null
  }
  if (event.key === 'F1') return { command: 'help' }
  // `?` is a character in a text field; elsewhere it opens the help.
  if (event.key === '?' && !isEditable(event.target)) return { command: 'help' }
  return null
}

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent)
const ALT = IS_MAC ? '⌥' : 'Alt'

/** The help panel's rows: the keys to press and what they do (`symposiums.shortcuts.<id>`). */
export const SHORTCUT_HELP: { id: string; keys: string[][] }[] = [
  { id: 'composer', keys: [[ALT, 'R']] },
  { id: 'speaker', keys: [[ALT, 'S']] },
  { id: 'speakerNumber', keys: [[ALT, '1…9']] },
  { id: 'addRemark', keys: [['Enter']] },
  { id: 'newLine', keys: [['Shift', 'Enter']] },
  { id: 'quote', keys: [[ALT, 'Q']] },
  { id: 'browseRemarks', keys: [[ALT, '↑'], [ALT, '↓']] },
  { id: 'backToComposer', keys: [['Esc']] },
  { id: 'consensus', keys: [[ALT, 'C']] },
  { id: 'action', keys: [[ALT, 'A']] },
  { id: 'attendee', keys: [[ALT, 'P']] },
  { id: 'switchSide', keys: [[ALT, 'X']] },
  { id: 'info', keys: [[ALT, 'I']] },
  { id: 'help', keys: [['?'], ['F1']] },
]

/** `Alt+S` / `⌥S`, for hints beside the controls. */
export function keyHint(letter: string): string {
  return IS_MAC ? `${ALT}${letter}` : `${ALT}+${letter}`
}
