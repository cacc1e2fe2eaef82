import { AppError } from '../../shared/errors'
import type { UpdateCheck, UpdateSettings } from '../../shared/procedures/updates'
import type { updateProcedures } from '../../shared/procedures/updates'
import type { CoreContext } from './context'
import type { Handlers } from './dispatcher'

/** The app's updater (electron-updater in the packaged app); absent in tests, the CLI and development. */
export interface UpdateHost {
  check(url: string): Promise<Omit<UpdateCheck, 'status'> & { status: 'current' | 'available' | 'unsupported' }>
  /** Downloads the version the last check found, then quits and installs it. */
  install(url: string): Promise<boolean>
}

const URL_KEY = 'updateUrl'

function storedUrl(context: CoreContext): string {
  const row = context.store.db.prepare('SELECT value FROM settings WHERE key = ?').get(URL_KEY) as { value: string } | undefined
  return row?.value ?? ''
}

/**
 * Updates come from an address the college sets (Settings → About), checked only when the user asks: a
 * laptop on a hotel network never downloads anything by itself. Stored in the local settings, never synced:
 * each machine may reach a different server.
 */
export function updateHandlers(context: CoreContext, host: UpdateHost | undefined, appVersion: string): Pick<Handlers, keyof typeof updateProcedures> {
  const failed = (error: unknown) =>
    error instanceof AppError ? error : new AppError('UPDATE_FAILED', `The update could not be fetched: ${error instanceof Error ? error.message : String(error)}`)
  return {
    'update.getSettings': (): UpdateSettings => ({ url: storedUrl(context) }),
    'update.setUrl': ({ url }) => {
      context.store.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
        .run(URL_KEY, url.replace(/\/+$/, ''))
      return { url: storedUrl(context) }
    },
    'update.check': async (): Promise<UpdateCheck> => {
      const url = storedUrl(context)
      if (url === '') return { status: 'noAddress', currentVersion: appVersion }
      if (!host) return { status: 'unsupported', currentVersion: appVersion }
      try {
        return await host.check(url)
      } catch (error) {
        throw failed(error)
      }
    },
    'update.install': async () => {
      const url = storedUrl(context)
      if (url === '' || !host) return { installing: false }
      try {
        return { installing: await host.install(url) }
      } catch (error) {
        throw failed(error)
      }
    },
  }
}
