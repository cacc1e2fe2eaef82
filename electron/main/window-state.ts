import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'

export const WINDOW_STATE_FILE = 'window-state.json'

export const DEFAULT_WINDOW = { width: 1280, height: 800 } as const
export const MINIMUM_WINDOW = { width: 960, height: 640 } as const

const WindowState = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(MINIMUM_WINDOW.width).max(20_000),
  height: z.number().int().min(MINIMUM_WINDOW.height).max(20_000),
  maximized: z.boolean().default(false),
})
export type WindowState = z.infer<typeof WindowState>

export interface Rectangle {
  x: number
  y: number
  width: number
  height: number
}

/** How much of the window's title bar must be on a screen for the saved place to be used again. */
const VISIBLE_TITLE_BAR = { width: 200, height: 40 }

function overlap(a: Rectangle, b: Rectangle): Rectangle {
  const x = Math.max(a.x, b.x)
  const y = Math.max(a.y, b.y)
  return { x, y, width: Math.min(a.x + a.width, b.x + b.width) - x, height: Math.min(a.y + a.height, b.y + b.height) - y }
}

/**
 * The saved size and place, if it is still sensible: a file that is unreadable, or a place on a monitor that
 * has since been unplugged (the window would open out of reach), gives the default size, centred.
 */
export function restoreWindowState(text: string | null, workAreas: readonly Rectangle[]): Partial<WindowState> & { width: number; height: number } {
  if (text === null) return { ...DEFAULT_WINDOW }
  let parsed: WindowState
  try {
    const result = WindowState.safeParse(JSON.parse(text))
    if (!result.success) return { ...DEFAULT_WINDOW }
    parsed = result.data
  } catch {
    return { ...DEFAULT_WINDOW }
  }
  const titleBar = { x: parsed.x, y: parsed.y, width: parsed.width, height: VISIBLE_TITLE_BAR.height }
  const reachable = workAreas.some((area) => {
    const seen = overlap(titleBar, area)
    return seen.width >= Math.min(VISIBLE_TITLE_BAR.width, parsed.width) && seen.height >= VISIBLE_TITLE_BAR.height
  })
  if (!reachable) return { width: parsed.width, height: parsed.height, maximized: parsed.maximized }
  return parsed
}

export function readWindowState(file: string): string | null {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return null
  }
}

/** Written beside and renamed, so a crash mid-write leaves the previous state rather than half a file. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(`${file}.partial`, `${JSON.stringify(state)}\n`)
  renameSync(`${file}.partial`, file)
}
