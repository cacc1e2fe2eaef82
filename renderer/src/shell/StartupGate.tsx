import { useState, type ReactNode } from 'react'
import { queryKeys, useProcedure } from '../api/queries'
import { RecoverScreen } from './RecoverScreen'
import { SearchRebuildNotice } from './SearchRebuildNotice'
import { StartupScreen } from './StartupScreen'

/** Set by main when it reopened the page after a crash (electron/main/recovery.ts). */
const RECOVERED_PARAMETER = 'recovered'

/**
 * The window appears before the data is open: until the core answers its first call, the start-up screen;
 * after a crash of the page, the recover screen first. A failed first call still opens the app, whose screens
 * show the error where it matters.
 */
export function StartupGate({ children }: { children: ReactNode }) {
  const [recovered, setRecovered] = useState(() => new URLSearchParams(window.location.search).get(RECOVERED_PARAMETER))
  const info = useProcedure('app.info', {}, queryKeys.appInfo)
  if (recovered !== null) {
    return (
      <RecoverScreen
        reason={recovered}
        onContinue={() => {
          window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`)
          setRecovered(null)
        }}
      />
    )
  }
  if (info.isPending) return <StartupScreen />
  return (
    <>
      {children}
      <SearchRebuildNotice />
    </>
  )
}
