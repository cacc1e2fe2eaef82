/** Why the page is shown on its recover screen: the reason Electron gave for the page's process ending. */
export const RECOVERED_PARAMETER = 'recovered'

/**
 * The page's address after its process crashed or was killed: the same page, told to open on its recover
 * screen (renderer/src/shell/RecoverScreen.tsx), which says what happened and that the data is safe.
 */
export function recoveryUrl(pageUrl: string, reason: string): string {
  const url = new URL(pageUrl)
  url.searchParams.set(RECOVERED_PARAMETER, reason.replace(/[^a-z-]/gi, '').slice(0, 40) || 'unknown')
  url.hash = ''
  return url.toString()
}
