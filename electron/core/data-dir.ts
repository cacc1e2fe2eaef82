import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

export const DATA_DIR_ENV = 'FIELDBOOK_DATA_DIR'
export const WORKSPACE_FOLDER = 'workspace'

/** `--data-dir DIR` or `--data-dir=DIR` from the command line, if given. */
export function dataDirFromArgs(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--data-dir') return argv[i + 1]
    if (arg.startsWith('--data-dir=')) return arg.slice('--data-dir='.length)
  }
  return undefined
}

/**
 * Where the workspace lives: the `--data-dir` flag, then FIELDBOOK_DATA_DIR, then a subfolder of the
 * platform's per-user data folder (Electron's userData in the app).
 */
export function resolveDataDir(options: {
  argv: readonly string[]
  env: Readonly<Record<string, string | undefined>>
  userDataDir: string
}): string {
  const fromArgs = dataDirFromArgs(options.argv)
  if (fromArgs) return resolve(fromArgs)
  const fromEnv = options.env[DATA_DIR_ENV]
  if (fromEnv) return resolve(fromEnv)
  return join(options.userDataDir, WORKSPACE_FOLDER)
}

export const APP_FOLDER_NAME = 'Fieldbook'

/**
 * The folder Electron calls userData, worked out without Electron, so the command line finds the same data
 * as the app: %APPDATA%\Fieldbook, ~/Library/Application Support/Fieldbook, or $XDG_CONFIG_HOME/Fieldbook.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME)
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER_NAME)
  return join(env['XDG_CONFIG_HOME'] || join(home, '.config'), APP_FOLDER_NAME)
}
